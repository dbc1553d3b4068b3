package io.tcplens.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class SafeTextTest {
    @Test
    void controlCharactersAndTerminalEscapesBecomeVisible() {
        String hostile = "evil\u001b]0;owned\u0007\r\nname\u009b31m\u007f";
        assertThat(SafeText.of(hostile)).isEqualTo("evil\\x1b]0;owned\\x07\\x0d\\x0aname\\x9b31m\\x7f");
    }

    @Test
    void printableTextIncludingNonAsciiIsKept() {
        assertThat(SafeText.of("caf\u00e9 \u2192 \u00b7SYN")).isEqualTo("caf\u00e9 \u2192 \u00b7SYN");
    }

    /** Found by CommandFuzzTest: an FTP command's C1 bytes went into explain's JSON unescaped. */
    @Test
    void jsonEscapesEveryControlCharacterAndKeepsText() throws IOException {
        String hostile = "evil\u001b[2J\u007f\u0085\u008d\u009b31m\u2028\u2029 caf\u00e9 \u2192 \u00a0\u00ff";
        StringWriter out = new StringWriter();
        try (JsonGenerator j = JsonLines.FACTORY.createGenerator(out)) {
            j.writeString(hostile);
        }
        assertThat(out.toString()).isEqualTo(
                "\"evil\\u001B[2J\\u007F\\u0085\\u008D\\u009B31m\\u2028\\u2029 caf\u00e9 \u2192 \u00a0\u00ff\"");
        try (JsonParser p = new JsonFactory().createParser(out.toString())) {
            p.nextToken();
            assertThat(p.getText()).as("it reads back as the same text").isEqualTo(hostile);
        }
    }
}
