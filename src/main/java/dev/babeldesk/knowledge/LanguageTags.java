package dev.babeldesk.knowledge;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Language folder names: well-formed BCP 47 tags whose language is a known ISO 639 code. */
public final class LanguageTags {
    private static final Set<String> ISO_LANGUAGES = Set.of(Locale.getISOLanguages());

    private LanguageTags() {}

    public static Optional<String> canonical(String tag) {
        Locale locale;
        try {
            locale = new Locale.Builder().setLanguageTag(tag.replace('_', '-')).build();
        } catch (java.util.IllformedLocaleException e) {
            return Optional.empty();
        }
        if (!ISO_LANGUAGES.contains(locale.getLanguage())) return Optional.empty();
        return Optional.of(locale.toLanguageTag());
    }

    /** The primary language subtag: {@code pt-BR} gives {@code pt}. */
    public static String primary(String tag) {
        int dash = tag.indexOf('-');
        return (dash < 0 ? tag : tag.substring(0, dash)).toLowerCase(Locale.ROOT);
    }
}
