package io.tcplens.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;

/** The one JSON factory of the reports: costly to make, safe to share; each row or document gets its own generator from it. */
public final class JsonLines {
    /** The factory every JSON output is written with: it escapes every control character (see {@link ControlEscapes}). */
    public static final JsonFactory FACTORY = new JsonFactory().setCharacterEscapes(new ControlEscapes());

    private JsonLines() { }

    /**
     * A time in seconds with microseconds, as Zeek's JSON logs write it (1700000000.000004), not
     * as a double would print (1.700000000000004E9).
     */
    static void seconds(JsonGenerator j, String name, long nanos) throws IOException {
        j.writeFieldName(name);
        j.writeNumber(ConnectionReport.seconds(nanos));
    }

    /**
     * JSON requires escapes only below U+0020; these also escape DEL, the C1 controls (U+0080 to
     * U+009F) and the line and paragraph separators (U+2028, U+2029). Strings from a capture
     * (an FTP command, a server name, a URI, read as Latin-1) carry any byte a stranger sent, and
     * a terminal showing the JSON, or a JavaScript parser reading it, would act on those (rule 7).
     */
    private static final class ControlEscapes extends CharacterEscapes {
        private final int[] ascii = CharacterEscapes.standardAsciiEscapesForJSON();
        private final SerializableString[] c1 = new SerializableString[0x20];
        private final SerializableString lineSeparator = escape(0x2028);
        private final SerializableString paragraphSeparator = escape(0x2029);

        ControlEscapes() {
            ascii[0x7F] = CharacterEscapes.ESCAPE_STANDARD;
            for (int c = 0; c < c1.length; c++) {
                c1[c] = escape(0x80 + c);
            }
        }

        private static SerializableString escape(int ch) {
            return new SerializedString(String.format("\\u%04X", ch));
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            if (ch >= 0x80 && ch < 0xA0) {
                return c1[ch - 0x80];
            }
            return ch == 0x2028 ? lineSeparator : ch == 0x2029 ? paragraphSeparator : null;
        }
    }
}
