package dev.babeldesk.conversation;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A shopper is verified only by a fresh signature from the shop's backend over exactly these values. */
class IdentityVerifierTest {
    private static final long NOW = 1_800_000_000L;
    private final IdentityVerifier verifier = new IdentityVerifier("s3cret",
            Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));

    @Test
    void a_signature_made_with_the_shared_secret_verifies() {
        String signature = IdentityVerifier.sign("s3cret", "cust-42", "ana@example.com", "Ana", NOW - 60);
        assertTrue(verifier.verified("cust-42", "ana@example.com", "Ana", NOW - 60, signature));
        assertTrue(verifier.verified("cust-42", "ana@example.com", "Ana", NOW - 60, signature.toUpperCase()));
    }

    @Test
    void a_changed_value_a_wrong_secret_an_old_timestamp_or_no_signature_does_not() {
        String signature = IdentityVerifier.sign("s3cret", "cust-42", "ana@example.com", "Ana", NOW);
        assertFalse(verifier.verified("cust-42", "eve@example.com", "Ana", NOW, signature));
        assertFalse(verifier.verified("cust-42", "ana@example.com", "Ana", NOW,
                IdentityVerifier.sign("guess", "cust-42", "ana@example.com", "Ana", NOW)));
        long old = NOW - IdentityVerifier.MAX_AGE_SECONDS - 1;
        assertFalse(verifier.verified("cust-42", "ana@example.com", "Ana", old,
                IdentityVerifier.sign("s3cret", "cust-42", "ana@example.com", "Ana", old)));
        assertFalse(verifier.verified("cust-42", "ana@example.com", "Ana", NOW, null));
    }

    @Test
    void without_a_configured_secret_nobody_is_verified() {
        IdentityVerifier none = new IdentityVerifier("", Clock.systemUTC());
        long now = Instant.now().getEpochSecond();
        assertFalse(none.verified("1", "a@b.c", "A", now, IdentityVerifier.sign("anything", "1", "a@b.c", "A", now)));
    }
}
