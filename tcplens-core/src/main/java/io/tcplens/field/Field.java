package io.tcplens.field;

/**
 * One field declaration: the single place a field's name, type, display base and meaning are
 * written. Printing ({@code -T fields}, JSON, {@code -V}) and filtering read it from here.
 *
 * @param name       Wireshark's name, e.g. {@code tcp.srcport}
 * @param type       value type
 * @param hex        true for BASE_HEX fields (printed "0x" and zero-padded)
 * @param label      short human name ("Source Port")
 * @param meaning    what the value means, for {@code -V} and {@code tcplens fields}
 * @param extractor  produces the field's occurrences in a packet
 */
public record Field(String name, FieldType type, boolean hex, String label, String meaning, Extractor extractor) {

    /** Produces each occurrence of the field in the packet, in order, into the sink. */
    @FunctionalInterface
    public interface Extractor {
        void extract(PacketContext context, Field field, FieldSink sink);
    }

    /**
     * True for a per-stream value that is only final after the whole capture was read
     * ({@code tcp.completeness}, tcplens's connection verdicts): printing or filtering on it
     * needs a first pass, as {@code tshark -2}.
     */
    public boolean finalValue() {
        return name.equals("tcp.completeness") || connectionVerdict();
    }

    /** True for tcplens's connection verdicts, which the first pass must run the analysis for. */
    public boolean connectionVerdict() {
        return name.equals("tcplens.handshake") || name.equals("tcplens.teardown") || name.equals("tcplens.conn_state");
    }

    /** True for the fields of the per-segment analysis (tcp.analysis.*, tcplens.note): it must run. */
    public boolean sequenceAnalysis() {
        return name.startsWith("tcp.analysis.") || name.equals("tcplens.note");
    }

    /** The protocol a field belongs to: the part of its name before the first dot. */
    public String protocol() {
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }
}
