package dev.babeldesk.mail;

import jakarta.mail.internet.InternetAddress;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Message-IDs of emailed replies, which carry a thread token: {@code <bd.TOKEN@shop.example>}.
 * Mail programs put the id of the email answered in the answer's In-Reply-To and References headers.
 */
final class MessageIds {
    private static final Pattern THREAD = Pattern.compile("<bd\\.([A-Za-z0-9_-]{20,64})@[^<>\\s]+>");

    private MessageIds() {}

    /** The Message-ID of an email of {@code thread}, in the sender's domain (as RFC 5322 recommends). */
    static String of(String thread, InternetAddress from) {
        String address = from.getAddress();
        return "<bd." + thread + "@" + address.substring(address.indexOf('@') + 1) + ">";
    }

    /** The thread tokens named in header values (In-Reply-To, References), in order, without repeats. */
    static List<String> threads(String... headers) {
        List<String> out = new ArrayList<>();
        for (String header : headers) {
            if (header == null) continue;
            Matcher m = THREAD.matcher(header);
            while (m.find()) if (!out.contains(m.group(1))) out.add(m.group(1));
        }
        return out;
    }
}
