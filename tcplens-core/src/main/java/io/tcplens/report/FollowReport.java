package io.tcplens.report;

import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * A TCP stream's payload, both directions in capture order, laid out as tshark 4.0's
 * {@code -z follow,tcp,MODE,N} prints it: the second node's chunks indented by a tab; ascii
 * with each chunk's length and unprintable bytes as dots, hex as a dump with per-direction
 * offsets, raw as one hex string per chunk; bytes the capture missed named in ascii.
 */
public final class FollowReport {
    /** How the bytes are shown. */
    public enum Mode { ascii, hex, raw }

    private static final String RULE = "===================================================================";

    private final PrintWriter out;
    private final Mode mode;
    private final long[] offsets = new long[2];
    private final StringBuilder line = new StringBuilder(128);

    public FollowReport(PrintWriter out, Mode mode) {
        this.out = out;
        this.mode = mode;
    }

    /** The header; {@code protocol}: tcp, or tls for the application data a key log opened. */
    public void header(String protocol, long stream, String node0, String node1) {
        out.println();
        out.println(RULE);
        out.println("Follow: " + protocol + "," + mode);
        out.println("Filter: tcp.stream eq " + stream);
        out.println("Node 0: " + node0);
        out.println("Node 1: " + node1);
    }

    /** One segment's new bytes from {@code node} (0 or 1). */
    public void chunk(int node, ByteBuffer b, int at, int length) {
        String indent = node == 1 ? "\t" : "";
        switch (mode) {
            case ascii -> {
                line.setLength(0);
                line.append(indent).append(length).append('\n');
                for (int i = 0; i < length; i++) {
                    int c = b.get(at + i) & 0xFF;
                    // tshark keeps printable ASCII and the line controls; the rest is a dot. Unlike
                    // tshark, a carriage return is kept only where a line ends after it (CRLF, or the
                    // chunk's end): a lone one would let the stream's sender overwrite on the
                    // terminal what was printed before it on the line (rule 7).
                    boolean lineEnd = c == '\r' && (i + 1 == length || b.get(at + i + 1) == '\n');
                    line.append((c >= 0x20 && c < 0x7F) || c == '\n' || lineEnd ? (char) c : '.');
                }
                out.append(line).append('\n');
            }
            case hex -> {
                for (int row = 0; row < length; row += 16) {
                    line.setLength(0);
                    line.append(indent).append(String.format(Locale.ROOT, "%08X  ", offsets[node] + row));
                    int n = Math.min(16, length - row);
                    for (int i = 0; i < 16; i++) {
                        if (i < n) {
                            int c = b.get(at + row + i) & 0xFF;
                            line.append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16)).append(' ');
                        } else {
                            line.append("   ");
                        }
                        if (i == 7) {
                            line.append(' ');
                        }
                    }
                    line.append(' ');
                    for (int i = 0; i < n; i++) {
                        int c = b.get(at + row + i) & 0xFF;
                        line.append(c >= 0x20 && c < 0x7F ? (char) c : '.');
                        if (i == 7 && n > 8) {
                            line.append(' ');
                        }
                    }
                    // tshark's line loses its last character when that is a space (read off its output).
                    if (n == 16 && line.charAt(line.length() - 1) == ' ') {
                        line.setLength(line.length() - 1);
                    }
                    out.append(line).append('\n');
                }
                offsets[node] += length;
            }
            case raw -> {
                line.setLength(0);
                line.append(indent);
                for (int i = 0; i < length; i++) {
                    int c = b.get(at + i) & 0xFF;
                    line.append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
                }
                out.append(line).append('\n');
            }
        }
    }

    /**
     * Bytes of {@code node} the capture never saw: tshark shows them as a chunk of that node
     * holding the text "[N bytes missing in capture file]" and a NUL.
     */
    public void missing(int node, long length) {
        byte[] text = ("[" + length + " bytes missing in capture file]\0").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        chunk(node, ByteBuffer.wrap(text), 0, text.length);
    }

    public void footer() {
        out.println(RULE);
    }
}
