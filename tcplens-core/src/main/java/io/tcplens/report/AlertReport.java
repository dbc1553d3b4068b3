package io.tcplens.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.tcplens.analysis.AttackDetector;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** Prints alerts: a block of text each, or a JSON array of objects (kind, target, first, last, evidence). */
public final class AlertReport {
    private final PrintWriter out;

    public AlertReport(PrintWriter out) {
        this.out = out;
    }

    public void text(List<AttackDetector.Alert> alerts, Map<String, Long> limits) {
        if (alerts.isEmpty()) {
            out.println("No alerts.");
        }
        for (AttackDetector.Alert a : alerts) {
            StringBuilder s = new StringBuilder();
            s.append(a.kind()).append("  ").append(a.target()).append("  from ");
            ZeekConnLog.seconds(s, a.firstNanos()).append(" to ");
            ZeekConnLog.seconds(s, a.lastNanos()).append('\n');
            for (Map.Entry<String, Object> e : a.evidence().entrySet()) {
                s.append("  ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
            }
            out.print(SafeText.of(s).replace("\\x0a", "\n"));
        }
        limits.forEach((k, v) -> {
            if (v > 0) {
                out.println("limit: " + k + " " + v);
            }
        });
        out.flush();
    }

    public void json(List<AttackDetector.Alert> alerts) throws IOException {
        try (JsonGenerator j = JsonLines.FACTORY.createGenerator(out)) {
            j.useDefaultPrettyPrinter();
            j.writeStartArray();
            for (AttackDetector.Alert a : alerts) {
                j.writeStartObject();
                j.writeStringField("kind", a.kind());
                j.writeStringField("target", a.target());
                JsonLines.seconds(j, "first", a.firstNanos());
                JsonLines.seconds(j, "last", a.lastNanos());
                j.writeObjectFieldStart("evidence");
                for (Map.Entry<String, Object> e : a.evidence().entrySet()) {
                    j.writeFieldName(e.getKey());
                    value(j, e.getValue());
                }
                j.writeEndObject();
                j.writeEndObject();
            }
            j.writeEndArray();
        }
        out.println();
        out.flush();
    }

    private static void value(JsonGenerator j, Object v) throws IOException {
        if (v instanceof Integer i) {
            j.writeNumber(i);
        } else if (v instanceof Long l) {
            j.writeNumber(l);
        } else if (v instanceof Double d) {
            j.writeNumber(d);
        } else if (v instanceof java.math.BigDecimal d) {
            j.writeNumber(d);
        } else if (v instanceof Boolean b) {
            j.writeBoolean(b);
        } else if (v instanceof List<?> list) {
            j.writeStartArray();
            for (Object o : list) {
                value(j, o);
            }
            j.writeEndArray();
        } else {
            j.writeString(String.valueOf(v));
        }
    }
}
