package io.tcplens.flow;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map in insertion order that forgets its oldest entry once it holds more than its cap, and
 * counts what it forgot: the bound on the per-capture tables a packet list keeps (echo requests
 * waiting for their replies, ARP bindings).
 */
final class ForgettingMap<K, V> extends LinkedHashMap<K, V> {
    private final int cap;
    private long forgotten;

    ForgettingMap(int cap) {
        super(256, 0.75f, false);
        this.cap = cap;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        boolean full = size() > cap;
        if (full) {
            forgotten++;
        }
        return full;
    }

    /** Entries forgotten because the map was full. */
    long forgotten() { return forgotten; }
}
