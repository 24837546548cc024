package dev.babeldesk.insight;

import java.util.regex.Pattern;

/**
 * Takes email addresses and long numbers (phone, card, account numbers) out of question text
 * before it is shown on the insight page or exported. Names cannot be found reliably in free
 * text; the insight views never show the shopper's name or email from the conversation itself.
 */
public final class PersonalData {
    private static final Pattern EMAIL = Pattern.compile("[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)+");
    /** Nine or more digits, possibly split by spaces, dots, dashes, slashes or brackets, optionally after a +. */
    private static final Pattern LONG_NUMBER = Pattern.compile("\\+?\\(?\\d(?:[\\s./()-]{0,2}\\d){8,}");

    private PersonalData() {}

    public static String mask(String text) {
        if (text == null) return null;
        String noEmails = EMAIL.matcher(text).replaceAll("[email]");
        return LONG_NUMBER.matcher(noEmails).replaceAll("[number]");
    }
}
