package io.tcplens.capture;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Opens a capture by its content, not its name: pcap, pcap-ns or pcapng, gzip-compressed or not. */
public final class CaptureFiles {
    /** The name that means standard input, as in tshark's {@code -r -}. */
    public static final String STANDARD_INPUT = "-";
    private static final int GZIP_MAGIC = 0x1F8B;
    private static final int GZIP_BUFFER = 1 << 16;

    private CaptureFiles() { }

    /** Opens a file by path, or standard input for "-". */
    public static CaptureReader open(String path) throws IOException {
        if (STANDARD_INPUT.equals(path)) {
            return open(Channels.newChannel(System.in), "standard input");
        }
        try {
            return open(FileChannel.open(Path.of(path), StandardOpenOption.READ), path);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(path, null, "no such file");
        }
    }

    /** Opens any stream of capture bytes (a pipe from a capture helper, a test's bytes). */
    public static CaptureReader open(InputStream in, String name) throws IOException {
        return open(Channels.newChannel(in), name);
    }

    public static CaptureReader open(ReadableByteChannel channel, String name) throws IOException {
        byte[] head = readUpTo(channel, 4);
        if (head.length >= 2 && (((head[0] & 0xFF) << 8) | (head[1] & 0xFF)) == GZIP_MAGIC) {
            InputStream raw = new SequenceInputStream(new ByteArrayInputStream(head), Channels.newInputStream(channel));
            try {
                InputStream unzipped = new GZIPInputStream(raw, GZIP_BUFFER);
                channel = Channels.newChannel(unzipped);
                head = readUpTo(channel, 4);
            } catch (ZipException | EOFException e) {
                // Later damage is found by the readers (ByteSource), after the packets before it.
                raw.close();
                throw new CaptureFormatException(name, 0, 0, "gzip-compressed, but its compression is damaged "
                        + "or cut short before the capture's first bytes: " + e.getMessage());
            }
        }
        if (head.length < 4) {
            channel.close();
            throw new CaptureFormatException(name, 0, 0, head.length == 0 ? "the file is empty"
                    : "only " + head.length + " bytes: too short for any capture format");
        }
        int magic = ByteBuffer.wrap(head).getInt();
        ByteSource source = new ByteSource(channel, head);
        if (magic == PcapngReader.SECTION_HEADER) {
            return new PcapngReader(source, name);
        }
        if (magic == PcapReader.MAGIC_MICROS || magic == PcapReader.MAGIC_NANOS
                || magic == Integer.reverseBytes(PcapReader.MAGIC_MICROS)
                || magic == Integer.reverseBytes(PcapReader.MAGIC_NANOS)) {
            return new PcapReader(source, name);
        }
        source.close();
        throw new CaptureFormatException(name, 0, 0, String.format(
                "unknown file format (magic 0x%08x): expected pcap, pcapng or gzip", magic));
    }

    private static byte[] readUpTo(ReadableByteChannel channel, int count) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(count);
        while (b.hasRemaining()) {
            if (channel.read(b) < 0) {
                break;
            }
        }
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }
}
