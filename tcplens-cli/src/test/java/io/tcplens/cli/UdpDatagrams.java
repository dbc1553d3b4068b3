package io.tcplens.cli;

import io.tcplens.testing.Bytes;
import io.tcplens.testing.CaptureFilesBuilder;
import io.tcplens.testing.Frames;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * UDP datagrams over IPv4 and Ethernet, one frame a second, written as a pcap; a datagram may be
 * cut as a snapshot length cuts it. For tests whose expected lines come from tshark on the same bytes.
 */
final class UdpDatagrams {
    private static final int HEADERS = 14 + 20 + 8;
    private final List<byte[]> frames = new ArrayList<>();
    private final List<Integer> cutTo = new ArrayList<>();

    UdpDatagrams add(String src, String dst, int srcPort, int dstPort, byte[] payload) {
        return add(src, dst, srcPort, dstPort, payload, -1);
    }

    /** A datagram of which the capture kept {@code captured} bytes of payload (-1: all). */
    UdpDatagrams add(String src, String dst, int srcPort, int dstPort, byte[] payload, int captured) {
        frames.add(Frames.ethernet(0x0800, Frames.ipv4(src, dst, 17, Frames.udp(srcPort, dstPort, payload))));
        cutTo.add(captured < 0 ? -1 : HEADERS + captured);
        return this;
    }

    Path write(Path file) throws IOException {
        Bytes pcap = CaptureFilesBuilder.pcap(ByteOrder.LITTLE_ENDIAN, false, 65535, 1);
        for (int i = 0; i < frames.size(); i++) {
            byte[] f = frames.get(i);
            byte[] kept = cutTo.get(i) < 0 ? f : java.util.Arrays.copyOf(f, cutTo.get(i));
            CaptureFilesBuilder.pcapRecord(pcap, 1000 + i, 0, kept, f.length);
        }
        Files.write(file, pcap.toArray());
        return file;
    }
}
