package io.tcplens.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcplens.analysis.ConnectionAnalysis;
import io.tcplens.capture.CaptureFiles;
import io.tcplens.capture.CaptureFormatException;
import io.tcplens.capture.CaptureReader;
import io.tcplens.decode.Packet;
import io.tcplens.decode.PacketDecoder;
import io.tcplens.report.ConnectionReport;
import io.tcplens.report.ZeekConnLog;
import io.tcplens.testing.SharedCaptures;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A connection the tracker reuses (its listener keeps none) must be indistinguishable from a new
 * one: field by field after {@link TcpConnection#recycle}, and in every row written from it.
 */
class RecycledConnectionTest {

    static Stream<String> captures() throws IOException {
        return SharedCaptures.all().stream();
    }

    /**
     * Every real capture read twice with at most two connections analysed at once, so that the
     * cap releases connections all along (the tracker recycles only those) and nearly every
     * connection after the first two is a reused one: the CSV, JSON and Zeek rows are the same
     * as when nothing is reused.
     */
    @ParameterizedTest
    @MethodSource("captures")
    void rowsOfReusedConnectionsAreTheRowsOfNewOnes(String capture) throws IOException {
        List<String> fresh = rows(capture, false);
        List<String> reused = rows(capture, true);
        assertThat(reused).containsExactlyElementsOf(fresh);
    }

    private static List<String> rows(String capture, boolean reuse) throws IOException {
        List<String> rows = new ArrayList<>();
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        ConnectionReport report = new ConnectionReport(out);
        ZeekConnLog zeek = new ZeekConnLog(out);
        java.util.function.Consumer<TcpConnection> row = c -> {
            ConnectionAnalysis a = ConnectionAnalysis.of(c);
            rows.add(report.csvRow(a).toString());
            rows.add(report.jsonRow(a).toString());
            zeek.tcp(c);
            out.flush();
            rows.add(text.toString());
            text.getBuffer().setLength(0);
        };
        ConnectionTracker.Listener listener = reuse ? ConnectionTracker.Listener.reporting(row, s -> { })
                : ConnectionTracker.Listener.of(row, s -> { });
        ConnectionTracker tracker = new ConnectionTracker(ConversationTable.DEFAULT_MAX_CONVERSATIONS, 2, false,
                listener, null);
        try {
            feed(tracker, capture);
        } catch (CaptureFormatException e) {
            // A damaged capture: what came before the damage is compared.
        }
        tracker.finishAll();
        return rows;
    }

    /** Every packet of the capture through the tracker. */
    private static void feed(ConnectionTracker tracker, String capture) throws IOException {
        try (CaptureReader reader = CaptureFiles.open(SharedCaptures.capture(capture).toString())) {
            PacketDecoder decoder = new PacketDecoder();
            Packet packet = new Packet();
            while (reader.next()) {
                decoder.decode(reader.record(), reader.record().frameNumber(), packet);
                tracker.observe(packet);
            }
        }
    }

    /** A connection that lived a busy life (roles flipped by Zeek, data, FINs), then recycled, equals a new one field by field. */
    @Test
    void aRecycledConnectionHasEveryFieldOfANewOne() throws Exception {
        List<TcpConnection> lived = new ArrayList<>();
        ConnectionTracker tracker = new ConnectionTracker(ConversationTable.DEFAULT_MAX_CONVERSATIONS, false, lived::add, null);
        for (String capture : List.of("samples/loopback-scenarios.pcap", "samples/stream-corner-cases.pcap")) {
            feed(tracker, capture);
        }
        tracker.finishAll();
        assertThat(lived).hasSizeGreaterThan(10);
        assertThat(lived).anySatisfy(c -> assertThat(c.zeek.flipped()).isTrue());
        assertThat(lived).anySatisfy(c -> assertThat(c.eventCount()).isGreaterThan(8));
        for (TcpConnection c : lived) {
            c.recycle();
            assertSameState(new TcpConnection(-1), c, "connection");
        }
    }

    /**
     * Compares two objects' fields, following the connection's own parts; arrays that recycle
     * keeps for reuse (addresses, kept packets) are only checked to be there or absent alike,
     * as their old contents lie beyond what the new connection reads.
     */
    private static void assertSameState(Object expected, Object actual, String path) throws IllegalAccessException {
        for (Class<?> type = expected.getClass(); type != Object.class; type = type.getSuperclass()) {
            for (Field f : type.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || f.isSynthetic()) {
                    continue;
                }
                f.setAccessible(true);
                Object e = f.get(expected);
                Object a = f.get(actual);
                String where = path + "." + f.getName();
                if (f.getName().equals("address") || f.getName().equals("packed")) {
                    if (f.getName().equals("packed")) {
                        assertThat(a).as(where).isNotNull();
                    }
                    continue;
                }
                if (f.getName().equals("peer")) {
                    // Each endpoint's peer is the other endpoint of its own connection.
                    assertThat(((ZeekTcpConnection.Endpoint) a).isOrig()).as(where).isEqualTo(((ZeekTcpConnection.Endpoint) e).isOrig());
                    continue;
                }
                if (e instanceof TcpConnection.Direction || e instanceof ZeekTcpConnection
                        || e instanceof ZeekTcpConnection.Endpoint) {
                    assertSameState(e, a, where);
                } else if (e instanceof StringBuilder sb) {
                    assertThat(a.toString()).as(where).isEqualTo(sb.toString());
                } else if (e instanceof long[] arr) {
                    assertThat((long[]) a).as(where).isEqualTo(arr);
                } else {
                    assertThat(a).as(where).isEqualTo(e);
                }
            }
        }
    }
}
