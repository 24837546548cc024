package dev.babeldesk.web;

import dev.babeldesk.config.Settings;
import io.javalin.http.Context;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who is on the other end of a request. Behind a reverse proxy that terminates TLS (the usual way
 * to serve the widget over https), every request comes from the proxy: login throttling would then
 * count every agent's failures as one address's, and the session cookie would not be marked
 * Secure. Only for a connection from a configured proxy are its {@code X-Forwarded-For} and
 * {@code X-Forwarded-Proto} headers believed; anyone else could write them.
 */
final class ClientAddress {
    private final Set<String> trusted;

    /** @param trustedProxies IP addresses of the reverse proxies in front of this server (literals) */
    ClientAddress(List<String> trustedProxies) {
        this.trusted = trustedProxies.stream().map(ClientAddress::normalized).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * The client's address: the connection's, or, through trusted proxies, the nearest address
     * in {@code X-Forwarded-For} that is not one of them.
     */
    String ip(Context ctx) {
        return ip(ctx.ip(), ctx.header("X-Forwarded-For"));
    }

    String ip(String peer, String forwardedFor) {
        String address = normalized(peer);
        if (!trusted.contains(address) || forwardedFor == null || forwardedFor.isBlank()) return address;
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = normalized(hops[i].strip());
            if (hop.isEmpty()) break;
            address = hop;
            if (!trusted.contains(hop)) break;
        }
        return address;
    }

    /** Whether the client reached the server over https (directly, or through a trusted proxy that says so). */
    boolean secure(Context ctx) {
        return secure(ctx.scheme(), ctx.ip(), ctx.header("X-Forwarded-Proto"));
    }

    boolean secure(String scheme, String peer, String forwardedProto) {
        if ("https".equalsIgnoreCase(scheme)) return true;
        return trusted.contains(normalized(peer)) && forwardedProto != null
                && forwardedProto.strip().toLowerCase(Locale.ROOT).startsWith("https");
    }

    /** One spelling per address ("::1" and "0:0:0:0:0:0:0:1" alike); anything that is not an IP literal as it is. */
    static String normalized(String address) {
        if (address == null) return "";
        String a = address.strip();
        if (a.startsWith("[") && a.endsWith("]")) a = a.substring(1, a.length() - 1);
        if (!Settings.isIpLiteral(a)) return a.toLowerCase(Locale.ROOT);
        try {
            return InetAddress.getByName(a).getHostAddress(); // a literal: no name lookup
        } catch (UnknownHostException e) {
            return a;
        }
    }
}
