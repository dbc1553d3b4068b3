package io.tcplens.report;

import io.tcplens.decode.Layer;
import io.tcplens.field.Field;
import io.tcplens.field.Fields;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The registry's fields grouped by the layer they describe, for per-layer views (-V, JSON). */
final class LayerFields {
    private static final Map<Layer, List<Field>> BY_LAYER = new EnumMap<>(Layer.class);
    static final List<Field> FRAME = new ArrayList<>();
    /** The application protocols, in the order -V and JSON show them after the layers (QUIC before the TLS its CRYPTO frames carry). */
    static final List<String> APPLICATION_NAMES = List.of("quic", "tls", "ssh", "http", "http2", "ftp", "ftp-data", "smtp", "imap", "pop", "imf", "resp", "whois", "dns", "mdns", "llmnr",
            "dhcp", "ntp", "nbns", "ssdp");
    /** The application protocols' fields, by protocol name (DHCP, NTP, NBNS and SSDP have none yet). */
    private static final Map<String, List<Field>> APPLICATION = new java.util.LinkedHashMap<>();

    static {
        for (Field f : Fields.all()) {
            if (f.name().indexOf('.') < 0) {
                continue;
            }
            String protocol = f.protocol();
            if (protocol.equals("frame")) {
                FRAME.add(f);
                continue;
            }
            if (APPLICATION_NAMES.contains(protocol)) {
                APPLICATION.computeIfAbsent(protocol, k -> new ArrayList<>()).add(f);
                continue;
            }
            for (Layer l : Layer.values()) {
                if (l.protocolName().equals(protocol)) {
                    BY_LAYER.computeIfAbsent(l, k -> new ArrayList<>()).add(f);
                }
            }
        }
    }

    private LayerFields() { }

    static List<Field> application(String protocol) {
        // mDNS and LLMNR messages have DNS's format, and Wireshark gives their fields DNS's names.
        String fieldsOf = protocol.equals("mdns") || protocol.equals("llmnr") ? "dns" : protocol;
        return APPLICATION.getOrDefault(fieldsOf, List.of());
    }

    static List<Field> of(Layer layer) {
        return BY_LAYER.getOrDefault(layer, List.of());
    }
}
