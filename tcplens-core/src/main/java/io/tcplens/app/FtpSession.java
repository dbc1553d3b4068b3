package io.tcplens.app;

import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The FTP control connection (RFC 959; EPSV and EPRT from RFC 2428): commands and replies, the
 * user who logged in, and the data endpoints that PASV, EPSV, PORT and EPRT announce, so that
 * the data connections that follow are linked back to it.
 */
final class FtpSession {
    /** Bytes of a line kept at most; the rest of a longer line is not read. */
    static final int MAX_LINE = 4096;

    private static final Pattern PASV = Pattern.compile("(\\d{1,3}),(\\d{1,3}),(\\d{1,3}),(\\d{1,3}),(\\d{1,3}),(\\d{1,3})");
    private static final Pattern EPSV = Pattern.compile("\\(([!-~])\\1\\1(\\d{1,5})\\1\\)");

    private final long stream;
    private final int clientSide;
    /** The control connection's server: EPSV's data endpoint is on it (RFC 2428, section 3). */
    private final String serverAddress;
    /** Where announced data endpoints are remembered for the connections that follow. */
    private final FtpDataLinks links;
    private String user;
    /** The last data endpoint announced, waiting for its transfer command; null once used. */
    private Pending pending;
    final AppEvents events;
    private boolean authTlsRequested;
    private long authTlsFrame;

    /** A data endpoint announced and not connected to yet. */
    record Pending(String address, int port, long setupFrame, String method, String command, long commandFrame) { }

    FtpSession(long stream, int clientSide, String serverAddress, FtpDataLinks links, boolean dialogue) {
        this.stream = stream;
        this.clientSide = clientSide;
        this.serverAddress = serverAddress;
        this.links = links;
        this.events = new AppEvents(dialogue);
    }

    /** Reads one segment's payload as Wireshark does: its first line is the command or the reply. */
    FtpMessage segment(int side, ByteBuffer b, int at, int length, long frame) {
        int end = at + Math.min(length, MAX_LINE);
        StringBuilder line = new StringBuilder(Math.min(length, 128));
        for (int i = at; i < end && b.get(i) != '\n'; i++) {
            line.append((char) (b.get(i) & 0xFF));
        }
        if (line.length() > 0 && line.charAt(line.length() - 1) == '\r') {
            line.setLength(line.length() - 1);
        }
        String text = line.toString();
        if (side == clientSide) {
            int space = text.indexOf(' ');
            String command = space < 0 ? text : text.substring(0, space);
            String argument = space < 0 ? null : text.substring(space + 1);
            command(command.toUpperCase(Locale.ROOT), argument, frame);
            // The password is not told in the story (packets shows it when asked, as tshark does).
            events.add(frame, side, command.equalsIgnoreCase("PASS") && argument != null ? command + " ****" : text);
            return new FtpMessage(true, command, -1, argument, text);
        }
        int code = -1;
        String argument = null;
        if (text.length() >= 3 && Character.isDigit(text.charAt(0)) && Character.isDigit(text.charAt(1))
                && Character.isDigit(text.charAt(2)) && (text.length() == 3 || text.charAt(3) == ' ' || text.charAt(3) == '-')) {
            code = Integer.parseInt(text.substring(0, 3));
            argument = text.length() > 4 ? text.substring(4) : null;
            reply(code, argument == null ? "" : argument, frame);
            events.add(frame, side, text);
        } else if (!text.isEmpty()) {
            // A continuation line of a multi-line reply (RFC 959, section 4.2): its text, without a code.
            argument = text;
        }
        return new FtpMessage(false, null, code, argument, text);
    }

    private void command(String command, String argument, long frame) {
        switch (command) {
            case "USER" -> user = argument;
            case "AUTH" -> {
                // RFC 4217, section 4: AUTH TLS (or SSL) asks to protect the control connection.
                if (argument != null && !authTlsRequested && argument.trim().toUpperCase(Locale.ROOT).matches("TLS(-C)?|SSL")) {
                    authTlsRequested = true;
                    authTlsFrame = frame;
                }
            }
            case "PORT" -> {
                Matcher m = argument == null ? null : PASV.matcher(argument);
                if (m != null && m.find()) {
                    announce(m.group(1) + "." + m.group(2) + "." + m.group(3) + "." + m.group(4),
                            Integer.parseInt(m.group(5)) * 256 + Integer.parseInt(m.group(6)), frame, "PORT");
                }
            }
            case "EPRT" -> {
                // RFC 2428, section 2: EPRT |proto|address|port|, the first character the delimiter.
                if (argument != null && argument.length() > 1) {
                    String[] parts = argument.split(Pattern.quote(argument.substring(0, 1)));
                    if (parts.length >= 4) {
                        try {
                            announce(parts[2], Integer.parseInt(parts[3]), frame, "EPRT");
                        } catch (NumberFormatException e) {
                            // Not an EPRT argument: nothing announced.
                        }
                    }
                }
            }
            case "RETR", "STOR", "STOU", "APPE", "LIST", "NLST", "MLSD" -> {
                if (pending != null && pending.command() == null) {
                    pending = new Pending(pending.address(), pending.port(), pending.setupFrame(), pending.method(),
                            argument == null ? command : command + " " + argument, frame);
                    links.announce(pending.address(), pending.port(), link(pending));
                }
            }
            default -> { }
        }
    }

    private void reply(int code, String text, long frame) {
        if (code == 227) {
            Matcher m = PASV.matcher(text);
            if (m.find()) {
                announce(m.group(1) + "." + m.group(2) + "." + m.group(3) + "." + m.group(4),
                        Integer.parseInt(m.group(5)) * 256 + Integer.parseInt(m.group(6)), frame, "PASV");
            }
        } else if (code == 229) {
            // RFC 2428, section 3: the address is the control connection's server.
            Matcher m = EPSV.matcher(text);
            if (m.find()) {
                announce(serverAddress, Integer.parseInt(m.group(2)), frame, "EPASV");
            }
        }
    }

    private void announce(String address, int port, long frame, String method) {
        pending = new Pending(address, port, frame, method, null, 0);
        links.announce(address, port, link(pending));
    }

    private FtpDataLink link(Pending p) {
        return new FtpDataLink(stream, p.setupFrame(), p.method(), p.command(), p.commandFrame());
    }

    String user() { return user; }

    boolean authTlsRequested() { return authTlsRequested; }

    long authTlsFrame() { return authTlsFrame; }


}
