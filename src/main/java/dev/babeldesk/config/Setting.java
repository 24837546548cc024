package dev.babeldesk.config;

import java.util.function.Function;

/**
 * One configuration key: its dotted name in the YAML file, the environment variable that
 * overrides it, its default and how a raw text value becomes a checked value.
 * The README's configuration table is generated from these, so the docs cannot drift.
 */
public record Setting<T>(String key, String defaultValue, String description, Function<String, T> parser) {

    /** {@code answering.answer-threshold} becomes {@code BABELDESK_ANSWERING_ANSWER_THRESHOLD}. */
    public String environmentVariable() {
        return "BABELDESK_" + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    T parse(String raw) {
        return parser.apply(raw.strip());
    }
}
