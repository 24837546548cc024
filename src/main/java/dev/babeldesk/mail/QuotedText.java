package dev.babeldesk.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a person wrote in an answer, without the email they answered, which mail programs quote
 * below it: lines starting with "&gt;", or everything after an attribution line ("On Monday, Ben
 * wrote:", "Am Montag schrieb Ben:", Outlook's "From:" block or its underscore rule).
 */
public final class QuotedText {
    /** Where the quoted part starts, by the mail programs and languages shoppers use. */
    private static final List<Pattern> STARTS = List.of(
            Pattern.compile("^>"),
            Pattern.compile("^-{2,}\\s*(Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original|Messaggio originale|Oorspronkelijk bericht|Orijinal mesaj)\\s*-{2,}", Pattern.CASE_INSENSITIVE),
            Pattern.compile("^_{10,}$"),
            Pattern.compile("^(From|Von|De|Da|Van|Kimden|От|发件人|差出人|من)\\s*[:：].+@"),
            Pattern.compile("^(On|Am|Le|El|Il|Op|Em)\\s.+(wrote|schrieb|écrit|escribió|scritto|schreef|escreveu).*:\\s*$", Pattern.CASE_INSENSITIVE),
            Pattern.compile(".+(wrote|schrieb|a écrit|escribió|ha scritto|schreef|yazdı|написал\\(а\\)|写道|のメッセージ|كتب)\\s*[:：]\\s*$", Pattern.CASE_INSENSITIVE),
            Pattern.compile("^在.+写道[:：]?\\s*$"),
            Pattern.compile("^\\d{4}年\\d{1,2}月\\d{1,2}日.+[:：]\\s*$"));

    /** An attribution too long for one line is wrapped: "On Mon, 1 Dec 2026 at 10:02, Ben" / "&lt;ben@…&gt; wrote:". */
    private static final Pattern WRAPPED_START = Pattern.compile("^(On|Am|Le|El|Il|Op|Em)\\s.*\\d", Pattern.CASE_INSENSITIVE);
    private static final Pattern WRAPPED_END = Pattern.compile("(wrote|schrieb|écrit|escribió|scritto|schreef|escreveu)\\s*:\\s*$", Pattern.CASE_INSENSITIVE);

    private QuotedText() {}

    /** The text above the first quoted line, trimmed; empty when the answer is only a quote. */
    public static String strip(String text) {
        List<String> kept = new ArrayList<>();
        for (String line : text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1)) {
            String trimmed = line.strip();
            if (STARTS.stream().anyMatch(p -> p.matcher(trimmed).find())) {
                if (WRAPPED_END.matcher(trimmed).find() && !kept.isEmpty() && WRAPPED_START.matcher(kept.getLast().strip()).find()) {
                    kept.removeLast();
                }
                break;
            }
            kept.add(line.stripTrailing());
        }
        return String.join("\n", kept).replaceAll("\n{3,}", "\n\n").strip();
    }
}
