package io.tcplens.field;

/** Value types, named after Wireshark's (ftypes) so that tcplens's field list reads like tshark's. */
public enum FieldType {
    PROTOCOL("FT_PROTOCOL"),
    /** A label with no value (Wireshark's FT_NONE): it is there or not, and prints as 1. */
    NONE("FT_NONE"),
    UINT8("FT_UINT8"),
    UINT16("FT_UINT16"),
    UINT24("FT_UINT24"),
    UINT32("FT_UINT32"),
    UINT64("FT_UINT64"),
    INT32("FT_INT32"),
    BOOLEAN("FT_BOOLEAN"),
    IPV4("FT_IPv4"),
    IPV6("FT_IPv6"),
    ETHER("FT_ETHER"),
    BYTES("FT_BYTES"),
    STRING("FT_STRING"),
    RELATIVE_TIME("FT_RELATIVE_TIME"),
    /**
     * A real number (Wireshark's FT_DOUBLE), kept in billionths (fixed point: 1.5 is
     * 1,500,000,000) so that filters compare it as the other numbers, and printed as tshark
     * prints a double (C's %.15g: "1", "0.076", "1e-05").
     */
    DOUBLE("FT_DOUBLE"),
    /** A date and time, shown in the local time zone as Wireshark shows it (frame.time). */
    ABSOLUTE_TIME("FT_ABSOLUTE_TIME"),
    FRAMENUM("FT_FRAMENUM");

    private final String wiresharkName;

    FieldType(String wiresharkName) {
        this.wiresharkName = wiresharkName;
    }

    public String wiresharkName() {
        return wiresharkName;
    }

    /** Hex digits tshark pads a BASE_HEX value of this type to. */
    int hexDigits() {
        return switch (this) {
            case UINT8 -> 2;
            case UINT16 -> 4;
            case UINT24 -> 6;
            case UINT64 -> 16;
            default -> 8;
        };
    }
}
