package io.tcplens.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Characters and bytes written to the command line's output come out in the order written, as UTF-8. */
class Utf8OutputTest {
    private final ByteArrayOutputStream stream = new ByteArrayOutputStream();
    private final Utf8Output out = new Utf8Output(stream);

    private String written() {
        return stream.toString(StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void charactersAndBytesKeepTheirOrder() {
        out.println("header \u2192");
        byte[] row = utf8("row,1,caf\u00e9\n");
        out.writeUtf8(row, 0, row.length);
        out.print('x');
        out.println();
        out.writeUtf8(ByteBuffer.wrap(utf8("..from a buffer\n")), 2, 14);
        out.printf("%d%n", 42);
        out.write("tail");
        out.flush();
        assertThat(written()).isEqualTo("header \u2192\nrow,1,caf\u00e9\nx\nfrom a buffer\n42\ntail");
    }

    @Test
    void aLineEndAfterBytesComesAfterThem() {
        // PrintWriter writes a line end straight to its inner writer, past write(): it must still wait its turn.
        out.writeUtf8(utf8("bytes"), 0, 5);
        out.println();
        out.writeUtf8(utf8("more"), 0, 4);
        out.println();
        out.flush();
        assertThat(written()).isEqualTo("bytes\nmore\n");
    }

    @Test
    void textLongerThanTheBufferArrivesWhole() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 200_000; i++) {
            text.append(i).append(i % 7 == 0 ? "\u00e9\n" : ",");
        }
        byte[] bytes = utf8(text.toString());
        out.print("a");
        out.writeUtf8(bytes, 0, bytes.length);
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length);
        direct.put(0, bytes);
        out.writeUtf8(direct, 0, bytes.length);
        for (int i = 0; i < bytes.length; i += 1000) {
            out.writeUtf8(bytes, i, Math.min(1000, bytes.length - i));
        }
        out.print("z");
        out.close();
        assertThat(written()).isEqualTo("a" + text + text + text + "z");
    }

    @Test
    void aFailingStreamIsReportedLikeAnyPrintWriterError() {
        Utf8Output broken = new Utf8Output(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("pipe closed");
            }
        });
        byte[] big = new byte[100_000];
        broken.writeUtf8(big, 0, big.length);
        assertThat(broken.checkError()).isTrue();
    }
}
