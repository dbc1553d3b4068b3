package io.tcplens.report;

import io.tcplens.field.Formats;

/**
 * Text from a capture (or typed by a user) made safe for a terminal: control characters, ESC and
 * the C1 range included, become visible {@code \xNN} escapes, so no byte a stranger wrote can
 * drive the terminal.
 */
public final class SafeText {
    private SafeText() { }

    public static StringBuilder append(StringBuilder out, CharSequence s) {
        return Formats.safeText(out, s);
    }

    public static String of(CharSequence s) {
        return append(new StringBuilder(s.length()), s).toString();
    }
}
