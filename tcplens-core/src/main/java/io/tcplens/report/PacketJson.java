package io.tcplens.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.tcplens.decode.Layer;
import io.tcplens.decode.Packet;
import io.tcplens.field.Field;
import io.tcplens.field.Fields;
import io.tcplens.field.PacketContext;
import io.tcplens.field.TextSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * {@code -T json}: an array with one object per packet, shaped like tshark's
 * ({@code _source.layers.<protocol>.<field>}), values as tshark's text. A protocol that occurs
 * twice (the IP header quoted in an ICMP error) becomes an array, as tshark's
 * {@code --no-duplicate-keys} writes it.
 */
public final class PacketJson implements AutoCloseable {
    private final JsonGenerator json;
    private final StringBuilder value = new StringBuilder(64);
    private final TextSink sink = new TextSink(value, ',', TextSink.Occurrence.ALL);

    public PacketJson(Writer out) {
        try {
            json = JsonLines.FACTORY.createGenerator(out);
            json.useDefaultPrettyPrinter();
            json.writeStartArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void write(PacketContext context, int timeDecimals) {
        Packet p = context.packet();
        try {
            json.writeStartObject();
            json.writeObjectFieldStart("_source");
            json.writeObjectFieldStart("layers");
            json.writeObjectFieldStart("frame");
            context.focus(-1);
            fields(context, LayerFields.FRAME);
            json.writeEndObject();
            for (int i = 0; i < p.layerCount(); i++) {
                Layer layer = p.layer(i);
                if (i > 0 && p.layer(i - 1) == layer && layer != Layer.DATA) {
                    continue;
                }
                if (layer == Layer.DATA && !context.payloadIsData() && context.udpApplication() == null) {
                    // No "data" where tshark has none (PacketContext.payloadIsData): a protocol's
                    // object follows instead. DHCP, NTP, NBNS and SSDP have no fields of their own
                    // yet, so their bytes stay shown as data.
                    continue;
                }
                int repeats = 0;
                for (int j = i; j < p.layerCount(); j++) {
                    if (p.layer(j) == layer) {
                        repeats++;
                    }
                }
                boolean firstOfKind = p.find(layer) == i;
                if (!firstOfKind) {
                    continue;
                }
                json.writeFieldName(layer.protocolName());
                if (repeats > 1) {
                    json.writeStartArray();
                }
                for (int j = i; j < p.layerCount(); j++) {
                    if (p.layer(j) != layer) {
                        continue;
                    }
                    json.writeStartObject();
                    context.focus(j);
                    if (layer == Layer.DATA) {
                        json.writeStringField("data.len", Integer.toString(p.reportedEnd(j) - p.start(j)));
                    } else {
                        fields(context, LayerFields.of(layer));
                    }
                    json.writeEndObject();
                }
                if (repeats > 1) {
                    json.writeEndArray();
                }
            }
            context.focus(-1);
            // The application protocols after the layers, as tshark nests "tls", "http", "ftp".
            for (String protocol : LayerFields.APPLICATION_NAMES) {
                Field item = Fields.get(protocol);
                value.setLength(0);
                sink.begin();
                item.extractor().extract(context, item, sink);
                if (sink.count() > 0) {
                    json.writeObjectFieldStart(protocol);
                    fields(context, LayerFields.application(protocol));
                    json.writeEndObject();
                }
            }
            if (p.problemCount() > 0) {
                json.writeArrayFieldStart("tcplens.problems");
                for (int i = 0; i < p.problemCount(); i++) {
                    json.writeString(p.problem(i).code());
                }
                json.writeEndArray();
            }
            json.writeEndObject();
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void fields(PacketContext context, List<Field> fields) throws IOException {
        for (Field f : fields) {
            value.setLength(0);
            sink.begin();
            f.extractor().extract(context, f, sink);
            if (sink.count() > 0) {
                json.writeStringField(f.name(), value.toString());
            }
        }
    }

    @Override
    public void close() {
        try {
            json.writeEndArray();
            json.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
