package io.tcplens.field;

/**
 * The summary line's columns, for tshark's {@code -e _ws.col.*} fields: the report stage writes
 * the line, and hands its columns to the field registry through the packet's context.
 */
@FunctionalInterface
public interface Columns {
    /** Appends one column, unpadded: "No.", "Time", "Source", "Destination", "Protocol", "Length" or "Info". */
    void column(StringBuilder out, PacketContext context, String column);
}
