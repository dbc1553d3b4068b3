package io.tcplens.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.tcplens.analysis.ConnectionAnalysis;
import io.tcplens.analysis.LiveEvents;
import io.tcplens.flow.TcpConnection;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Prints live connection events: one line each for people, or one JSON object per line for
 * programs ({@code "event"}, {@code "time"}, {@code "stream"}, {@code "packet"}, endpoints, verdicts).
 */
public final class LiveEventReport {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    private final PrintWriter out;
    private final boolean json;

    public LiveEventReport(PrintWriter out, boolean json) {
        this.out = out;
        this.json = json;
    }

    public void write(LiveEvents.Event e) {
        if (json) {
            out.println(json(e));
        } else {
            out.println(text(e));
        }
        out.flush();
    }

    /** "12:00:01.250000  #3  opened  10.0.0.1:40000 → 10.0.0.2:80  three_way, initial RTT 0.210 ms" */
    static String text(LiveEvents.Event e) {
        ConnectionAnalysis a = e.analysis();
        TcpConnection c = a.connection();
        StringBuilder s = new StringBuilder(120);
        s.append(CLOCK.format(Instant.ofEpochSecond(0, e.nanos()))).append("  #").append(c.stream()).append("  ");
        s.append(String.format("%-8s", e.kind().name().toLowerCase(java.util.Locale.ROOT))).append("  ");
        s.append(ConnectionReport.endpoint(c, c.originator())).append(" \u2192 ")
                .append(ConnectionReport.endpoint(c, c.responder())).append("  ");
        switch (e.kind()) {
            case OPENED -> {
                s.append(a.handshake().id());
                if (a.initialRttNanos() >= 0) {
                    s.append(String.format(", initial RTT %.3f ms", a.initialRttNanos() / 1e6));
                }
            }
            case REFUSED -> s.append("refused: RST answered the SYN");
            case RESET -> {
                s.append(a.teardown().id()).append(": RST by the ").append(a.resetSide() == c.originator() ? "originator" : "responder");
                if (a.resetSenderState() != null) {
                    s.append(" in ").append(a.resetSenderState().rfcName());
                }
                if (a.resetWithUnacknowledgedData()) {
                    s.append(", data left unacknowledged");
                }
            }
            case CLOSED -> s.append(a.teardown().id()).append(", closed first by the ").append(a.initiator().id());
            case ENDED -> s.append("handshake ").append(a.handshake().id()).append(", teardown ").append(a.teardown().id());
        }
        return SafeText.of(s);
    }

    static String json(LiveEvents.Event e) {
        ConnectionAnalysis a = e.analysis();
        TcpConnection c = a.connection();
        StringWriter buffer = new StringWriter();
        try (JsonGenerator j = JsonLines.FACTORY.createGenerator(buffer)) {
            j.writeStartObject();
            j.writeStringField("event", e.kind().name().toLowerCase(java.util.Locale.ROOT));
            j.writeStringField("time", ConnectionReport.seconds(e.nanos()));
            j.writeNumberField("stream", c.stream());
            j.writeNumberField("packet", e.packet());
            j.writeStringField("originator", ConnectionReport.endpoint(c, c.originator()));
            j.writeStringField("responder", ConnectionReport.endpoint(c, c.responder()));
            j.writeStringField("handshake", a.handshake().id());
            j.writeStringField("teardown", a.teardown().id());
            if (a.initialRttNanos() >= 0) {
                j.writeNumberField("initial_rtt_ms", a.initialRttNanos() / 1e6);
            }
            if (e.kind() == LiveEvents.Kind.CLOSED) {
                j.writeStringField("initiator", a.initiator().id());
            }
            if (e.kind() == LiveEvents.Kind.RESET) {
                j.writeStringField("reset_by", a.resetSide() == c.originator() ? "originator" : "responder");
            }
            j.writeEndObject();
        } catch (IOException x) {
            throw new IllegalStateException(x);
        }
        return buffer.toString();
    }
}
