package io.tcplens.report;

/**
 * Text from a capture (or typed by a user) made safe for a terminal: control characters, ESC and
 * the C1 range included, become visible {@code \xNN} escapes, so no byte a stranger wrote can
 * drive the terminal.
 */
public final class SafeText {
    private SafeText() { }

    public static StringBuilder append(StringBuilder out, CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0)) {
                out.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
            } else {
                out.append(c);
            }
        }
        return out;
    }

    public static String of(CharSequence s) {
        return append(new StringBuilder(s.length()), s).toString();
    }
}
