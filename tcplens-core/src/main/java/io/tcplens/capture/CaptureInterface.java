package io.tcplens.capture;

/**
 * One capture interface: a pcap file's single one, or a pcapng Interface Description Block with
 * the statistics its Interface Statistics Blocks reported.
 */
public final class CaptureInterface {
    final int linkType;
    final int snapLength;
    String name;
    String description;
    String filter;
    String os;
    /** Timestamp units per second, from {@code if_tsresol} (default 10^6). */
    long unitsPerSecond = 1_000_000L;
    /** Seconds added to every timestamp, from {@code if_tsoffset}. */
    long secondsOffset;
    /** {@code isb_ifdrop}: packets dropped by the interface; -1 when not reported. */
    long interfaceDrops = -1;
    /** {@code isb_osdrop}: packets dropped by the operating system; -1 when not reported. */
    long osDrops = -1;
    long received = -1;

    CaptureInterface(int linkType, int snapLength) {
        this.linkType = linkType;
        this.snapLength = snapLength;
    }

    public int linkType() { return linkType; }

    public int snapLength() { return snapLength; }

    public String name() { return name; }

    public String description() { return description; }

    public String filter() { return filter; }

    public String os() { return os; }

    public long unitsPerSecond() { return unitsPerSecond; }

    public long secondsOffset() { return secondsOffset; }

    public long interfaceDrops() { return interfaceDrops; }

    public long osDrops() { return osDrops; }

    public long received() { return received; }
}
