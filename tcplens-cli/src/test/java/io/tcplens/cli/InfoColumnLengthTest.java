package io.tcplens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wireshark's Info column holds at most 4,095 bytes (COL_MAX_INFO_LEN, epan/column-info.h):
 * tshark 4.0.17 -n on these bytes ends a 5,000-character reply's words, and a message's
 * 3,000-character subject followed by its lines, at 4,095 characters, in the summary line and
 * in _ws.col.Info alike.
 */
class InfoColumnLengthTest {
    @Test
    void longWordsEndAt4095Bytes(@TempDir Path dir) throws IOException {
        String x = "x".repeat(5000);
        String subject = "S".repeat(3000);
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            lines.append(String.format("line %05d here\r\n", i));
        }
        Path capture = new TcpDialogue(40000, 25).handshake()
                .server("250-" + x + "\r\n250 ok\r\n")
                .client("DATA\r\n")
                .server("354 go\r\n")
                .client("Subject: " + subject + "\r\n\r\n" + lines + ".\r\n")
                .write(dir.resolve("long-info.pcap"));
        StringBuilder message = new StringBuilder("subject: " + subject + ", ");
        for (int i = 0; i < 200; i++) {
            message.append(", ").append(String.format("line %05d here  ", i));
        }
        List<String> columns = TcpDialogue.columns(capture);
        assertThat(columns.get(3)).isEqualTo("SMTP|" + ("S: 250-" + x + " | ok").substring(0, 4095));
        assertThat(columns.get(6)).isEqualTo("SMTP/IMF|" + message.substring(0, 4095));
        List<String> summary = TsharkParityTest.run("packets", "-r", capture.toString()).lines();
        assertThat(summary.get(3)).endsWith(("S: 250-" + x).substring(0, 4095));
    }
}
