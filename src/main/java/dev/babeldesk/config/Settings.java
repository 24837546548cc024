package dev.babeldesk.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Every key the configuration accepts. Adding a key here is the only way to add one. */
public final class Settings {
    private Settings() {}

    public static final Setting<String> HOST = new Setting<>("server.host", "0.0.0.0",
            "Interface the HTTP server binds to", Settings::nonBlank);
    public static final Setting<Integer> PORT = new Setting<>("server.port", "8080",
            "HTTP port (0 picks a free port)", s -> intBetween(s, 0, 65535));
    public static final Setting<Path> KNOWLEDGE_PATH = new Setting<>("knowledge.path", "knowledge-base",
            "Folder of the knowledge base (`<lang>/<id>.md`)", s -> Path.of(nonBlank(s)));
    public static final Setting<String> DEFAULT_LANGUAGE = new Setting<>("knowledge.default-language", "en",
            "Language used when a message's language cannot be told or an answer lacks a translation",
            Settings::languageTag);
    public static final Setting<Double> ANSWER_THRESHOLD = new Setting<>("answering.answer-threshold", "0.7",
            "Confidence at or above which the bot answers directly", s -> doubleBetween(s, 0, 1));
    public static final Setting<Double> HANDOFF_THRESHOLD = new Setting<>("answering.handoff-threshold", "0.4",
            "Confidence below which the bot hands off to a person; in between it offers choices",
            s -> doubleBetween(s, 0, 1));
    public static final Setting<Integer> MAX_MESSAGE_CHARS = new Setting<>("chat.max-message-chars", "2000",
            "Longest shopper message accepted, in characters", s -> intBetween(s, 1, 100_000));

    public static final List<Setting<?>> ALL = List.of(
            HOST, PORT, KNOWLEDGE_PATH, DEFAULT_LANGUAGE, ANSWER_THRESHOLD, HANDOFF_THRESHOLD, MAX_MESSAGE_CHARS);

    static String nonBlank(String s) {
        if (s.isBlank()) throw new IllegalArgumentException("must not be empty");
        return s;
    }

    static int intBetween(String s, int min, int max) {
        int value;
        try {
            value = Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + s + "' is not a whole number");
        }
        if (value < min || value > max) throw new IllegalArgumentException(value + " is not between " + min + " and " + max);
        return value;
    }

    static double doubleBetween(String s, double min, double max) {
        double value;
        try {
            value = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + s + "' is not a number");
        }
        if (!(value >= min && value <= max)) throw new IllegalArgumentException(s + " is not between " + min + " and " + max);
        return value;
    }

    static String languageTag(String s) {
        Locale locale = Locale.forLanguageTag(nonBlank(s));
        if (locale.getLanguage().isEmpty() || !locale.toLanguageTag().equalsIgnoreCase(s)) {
            throw new IllegalArgumentException("'" + s + "' is not a BCP 47 language tag such as en or pt-BR");
        }
        return locale.toLanguageTag();
    }

}
