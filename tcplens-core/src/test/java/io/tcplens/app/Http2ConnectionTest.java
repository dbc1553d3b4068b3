package io.tcplens.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcplens.flow.ReassemblyBudget;
import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import org.junit.jupiter.api.Test;

/** HTTP/2's bounds: what a stranger's connection can make tcplens hold, and that it says what it dropped. */
class Http2ConnectionTest {
    private static byte[] frame(int type, int flags, int stream, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(payload.length >> 16);
        out.write(payload.length >> 8);
        out.write(payload.length);
        out.write(type);
        out.write(flags);
        out.write(stream >>> 24);
        out.write(stream >>> 16);
        out.write(stream >>> 8);
        out.write(stream);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    private static void record(Http2Connection c, int side, byte[] plain) {
        Http2Columns columns = new Http2Columns();
        c.record(side, plain, plain.length, columns, "TLSv1.3", false);
    }

    /** Each stream's state is kept up to a cap; beyond it the oldest go, counted and said. */
    @Test
    void streamsBeyondTheCapAreForgottenAndSaid() {
        Http2Connection c = new Http2Connection(new ReassemblyBudget(ReassemblyBudget.DEFAULT_BYTES), new HashMap<>());
        int streams = Http2Connection.MAX_STREAMS * 2 + 10;
        for (int i = 0; i < streams; i++) {
            // HEADERS, END_HEADERS, ":status 200" (static index 8).
            record(c, 1, frame(1, 0x4, 2 * i + 1, new byte[] {(byte) 0x88}));
        }
        assertThat(c.stopped(0)).isEqualTo("HTTP/2: 10 streams forgotten (more than 10000 at once): their bodies were not read");
        assertThat(c.stopped(1)).isNull();
    }

    /** A header block larger than its bound stops that direction, which says why; the budget gets the bytes back. */
    @Test
    void aHeaderBlockOverItsBoundStopsTheDirection() {
        ReassemblyBudget budget = new ReassemblyBudget(ReassemblyBudget.DEFAULT_BYTES);
        Http2Connection c = new Http2Connection(budget, new HashMap<>());
        // A literal whose value never ends inside the fragments: HEADERS, then CONTINUATIONs of 64 KiB.
        byte[] start = new byte[16 * 1024];
        start[0] = 0x00;
        start[1] = 0x01;
        start[2] = 'x';
        // A raw value of 400,000 octets (RFC 7541 5.1: 127, then 399,873 in 7-bit groups).
        start[3] = (byte) 0x7F;
        start[4] = (byte) 0x81;
        start[5] = (byte) 0xB4;
        start[6] = (byte) 0x18;
        record(c, 0, frame(1, 0, 1, start));
        for (int i = 0; i < 5; i++) {
            record(c, 0, frame(9, 0, 1, new byte[64 * 1024]));
        }
        assertThat(c.stopped(0)).isEqualTo("an HTTP/2 header block over 262144 bytes");
        assertThat(budget.used()).isPositive().isLessThanOrEqualTo(2L * (1 << 20));
        c.release();
        assertThat(budget.used()).isZero();
    }
}
