package io.tcplens.app;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The data endpoints FTP control connections announced, by address and port, so that a TCP
 * connection to one is known as that control connection's data connection. Bounded: the oldest
 * announcements go first, and are counted.
 */
final class FtpDataLinks {
    /** Announced endpoints remembered at most. */
    static final int MAX_ANNOUNCED = 4096;

    private final Map<String, FtpDataLink> announced = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, FtpDataLink> eldest) {
            if (size() > MAX_ANNOUNCED) {
                forgotten++;
                return true;
            }
            return false;
        }
    };
    private long forgotten;

    void announce(String address, int port, FtpDataLink link) {
        announced.put(address + "/" + port, link);
    }

    /** The link for a connection to this endpoint, or null. */
    FtpDataLink find(String address, int port) {
        return announced.get(address + "/" + port);
    }

    long forgotten() { return forgotten; }

    boolean isEmpty() { return announced.isEmpty(); }
}
