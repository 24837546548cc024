package dev.babeldesk.web;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientAddressTest {
    private final ClientAddress behindProxy = new ClientAddress(List.of("127.0.0.1", "::1", "10.0.0.2"));
    private final ClientAddress direct = new ClientAddress(List.of());

    @Test
    void without_trusted_proxies_forwarded_headers_are_ignored_because_anyone_can_write_them() {
        assertEquals("127.0.0.1", direct.ip("127.0.0.1", "203.0.113.7"));
        assertFalse(direct.secure("http", "127.0.0.1", "https"));
        assertTrue(direct.secure("https", "198.51.100.1", null));
    }

    @Test
    void through_trusted_proxies_the_client_is_the_nearest_address_that_is_not_one_of_them() {
        assertEquals("203.0.113.7", behindProxy.ip("127.0.0.1", "203.0.113.7"));
        // a client that writes its own X-Forwarded-For only adds hops further left
        assertEquals("203.0.113.7", behindProxy.ip("127.0.0.1", "1.2.3.4, 203.0.113.7"));
        assertEquals("203.0.113.7", behindProxy.ip("127.0.0.1", "203.0.113.7, 10.0.0.2"), "two proxies in a row");
        assertEquals("203.0.113.7", behindProxy.ip("0:0:0:0:0:0:0:1", "203.0.113.7"), "::1 in any spelling");
        assertEquals("127.0.0.1", behindProxy.ip("127.0.0.1", null), "no header: the proxy itself");
        assertEquals("198.51.100.9", behindProxy.ip("198.51.100.9", "203.0.113.7"), "not from a proxy: header ignored");
        assertTrue(behindProxy.secure("http", "127.0.0.1", "https"));
        assertFalse(behindProxy.secure("http", "198.51.100.9", "https"));
        assertFalse(behindProxy.secure("http", "127.0.0.1", "http"));
    }
}
