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
            "closed", "survey", "fallback_language", "agent", "mail_subject", "mail_intro", "mail_answer_by_reply",
            "mail_answer_in_chat", "mail_picture");

    private final Map<String, Map<String, String>> byLanguage;
    private final String defaultLanguage;

    public SystemMessages(Map<String, Map<String, String>> byLanguage, String defaultLanguage) {
        this.byLanguage = Map.copyOf(byLanguage);
        this.defaultLanguage = defaultLanguage;
    }

    /** Reads every {@code web-widget/i18n/<lang>.json} on the classpath (a folder or inside the jar). */
    public static SystemMessages fromClasspath(String defaultLanguage) {
        Map<String, Map<String, String>> all = new TreeMap<>();
        ObjectMapper json = new ObjectMapper();
        for (String lang : languagesOnClasspath()) {
            try (InputStream in = SystemMessages.class.getResourceAsStream(FOLDER + lang + ".json")) {
                if (in != null) all.put(lang, json.readValue(in, new TypeReference<Map<String, String>>() {}));
            } catch (IOException e) {
                throw new UncheckedIOException("reading the " + lang + " texts", e);
            }
        }
        return new SystemMessages(all, defaultLanguage);
    }

    private static final String FOLDER = "/web-widget/i18n/";

    /** The languages with a text file, found through en.json, which every build has. */
    static java.util.List<String> languagesOnClasspath() {
        java.net.URL english = SystemMessages.class.getResource(FOLDER + "en.json");
        if (english == null) return java.util.List.of();
        try {
            java.net.URI uri = english.toURI();
            if (uri.getScheme().equals("jar")) {
                try (java.nio.file.FileSystem jar = java.nio.file.FileSystems.newFileSystem(uri, Map.of())) {
                    return list(jar.getPath(FOLDER));
                }
            }
            return list(java.nio.file.Path.of(uri).getParent());
        } catch (java.net.URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot list the widget's texts", e);
        }
    }

    private static java.util.List<String> list(java.nio.file.Path folder) throws IOException {
        try (var files = java.nio.file.Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - ".json".length())).sorted().toList();
        }
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
