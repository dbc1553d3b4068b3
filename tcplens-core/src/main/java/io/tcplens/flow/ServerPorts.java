package io.tcplens.flow;

/**
 * Ports a server likely listens on, used to guess who opened a connection whose SYN was not
 * captured: the well-known range and the registered ports of common services (the ports Zeek's
 * default analyzers register for its likely_server_ports).
 */
final class ServerPorts {
    private static final int[] REGISTERED = {1080, 1194, 1433, 1521, 1723, 1812, 1813, 1883, 2049, 2181, 2375, 2376,
            3128, 3260, 3268, 3306, 3389, 3478, 4369, 5060, 5061, 5222, 5269, 5353, 5432, 5671, 5672, 5900, 5938,
            6379, 6443, 6666, 6667, 6668, 6669, 6697, 7000, 7001, 8000, 8008, 8080, 8081, 8088, 8443, 8883, 8888,
            9000, 9042, 9090, 9092, 9200, 9300, 9418, 11211, 27017};

    private ServerPorts() { }

    static boolean likely(int port) {
        if (port > 0 && port < 1024) {
            return true;
        }
        for (int p : REGISTERED) {
            if (p == port) {
                return true;
            }
        }
        return false;
    }
}
