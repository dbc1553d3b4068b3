package io.tcplens.app;

import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * A line-based text protocol (SMTP, IMAP, POP3, IRC, XMPP's plain start, ...) watched for the
 * command that upgrades it to TLS: STARTTLS (RFC 3207 for SMTP, RFC 9051 for IMAP, IRCv3), STLS
 * (RFC 2595 for POP3). After the command, the first bytes that are a TLS record switch the
 * connection to TLS; the reply need not be understood. Only the first {@link #MAX_LINES} lines
 * are read: a connection that has not asked by then is not followed further.
 */
final class StartTls {
    static final int MAX_LINES = 64;
    /** Characters of a line kept at most (a command is short; the rest of a long line is not needed). */
    static final int MAX_LINE = 256;

    /** An IRC server line's command after its prefix: a three-digit numeric reply or a known command. */
    private static final java.util.regex.Pattern IRC_REPLY =
            java.util.regex.Pattern.compile("\\d{3}|NOTICE|PRIVMSG|PING|PONG|JOIN|PART|MODE|CAP|ERROR");

    private final StringBuilder[] lines = {new StringBuilder(), new StringBuilder()};
    private int seen;
    private boolean requested;
    /** The protocol the lines show, once one says so (Zeek's analyzer names); else null. */
    private String name;
    private long requestFrame;

    /** True when bytes starting with these could be a line of text (printable ASCII, line ends). */
    static boolean looksLikeText(ByteBuffer b, int at, int length) {
        if (length < 2) {
            return false;
        }
        for (int i = at; i < at + Math.min(length, 8); i++) {
            int c = b.get(i) & 0xFF;
            if ((c < 0x20 || c > 0x7E) && c != '\r' && c != '\n' && c != '\t') {
                return false;
            }
        }
        return true;
    }

    /** Reads lines of one direction; false once it has given up (too many lines without an upgrade). */
    boolean text(int side, ByteBuffer b, int at, int length, long frame) {
        StringBuilder line = lines[side];
        for (int i = at; i < at + length; i++) {
            char c = (char) (b.get(i) & 0xFF);
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
                // Not a text protocol after all (binary data): stop reading it.
                return false;
            }
            if (c == '\n') {
                command(line.toString().trim(), frame);
                line.setLength(0);
                if (++seen > MAX_LINES) {
                    return false;
                }
            } else if (line.length() < MAX_LINE) {
                line.append(c);
            }
        }
        return true;
    }

    private void command(String line, long frame) {
        String[] words = line.toUpperCase(Locale.ROOT).split("\\s+", 3);
        if (name == null) {
            name = recognise(words, line);
        }
        boolean upgrade = words[0].equals("STARTTLS") || words[0].equals("STLS")
                // IMAP tags its commands: "a1 STARTTLS".
                || (words.length > 1 && words[1].equals("STARTTLS") && !words[0].startsWith(":"));
        if (upgrade && !requested) {
            requested = true;
            requestFrame = frame;
        }
    }

    /**
     * Names the protocol from a line that only it would send: SMTP's EHLO or HELO (RFC 5321,
     * section 4.1.1.1), IMAP's untagged greeting "* OK" (RFC 9051, section 7.1), POP3's "+OK"
     * greeting (RFC 1939, section 4), IRC's NICK or a server line with a ":prefix" and a numeric
     * reply or a known command (RFC 2812, sections 2.3 and 5). Null while nothing says.
     */
    private static String recognise(String[] words, String line) {
        if (words[0].equals("EHLO") || words[0].equals("HELO")) {
            return "smtp";
        }
        if (line.startsWith("* OK")) {
            return "imap";
        }
        if (line.startsWith("+OK")) {
            return "pop3";
        }
        if (words[0].equals("NICK") || (line.startsWith(":") && words.length > 1 && IRC_REPLY.matcher(words[1]).matches())) {
            return "irc";
        }
        return null;
    }

    /** The protocol the lines showed, or null. */
    String name() { return name; }

    /** True once a side asked to upgrade. */
    boolean requested() { return requested; }

    long requestFrame() { return requestFrame; }
}
