package dev.babeldesk.conversation;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;

/**
 * Checks the signature a shop's backend puts on a logged-in shopper's identity:
 * {@code hex(HMAC-SHA256(secret, id + "\n" + email + "\n" + name + "\n" + timestamp))}, with the
 * timestamp in Unix seconds and at most a day old, so a signature copied from a page stops
 * working.
 */
public final class IdentityVerifier {
    static final long MAX_AGE_SECONDS = 24 * 3600;

    private final byte[] secret;
    private final Clock clock;

    /** @param secret the shared secret, or empty to accept no identity as verified */
    public IdentityVerifier(String secret, Clock clock) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    public static String sign(String secret, String id, String email, String name, long timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload(id, email, name, timestamp).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean verified(String id, String email, String name, long timestamp, String signature) {
        if (secret.length == 0 || signature == null) return false;
        if (Math.abs(clock.instant().getEpochSecond() - timestamp) > MAX_AGE_SECONDS) return false;
        String expected = sign(new String(secret, StandardCharsets.UTF_8), id, email, name, timestamp);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                signature.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8));
    }

    private static String payload(String id, String email, String name, long timestamp) {
        return nullToEmpty(id) + "\n" + nullToEmpty(email) + "\n" + nullToEmpty(name) + "\n" + timestamp;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
