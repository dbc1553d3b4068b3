package io.tcplens.report;

import static org.assertj.core.api.Assertions.assertThat;

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
}
