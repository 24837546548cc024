package dev.babeldesk.answering;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Lower case without accents, apostrophes unified: how lexicons are written and matched. */
final class TextNormalizer {
    /**
     * Accents of Latin, Greek and Cyrillic letters and Arabic vowel signs. Not every mark: the
     * Japanese voicing marks (゛゜) change the word, so they stay.
     */
    private static final Pattern MARKS = Pattern.compile("[\\u0300-\\u036f\\u064b-\\u065f\\u0670]+");

    private TextNormalizer() {}

    static String normalize(String text) {
        String lower = text.toLowerCase(Locale.ROOT).replace('ı', 'i').replace('’', '\'').replace('`', '\'');
        return Normalizer.normalize(MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFD)).replaceAll(""),
                Normalizer.Form.NFC);
    }
}
