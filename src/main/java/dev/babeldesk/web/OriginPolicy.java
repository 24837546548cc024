package dev.babeldesk.web;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/** Which pages may open the chat: the configured shop origins and the server's own origin. */
final class OriginPolicy {
    private final List<String> allowed;

    OriginPolicy(List<String> allowed) {
        this.allowed = allowed;
    }

    /**
     * @param origin the Origin header (browsers always send it on websocket upgrades), or null
     * @param host   the Host header the client used to reach this server
     */
    boolean allows(String origin, String host) {
        if (origin == null) return true; // not a browser: nothing to embed, nothing to protect against
        String normalized = origin.toLowerCase(Locale.ROOT);
        if (allowed.contains(normalized)) return true;
        try {
            URI uri = URI.create(normalized);
            String originHost = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
            return host != null && originHost.equals(host.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
