package io.tcplens.field;

import io.tcplens.decode.TcpHeader;

/** TCP flags as tshark writes them: the letter string and the bracketed names. */
public final class TcpText {
    private static final String LETTERS = "RRRACEUAPRSF";
    private static final char CLEAR = '\u00b7';
    /** Names from the lowest bit up, the order tshark lists them in ("[SYN, ACK]"). */
    private static final String[] NAMES = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR", "AE", "Reserved"};

    private TcpText() { }

    /** Twelve characters, one per bit from the highest: a letter when set, a middle dot when clear. */
    public static String flagLetters(int flags) {
        return flagLetters(flags, false);
    }

    /**
     * With Accurate ECN negotiated the AE, CWR and ECE bits are a counter, shown as "-n-"
     * in their three places.
     */
    public static String flagLetters(int flags, boolean accurateEcn) {
        StringBuilder out = new StringBuilder(12);
        for (int i = 0; i < 12; i++) {
            int bit = 1 << (11 - i);
            if (accurateEcn && i == 3) {
                out.append('-').append(ace(flags)).append('-');
                i += 2;
                continue;
            }
            out.append((flags & bit) != 0 ? LETTERS.charAt(i) : CLEAR);
        }
        return out.toString();
    }

    /** The Accurate ECN counter carried in AE, CWR and ECE. */
    public static int ace(int flags) {
        return (flags & (TcpHeader.AE | TcpHeader.CWR | TcpHeader.ECE)) >>> 6;
    }

    /** As {@link #flagNames}, but "<None>" when no flag is set (a NULL scan's probe), as tshark writes it. */
    public static StringBuilder flagNamesOrNone(StringBuilder out, int flags, boolean accurateEcn) {
        int start = out.length();
        flagNames(out, flags, accurateEcn);
        return out.length() == start ? out.append("<None>") : out;
    }

    /** "SYN, ACK" — or with Accurate ECN, "ACK, ACE=2". */
    public static StringBuilder flagNames(StringBuilder out, int flags, boolean accurateEcn) {
        int start = out.length();
        for (int bit = 0; bit < 9; bit++) {
            if (accurateEcn && bit >= 6) {
                break;
            }
            if ((flags & (1 << bit)) != 0) {
                if (out.length() > start) {
                    out.append(", ");
                }
                out.append(NAMES[bit]);
            }
        }
        if ((flags & TcpHeader.RESERVED) != 0) {
            if (out.length() > start) {
                out.append(", ");
            }
            out.append(NAMES[9]);
        }
        if (accurateEcn) {
            if (out.length() > start) {
                out.append(", ");
            }
            out.append("ACE=").append(ace(flags));
        }
        return out;
    }
}
