package io.tcplens.cli;

/**
 * Makes text from a capture or a command line safe to print: control characters (ESC and the
 * C1 range included) become visible escapes, so no byte a stranger wrote can drive the terminal.
 */
final class Terminal {
    private Terminal() { }

    static String safe(CharSequence s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0)) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
