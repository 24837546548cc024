package dev.babeldesk.web;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Pictures taken per client address in a fixed window, on this node. The per-conversation limit
 * does not stop someone who opens conversation after conversation to fill the disk; this does, for
 * one address. Generous, because shoppers behind a carrier's shared address count together.
 */
final class UploadThrottle {
    static final int PER_WINDOW = 40;
    static final long WINDOW_MILLIS = 10 * 60_000;
    /** Addresses remembered; beyond, the least recently seen is forgotten (the map cannot grow without end). */
    private static final int ADDRESSES = 10_000;

    private record Window(long start, int count) {}

    private final Map<String, Window> windows = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
            return size() > ADDRESSES;
        }
    };

    /** Counts an upload from {@code address} at {@code now}; false when the address is over its limit. */
    synchronized boolean admit(String address, long now) {
        Window w = windows.get(address);
        if (w == null || now - w.start() >= WINDOW_MILLIS) w = new Window(now, 0);
        if (w.count() >= PER_WINDOW) return false;
        windows.put(address, new Window(w.start(), w.count() + 1));
        return true;
    }
}
