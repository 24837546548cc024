package dev.babeldesk.conversation;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The texts the server says to shoppers (greeting, waiting, agent joined ...), in every language
 * of the widget. They come from the same files as the widget's own texts
 * ({@code web-widget/i18n/<lang>.json}), so the two cannot disagree.
 */
public final class SystemMessages {
    /** Keys the server uses; every language must have them (a test checks it). */
    public static final List<String> KEYS = List.of("greeting", "waiting", "agent_joined", "back_to_bot", "offline",
            "closed", "survey", "fallback_language");

    private final Map<String, Map<String, String>> byLanguage;
    private final String defaultLanguage;

    public SystemMessages(Map<String, Map<String, String>> byLanguage, String defaultLanguage) {
        this.byLanguage = Map.copyOf(byLanguage);
        this.defaultLanguage = defaultLanguage;
    }

    /** Reads {@code web-widget/i18n/<lang>.json} from the classpath for each language that has one. */
    public static SystemMessages fromClasspath(java.util.Collection<String> languages, String defaultLanguage) {
        Map<String, Map<String, String>> all = new TreeMap<>();
        ObjectMapper json = new ObjectMapper();
        java.util.Set<String> wanted = new java.util.TreeSet<>();
        languages.forEach(l -> wanted.add(primary(l)));
        wanted.add(primary(defaultLanguage));
        wanted.add("en");
        for (String lang : wanted) {
            try (InputStream in = SystemMessages.class.getResourceAsStream("/web-widget/i18n/" + lang + ".json")) {
                if (in != null) all.put(lang, json.readValue(in, new TypeReference<Map<String, String>>() {}));
            } catch (IOException e) {
                throw new UncheckedIOException("reading the " + lang + " texts", e);
            }
        }
        return new SystemMessages(all, defaultLanguage);
    }

    public Map<String, Map<String, String>> all() {
        return byLanguage;
    }

    /** The text for {@code key} in {@code language}, else in the default language, else English; {name} filled in. */
    public String text(String key, String language, Map<String, String> params) {
        String text = lookup(key, language);
        for (Map.Entry<String, String> p : params.entrySet()) text = text.replace("{" + p.getKey() + "}", p.getValue());
        return text;
    }

    /** The language the text will actually be in. */
    public String languageOf(String key, String language) {
        if (language != null && has(primary(language), key)) return primary(language);
        if (has(defaultLanguage, key)) return defaultLanguage;
        return "en";
    }

    private String lookup(String key, String language) {
        String lang = languageOf(key, language);
        String text = byLanguage.getOrDefault(lang, Map.of()).get(key);
        return text != null ? text : key;
    }

    private boolean has(String lang, String key) {
        return byLanguage.containsKey(lang) && byLanguage.get(lang).containsKey(key);
    }

    private static String primary(String tag) {
        int dash = tag.indexOf('-');
        return (dash < 0 ? tag : tag.substring(0, dash)).toLowerCase(java.util.Locale.ROOT);
    }
}
