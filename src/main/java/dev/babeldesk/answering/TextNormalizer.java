package dev.babeldesk.answering;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Lower case without accents, apostrophes unified: how lexicons are written and matched. */
final class TextNormalizer {
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private TextNormalizer() {}

    static String normalize(String text) {
        String lower = text.toLowerCase(Locale.ROOT).replace('ı', 'i').replace('’', '\'').replace('`', '\'');
        return Normalizer.normalize(MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFD)).replaceAll(""),
                Normalizer.Form.NFC);
    }
}
