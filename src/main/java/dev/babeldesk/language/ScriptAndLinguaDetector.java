package dev.babeldesk.language;

import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import dev.babeldesk.knowledge.LanguageTags;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.regex.Pattern;

/**
 * Default detector: the Unicode script settles Chinese, Japanese and Korean for free; lingua,
 * restricted to the knowledge base's languages, decides the rest. Chat messages are short and
 * full of order numbers, so those are stripped and a declared locale wins whenever the text
 * does not clearly point elsewhere.
 */
public final class ScriptAndLinguaDetector implements LanguageDetector {
    private static final Pattern NOISE = Pattern.compile("https?://\\S+|\\S+@\\S+|[#\\d][\\w-]*\\d[\\w-]*|[\\p{Punct}\\d]+");
    /** Below this many letters, the text alone is not trusted over a declared locale. */
    private static final int SHORT_TEXT_LETTERS = 12;
    /**
     * lingua (1.2) gives confidences relative to the top language (top = 1.0). The prior is
     * overruled when its relative confidence is at most 1 minus this: an English sentence after a
     * German one scores German about 0.84, a German sentence on an English page English about 0.6.
     */
    private static final double OVERRULE_MARGIN = 0.1;

    private final String defaultLanguage;
    /** KB tag by primary subtag: "pt" -> "pt-BR" when that is the folder. */
    private final Map<String, String> tagByPrimary = new HashMap<>();
    private final Map<Language, String> tagByLingua = new HashMap<>();
    private final com.github.pemistahl.lingua.api.LanguageDetector lingua;

    public ScriptAndLinguaDetector(Set<String> languages, String defaultLanguage) {
        this.defaultLanguage = defaultLanguage;
        for (String tag : languages) {
            tagByPrimary.putIfAbsent(LanguageTags.primary(tag), tag);
            Language l = linguaLanguage(LanguageTags.primary(tag));
            if (l != null) tagByLingua.putIfAbsent(l, tag);
        }
        this.lingua = tagByLingua.size() >= 2
                ? LanguageDetectorBuilder.fromLanguages(tagByLingua.keySet().toArray(Language[]::new))
                        .withPreloadedLanguageModels().build()
                : null;
    }

    @Override
    public Detection detect(String text, String prior) {
        String priorTag = prior == null ? null : tagByPrimary.get(LanguageTags.primary(prior));
        String fallback = priorTag != null ? priorTag : defaultLanguage;
        String cleaned = NOISE.matcher(text).replaceAll(" ").strip();

        String byScript = byScript(cleaned, priorTag);
        if (byScript != null) return new Detection(byScript, true);

        long letters = cleaned.codePoints().filter(Character::isLetter).count();
        if (letters == 0 || lingua == null) return new Detection(fallback, false);

        SortedMap<Language, Double> confidences = lingua.computeLanguageConfidenceValues(cleaned);
        if (confidences.isEmpty()) return new Detection(fallback, false);
        Language top = confidences.firstKey();
        String topTag = tagByLingua.get(top);
        if (topTag == null) return new Detection(fallback, false);
        // The declared locale, or else the default language, holds unless the text clearly says otherwise:
        // "hello" or "ok" alone prove nothing.
        if (topTag.equals(fallback)) return new Detection(topTag, letters >= SHORT_TEXT_LETTERS);
        double topShare = confidences.get(top);
        double fallbackShare = share(fallback, confidences);
        boolean clear = letters >= SHORT_TEXT_LETTERS && (priorTag == null || topShare - fallbackShare >= OVERRULE_MARGIN);
        return clear ? new Detection(topTag, true) : new Detection(fallback, false);
    }

    private double share(String tag, SortedMap<Language, Double> confidences) {
        for (Map.Entry<Language, String> e : tagByLingua.entrySet()) {
            if (e.getValue().equals(tag)) return confidences.getOrDefault(e.getKey(), 0.0);
        }
        return 0.0;
    }

    /** Kana means Japanese; Han without kana means Chinese (or Japanese when only that exists); Hangul, Korean. */
    private String byScript(String text, String priorTag) {
        int han = 0, kana = 0, hangul = 0, other = 0;
        for (int cp : text.codePoints().toArray()) {
            if (!Character.isLetter(cp)) continue;
            Character.UnicodeScript script = Character.UnicodeScript.of(cp);
            switch (script) {
                case HAN -> han++;
                case HIRAGANA, KATAKANA -> kana++;
                case HANGUL -> hangul++;
                default -> other++;
            }
        }
        int cjk = han + kana + hangul;
        if (cjk == 0 || cjk < other) return null;
        if (kana > 0 && tagByPrimary.containsKey("ja")) return tagByPrimary.get("ja");
        if (hangul > 0 && tagByPrimary.containsKey("ko")) return tagByPrimary.get("ko");
        if (han > 0) {
            // Kanji alone is valid Japanese too: a declared Japanese page decides.
            if (priorTag != null && LanguageTags.primary(priorTag).equals("ja")) return priorTag;
            if (tagByPrimary.containsKey("zh")) return tagByPrimary.get("zh");
            if (tagByPrimary.containsKey("ja")) return tagByPrimary.get("ja");
        }
        return null;
    }

    private static Language linguaLanguage(String primary) {
        for (IsoCode639_1 code : IsoCode639_1.values()) {
            if (code.name().toLowerCase(Locale.ROOT).equals(primary)) {
                Language l = Language.getByIsoCode639_1(code);
                return l == Language.UNKNOWN ? null : l;
            }
        }
        return null;
    }

    public String defaultLanguage() {
        return defaultLanguage;
    }

    /** Languages of the base that neither the script check nor lingua can recognise. */
    public List<String> unrecognisable() {
        return tagByPrimary.entrySet().stream()
                .filter(e -> !tagByLingua.containsValue(e.getValue()) && !List.of("zh", "ja", "ko").contains(e.getKey()))
                .map(Map.Entry::getValue).sorted().toList();
    }
}
