package io.tcplens.cli;

import io.tcplens.field.Field;
import io.tcplens.field.Fields;
import io.tcplens.field.PacketContext;
import io.tcplens.field.TextSink;

/** "address:port" of a packet's TCP source or destination, IPv6 in brackets, as the field registry prints the parts. */
final class Endpoints {
    private final StringBuilder text = new StringBuilder(48);
    private final TextSink sink = new TextSink(text, ',', TextSink.Occurrence.LAST);

    String of(PacketContext c, boolean source) {
        String address = value(c, source ? "ip.src" : "ip.dst");
        if (address.isEmpty()) {
            address = "[" + value(c, source ? "ipv6.src" : "ipv6.dst") + "]";
        }
        return address + ":" + value(c, source ? "tcp.srcport" : "tcp.dstport");
    }

    private String value(PacketContext c, String name) {
        Field f = Fields.get(name);
        text.setLength(0);
        sink.begin();
        f.extractor().extract(c, f, sink);
        return text.toString();
    }
}
