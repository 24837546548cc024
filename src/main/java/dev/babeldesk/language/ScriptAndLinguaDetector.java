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
 * Default detector: the Unicode script settles Chinese, Japanese and Korean, and any language
 * that is the only one of the base written in its script (Arabic, Greek, Hebrew...), for free;
 * lingua, restricted to the knowledge base's languages, decides the rest, on the text without
 * the capitalised names in it. Chat messages are short and full of order numbers, so those are
 * stripped and a declared locale wins whenever the text does not clearly point elsewhere.
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
    /** The script of languages not written in Latin letters (Chinese, Japanese and Korean are handled apart). */
    private static final Map<String, Character.UnicodeScript> SCRIPTS = Map.ofEntries(
            Map.entry("ar", Character.UnicodeScript.ARABIC), Map.entry("fa", Character.UnicodeScript.ARABIC),
            Map.entry("ur", Character.UnicodeScript.ARABIC), Map.entry("he", Character.UnicodeScript.HEBREW),
            Map.entry("yi", Character.UnicodeScript.HEBREW), Map.entry("el", Character.UnicodeScript.GREEK),
            Map.entry("ru", Character.UnicodeScript.CYRILLIC), Map.entry("uk", Character.UnicodeScript.CYRILLIC),
            Map.entry("bg", Character.UnicodeScript.CYRILLIC), Map.entry("sr", Character.UnicodeScript.CYRILLIC),
            Map.entry("mk", Character.UnicodeScript.CYRILLIC), Map.entry("be", Character.UnicodeScript.CYRILLIC),
            Map.entry("kk", Character.UnicodeScript.CYRILLIC), Map.entry("th", Character.UnicodeScript.THAI),
            Map.entry("hi", Character.UnicodeScript.DEVANAGARI), Map.entry("mr", Character.UnicodeScript.DEVANAGARI),
            Map.entry("ne", Character.UnicodeScript.DEVANAGARI), Map.entry("ka", Character.UnicodeScript.GEORGIAN),
            Map.entry("hy", Character.UnicodeScript.ARMENIAN), Map.entry("bn", Character.UnicodeScript.BENGALI),
            Map.entry("ta", Character.UnicodeScript.TAMIL), Map.entry("te", Character.UnicodeScript.TELUGU),
            Map.entry("km", Character.UnicodeScript.KHMER), Map.entry("lo", Character.UnicodeScript.LAO),
            Map.entry("my", Character.UnicodeScript.MYANMAR), Map.entry("am", Character.UnicodeScript.ETHIOPIC));

    private static final Set<String> CJK = Set.of("zh", "ja", "ko");

    private final String defaultLanguage;
    /** KB tag by primary subtag: "pt" -> "pt-BR" when that is the folder. */
    private final Map<String, String> tagByPrimary = new HashMap<>();
    private final Map<Language, String> tagByLingua = new HashMap<>();
    /** Scripts in which exactly one of the base's languages is written, with that language. */
    private final Map<Character.UnicodeScript, String> ownScriptLanguages = new HashMap<>();
    private final com.github.pemistahl.lingua.api.LanguageDetector lingua;
    /** Without lingua, the base's one language besides Chinese, Japanese and Korean; else null. */
    private final Language onlyOtherThanCjk;

    public ScriptAndLinguaDetector(Set<String> languages, String defaultLanguage) {
        this.defaultLanguage = defaultLanguage;
        for (String tag : languages) {
            tagByPrimary.putIfAbsent(LanguageTags.primary(tag), tag);
            // Chinese, Japanese and Korean are settled by their scripts before lingua is asked, so
            // loading their models (0.7 s of a core at start-up) would buy nothing.
            Language l = CJK.contains(LanguageTags.primary(tag)) ? null : linguaLanguage(LanguageTags.primary(tag));
            if (l != null) tagByLingua.putIfAbsent(l, tag);
        }
        Map<Character.UnicodeScript, List<String>> byScriptLanguages = new HashMap<>();
        for (String tag : tagByPrimary.values()) {
            Character.UnicodeScript script = SCRIPTS.get(LanguageTags.primary(tag));
            if (script != null) byScriptLanguages.computeIfAbsent(script, k -> new java.util.ArrayList<>()).add(tag);
        }
        byScriptLanguages.forEach((script, tags) -> {
            if (tags.size() == 1) ownScriptLanguages.put(script, tags.get(0));
        });
        this.lingua = tagByLingua.size() >= 2
                ? LanguageDetectorBuilder.fromLanguages(tagByLingua.keySet().toArray(Language[]::new))
                        .withPreloadedLanguageModels().build()
                : null;
        // English beside Japanese: text that the script check left over is not Japanese, so it is the
        // one other language, as lingua restricted to the two would have said.
        this.onlyOtherThanCjk = lingua == null && tagByLingua.size() == 1
                && tagByPrimary.keySet().stream().anyMatch(CJK::contains)
                ? tagByLingua.keySet().iterator().next() : null;
    }

    @Override
    public Detection detect(String text, String prior) {
        String priorTag = prior == null ? null : tagByPrimary.get(LanguageTags.primary(prior));
        String fallback = priorTag != null ? priorTag : defaultLanguage;
        String cleaned = NOISE.matcher(text).replaceAll(" ").strip();

        String byScript = byScript(cleaned, priorTag);
        if (byScript != null) return new Detection(byScript, true);
        String byOwnScript = byOwnScript(cleaned);
        if (byOwnScript != null) return new Detection(byOwnScript, true);

        long letters = cleaned.codePoints().filter(Character::isLetter).count();
        if (letters == 0 || lingua == null && onlyOtherThanCjk == null) return new Detection(fallback, false);

        SortedMap<Language, Double> confidences = lingua != null
                ? lingua.computeLanguageConfidenceValues(withoutNames(cleaned))
                : new java.util.TreeMap<>(Map.of(onlyOtherThanCjk, 1.0));
        if (confidences.isEmpty()) return new Detection(fallback, false);
        Language top = confidences.firstKey();
        String topTag = tagByLingua.get(top);
        if (topTag == null) return new Detection(fallback, false);
        // The declared locale, or else the default language, holds unless the text clearly says otherwise:
        // "hello" or "ok" alone prove nothing.
        if (topTag.equals(fallback)) return new Detection(topTag, letters >= SHORT_TEXT_LETTERS);
        double topShare = confidences.get(top);
        double fallbackShare = share(fallback, confidences);
        // A declared locale holds for short messages. Without one, the fallback is only the default
        // language, a guess: a short message overrules it when lingua is clear.
        boolean clear = priorTag == null
                ? letters >= SHORT_TEXT_LETTERS || topShare - fallbackShare >= OVERRULE_MARGIN
                : letters >= SHORT_TEXT_LETTERS && topShare - fallbackShare >= OVERRULE_MARGIN;
        return clear ? new Detection(topTag, true) : new Detection(fallback, false);
    }

    /**
     * The text without the capitalised words after the first (names of films, shops, places, often
     * English whatever the shopper writes in), when enough is left to go on; else the text.
     */
    static String withoutNames(String text) {
        String[] words = text.strip().split("\\s+");
        StringBuilder kept = new StringBuilder(words[0]);
        int letters = (int) words[0].codePoints().filter(Character::isLetter).count();
        for (int i = 1; i < words.length; i++) {
            if (!words[i].isEmpty() && Character.isUpperCase(words[i].codePointAt(0))) continue;
            kept.append(' ').append(words[i]);
            letters += (int) words[i].codePoints().filter(Character::isLetter).count();
        }
        return letters >= SHORT_TEXT_LETTERS ? kept.toString() : text;
    }

    private double share(String tag, SortedMap<Language, Double> confidences) {
        for (Map.Entry<Language, String> e : tagByLingua.entrySet()) {
            if (e.getValue().equals(tag)) return confidences.getOrDefault(e.getKey(), 0.0);
        }
        return 0.0;
    }

    /**
     * A script that only one of the base's languages is written in (Arabic, Hebrew, Greek, Thai,
     * Cyrillic with one Cyrillic language...) settles the language once it carries two words, or
     * all the letters: the Latin words beside it are names of products, films, places.
     */
    private String byOwnScript(String text) {
        Map<Character.UnicodeScript, Integer> words = new HashMap<>();
        Character.UnicodeScript previous = null;
        boolean onlyOneScript = true;
        Character.UnicodeScript seen = null;
        for (int cp : text.codePoints().toArray()) {
            if (!Character.isLetter(cp)) {
                previous = null;
                continue;
            }
            Character.UnicodeScript script = Character.UnicodeScript.of(cp);
            if (script != previous) words.merge(script, 1, Integer::sum);
            if (seen != null && seen != script) onlyOneScript = false;
            seen = script;
            previous = script;
        }
        for (Map.Entry<Character.UnicodeScript, Integer> e : words.entrySet()) {
            if (e.getKey() == Character.UnicodeScript.LATIN || e.getKey() == Character.UnicodeScript.COMMON) continue;
            String only = ownScriptLanguages.get(e.getKey());
            if (only != null && (e.getValue() >= 2 || onlyOneScript)) return only;
        }
        return null;
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
        // Two Chinese or Japanese characters settle it even among more Latin letters: those are names
        // ("我想看Outcast"); a Latin-script message rarely quotes two.
        if (cjk == 0 || cjk < 2 && other > 0) return null;
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
                .filter(e -> !tagByLingua.containsValue(e.getValue()) && !CJK.contains(e.getKey()))
                .map(Map.Entry::getValue).sorted().toList();
    }
}
