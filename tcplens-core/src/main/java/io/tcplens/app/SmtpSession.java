package io.tcplens.app;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An SMTP connection (RFC 5321) read segment by segment as Wireshark 4.0's SMTP dissector reads
 * it with its default preferences (packet-smtp.c: desegmentation on, message data reassembled
 * and handed to IMF, AUTH parameters not base64-decoded), so that each segment gets tshark's
 * words: the client's command lines ("C: EHLO GP"), the server's reply lines ("S: 250 OK", a
 * multi-line reply's later lines without their code), "C: DATA fragment, N bytes" for message
 * data and, where the "." line ends the message, the message itself ({@link ImfMessage}).
 *
 * <p>The state follows the client's commands as Wireshark's does, not the server's answers:
 * after DATA the client's lines are message data until a "." line, whether or not the server
 * said 354 (a pipelined DATA that the server refused still turns the client's next segments into
 * "DATA fragment"s, as on suricata's smtp-to-comma.pcap).
 */
final class SmtpSession extends SegmentReader {
    /** The ports Wireshark gives SMTP: 25 (RFC 5321) and 587 (submission, RFC 6409). */
    static boolean smtpPort(int port) {
        return port == 25 || port == 587;
    }

    /** Bytes of a segment without a line end kept, waiting for the next one, at most; beyond, read as it is. */
    static final int MAX_PENDING = 64 * 1024;

    /** Wireshark's smtp_state_t. */
    private enum State { START, READING_CMDS, READING_DATA, AWAITING_STARTTLS_RESPONSE }

    /** Wireshark's smtp_auth_state_t: where an AUTH exchange is (RFC 4954). */
    private enum Auth {
        NONE, START, USERNAME_REQ, USERNAME_RSP, PASSWORD_REQ, PASSWORD_RSP, PLAIN_START_REQ, PLAIN_CRED_REQ,
        PLAIN_REQ, PLAIN_RSP, NTLM_REQ, NTLM_CHALLENGE, NTLM_RSP, SUCCESS, FAILED
    }

    /** What a client segment holds, as its last line decided (Wireshark's pdu_type). */
    private enum Pdu { CMD, MESSAGE, EOM }

    /** A multi-line reply's progress (RFC 5321, section 4.2.1: "250-" lines, then "250 "). */
    private enum Multiline { NONE, START, CONTINUE, END }

    private State state = State.START;
    private Auth auth = Auth.NONE;
    private long firstAuthFrame;
    private long lastAuthFrame;
    private long usernameFrame;
    private long passwordFrame;
    private long usernameCommandFrame;
    private long userPassCommandFrame;
    private long userPassFrame;
    private long ntlmRequestFrame;
    private long ntlmResponseFrame;
    /** The last segment read in the data state ended with CRLF: a "." line first in the next ends the message. */
    private boolean crlfSeen;
    private boolean dataSeen;
    /** BDAT (RFC 3030): the chunks' announced and read lengths, and whether the last chunk was announced. */
    private long bdatTotal;
    private long bdatRead;
    private boolean bdatLast = true;
    private boolean startTlsRequested;
    private long startTlsFrame;

    /**
     * @param request per side (FlowKey order), true for the side whose segments go to the SMTP port
     * @param budget  the bytes all connections' reassembly may hold together
     * @param dialogue keep the dialogue's steps for explain
     */
    SmtpSession(boolean[] request, io.tcplens.flow.ReassemblyBudget budget, boolean dialogue) {
        super(request, budget, dialogue);
    }

    @Override
    String name() { return "SMTP"; }

    /** True once the client sent STARTTLS (RFC 3207): TLS may follow. */
    @Override
    boolean startTlsRequested() { return startTlsRequested; }

    @Override
    long startTlsFrame() { return startTlsFrame; }

    @Override
    boolean segment(int side, ByteBuffer b, int at, int length, AppFrame frame) {
        SmtpMessage m = read(side, b, at, length, frame.number());
        if (m != null) {
            frame.segment(m);
            if (events.enabled()) {
                tell(side, m, frame.number());
            }
        }
        return m != null;
    }

    /** A step of the story: the segment's words, with what AUTH sends masked and message data told where it ends. */
    private void tell(int side, SmtpMessage m, long frame) {
        String text = m.info();
        if (m.imf() != null) {
            text = "message ends: " + m.imf().info();
        } else if (m.request() && m.requestLines() == 0) {
            // Message data: told once, where the message ends.
            return;
        } else if (frame == passwordFrame || frame == userPassFrame) {
            text = "C: ****";
        } else if (frame == userPassCommandFrame) {
            text = "C: AUTH PLAIN ****";
        }
        events.add(frame, side, text);
    }

    /**
     * Reads one segment's bytes in order; null when its first line has no end yet (Wireshark's
     * SMTP then asks TCP for the next segment, and the frame shows "[TCP segment of a reassembled PDU]").
     */
    SmtpMessage read(int side, ByteBuffer b, int at, int length, long frame) {
        int held = pendingLength[side];
        byte[] data = joinPending(side, b, at, length);
        int n = data.length;
        if (n < MAX_PENDING && MailLines.lineOpen(data, 0, n) && take(length)) {
            pending[side] = data;
            pendingLength[side] = n;
            return null;
        }
        // Without room to wait (or past MAX_PENDING) the bytes are read as they are.
        give(held);
        pending[side] = null;
        pendingLength[side] = 0;
        return request[side] ? clientSegment(data, n, frame) : serverSegment(data, n, frame);
    }

    /** Wireshark leaves these bytes out of the message it reassembles (see the README). */
    @Override
    void retransmitted(int side, ByteBuffer b, int at, int length) {
        if (request[side] && state == State.READING_DATA && pendingLength[side] == 0) {
            byte[] data = new byte[length];
            b.get(at, data, 0, length);
            addToMessage(data, length);
        }
    }

    private SmtpMessage clientSegment(byte[] data, int n, long frame) {
        Pdu pdu = Pdu.CMD;
        boolean moreFragments = true;
        boolean eom = false;
        String authLine = null;
        int loffset = 0;
        while (loffset < n) {
            int lineLength = MailLines.lineLength(data, loffset, n);
            int next = MailLines.nextLine(data, loffset, n);
            if (state == State.READING_DATA) {
                // The order matters: a CRLF ending one segment and ".CRLF" starting the next end it too.
                if ((crlfSeen && MailLines.starts(data, loffset, n, ".\r\n")) || MailLines.starts(data, loffset, n, "\r\n.\r\n")) {
                    eom = true;
                }
                crlfSeen = n >= 2 && data[n - 2] == '\r' && data[n - 1] == '\n';
            }
            if (state == State.READING_DATA) {
                if (eom) {
                    pdu = Pdu.EOM;
                    state = State.READING_CMDS;
                    break;
                }
                pdu = Pdu.MESSAGE;
                if (bdatTotal > 0) {
                    bdatRead += n - loffset;
                    next = n;
                    if (bdatRead == bdatTotal) {
                        state = State.READING_CMDS;
                        if (bdatLast) {
                            moreFragments = false;
                        }
                        break;
                    }
                }
            } else {
                if (auth != Auth.NONE && frame >= firstAuthFrame && (lastAuthFrame == 0 || frame <= lastAuthFrame)) {
                    authLine = MailLines.asciiString(data, loffset, lineLength);
                }
                int commandLength = 0;
                while (commandLength < lineLength && data[loffset + commandLength] != ' ') {
                    commandLength++;
                }
                if (isCommand(data, loffset, commandLength)) {
                    pdu = Pdu.CMD;
                    if (MailLines.startsIgnoringCase(data, loffset, lineLength, "DATA")) {
                        // RFC 5321, 4.1.1.4: what follows DATA, to a line with only ".", is the message.
                        state = State.READING_DATA;
                        dataSeen = true;
                    } else if (MailLines.startsIgnoringCase(data, loffset, lineLength, "BDAT")) {
                        long chunk = leadingNumber(data, loffset + 5, loffset + lineLength);
                        dataSeen = true;
                        bdatTotal += chunk;
                        state = chunk == 0 ? State.READING_CMDS : State.READING_DATA;
                        bdatLast = lineLength >= 4 && MailLines.startsIgnoringCase(data, loffset + lineLength - 4, 4, "LAST");
                        if (bdatLast && chunk == 0) {
                            moreFragments = false;
                        }
                    } else if (MailLines.startsIgnoringCase(data, loffset, lineLength, "AUTH LOGIN")) {
                        // RFC 4954: the user name follows in its own line, or on the command's.
                        state = State.READING_CMDS;
                        firstAuthFrame = frame;
                        if (lineLength <= 11) {
                            auth = Auth.START;
                        } else {
                            auth = Auth.USERNAME_RSP;
                            usernameCommandFrame = frame;
                        }
                    } else if (MailLines.startsIgnoringCase(data, loffset, lineLength, "AUTH PLAIN")) {
                        state = State.READING_CMDS;
                        firstAuthFrame = frame;
                        if (lineLength <= 11) {
                            auth = Auth.PLAIN_START_REQ;
                        } else {
                            auth = Auth.PLAIN_CRED_REQ;
                            userPassCommandFrame = frame;
                        }
                    } else if (MailLines.startsIgnoringCase(data, loffset, lineLength, "AUTH NTLM") && lineLength > 10) {
                        state = State.READING_CMDS;
                        auth = Auth.NTLM_REQ;
                        ntlmRequestFrame = frame;
                    } else if (MailLines.startsIgnoringCase(data, loffset, lineLength, "STARTTLS")) {
                        // RFC 3207: after a 220 reply the connection is TLS.
                        state = State.AWAITING_STARTTLS_RESPONSE;
                        if (!startTlsRequested) {
                            startTlsRequested = true;
                            startTlsFrame = frame;
                        }
                    }
                } else if (auth == Auth.USERNAME_REQ) {
                    auth = Auth.USERNAME_RSP;
                    usernameFrame = frame;
                } else if (auth == Auth.PASSWORD_REQ) {
                    auth = Auth.PASSWORD_RSP;
                    passwordFrame = frame;
                } else if (auth == Auth.PLAIN_REQ) {
                    auth = Auth.PLAIN_RSP;
                    userPassFrame = frame;
                } else if (auth == Auth.NTLM_CHALLENGE) {
                    auth = Auth.NTLM_RSP;
                    ntlmResponseFrame = frame;
                } else {
                    // Not a command: message data when a DATA came before or nothing did (a capture
                    // that began inside a message).
                    pdu = dataSeen || state == State.START ? Pdu.MESSAGE : Pdu.CMD;
                }
            }
            loffset = next;
        }
        List<String[]> commands = new ArrayList<>();
        StringBuilder info = new StringBuilder();
        String protocols = "";
        ImfMessage imf = null;
        int lines = 0;
        switch (pdu) {
            case MESSAGE -> {
                info.append("C: DATA fragment, ").append(n).append(n == 1 ? " byte" : " bytes");
                addToMessage(data, n);
                // packet-text-media.c gives a segment that begins with an XML declaration to XML.
                protocols = n > 38 && MailLines.startsIgnoringCase(data, 0, n, "<?XML") ? ":xml" : ":data-text-lines";
            }
            case EOM -> {
                info.append("C: .");
                if (loffset > 0) {
                    addToMessage(data, loffset);
                }
                imf = endMessage();
            }
            case CMD -> {
                int at = 0;
                while (at < n) {
                    int lineLength = MailLines.lineLength(data, at, n);
                    int next = MailLines.nextLine(data, at, n);
                    info.append(at == 0 ? "C: " : " | ");
                    lines++;
                    commandWords(data, at, lineLength, frame, authLine, info, commands);
                    at = next;
                }
                if (!moreFragments) {
                    imf = endMessage();
                }
            }
        }
        if (imf != null) {
            // IMF clears the Info column and writes its own.
            info.setLength(0);
            info.append(imf.info());
            protocols = imf.protocols();
        }
        return new SmtpMessage(true, info.toString(), protocols, lines, commands, List.of(), imf);
    }

    /** One command line's words, as Wireshark's tree and Info column give them. */
    private void commandWords(byte[] data, int at, int lineLength, long frame, String authLine, StringBuilder info,
                              List<String[]> commands) {
        String line = authLine != null ? authLine : MailLines.asciiString(data, at, lineLength);
        if (frame == usernameFrame) {
            info.append("User: ").append(line);
        } else if (frame == passwordFrame) {
            info.append("Pass: ").append(line);
        } else if (frame == ntlmResponseFrame || frame == userPassFrame) {
            info.append(line);
        } else {
            commands.add(new String[] {MailLines.text(data, at, Math.min(4, lineLength)),
                    lineLength > 5 ? MailLines.text(data, at + 5, lineLength - 5) : null});
            if (lineLength >= 11 && frame == usernameCommandFrame) {
                info.append(MailLines.text(data, at, 11)).append("User: ").append(MailLines.text(data, at + 11, lineLength - 11));
            } else if (lineLength > 5 && frame == usernameCommandFrame) {
                // Wireshark adds nothing for an AUTH LOGIN line too short to hold a name.
                return;
            } else if (lineLength >= 10 && frame == ntlmRequestFrame) {
                info.append(MailLines.text(data, at, 10)).append(MailLines.text(data, at + 10, lineLength - 10));
            } else if (lineLength > 5 && frame == ntlmRequestFrame) {
                return;
            } else if (lineLength > 5 && frame == userPassCommandFrame) {
                info.append(MailLines.text(data, at, 11)).append(MailLines.text(data, at + 11, lineLength - 11));
            } else {
                info.append(MailLines.text(data, at, lineLength));
            }
        }
    }

    private SmtpMessage serverSegment(byte[] data, int n, long frame) {
        // The client's data state sees the server's segments too: Wireshark keeps one flag for both.
        if (state == State.READING_DATA) {
            crlfSeen = n >= 2 && data[n - 2] == '\r' && data[n - 1] == '\n';
        }
        StringBuilder info = new StringBuilder();
        List<SmtpMessage.Response> responses = new ArrayList<>();
        Multiline multiline = Multiline.NONE;
        int at = 0;
        while (at < n) {
            int lineLength = MailLines.lineLength(data, at, n);
            int next = MailLines.nextLine(data, at, n);
            info.append(at == 0 ? "S: " : " | ");
            if (lineLength >= 3) {
                if (digit(data[at]) && digit(data[at + 1]) && digit(data[at + 2])) {
                    int code = (data[at] - '0') * 100 + (data[at + 1] - '0') * 10 + (data[at + 2] - '0');
                    if (lineLength > 3 && data[at + 3] == '-') {
                        multiline = multiline == Multiline.NONE ? Multiline.START : Multiline.CONTINUE;
                    } else if (multiline == Multiline.START || multiline == Multiline.CONTINUE) {
                        multiline = Multiline.END;
                    }
                    reply(code, frame);
                    boolean first = multiline != Multiline.CONTINUE && multiline != Multiline.END;
                    if (lineLength >= 4) {
                        responses.add(new SmtpMessage.Response(code, first, MailLines.text(data, at + 4, lineLength - 4)));
                        info.append(first ? MailLines.text(data, at, lineLength) : MailLines.text(data, at + 4, lineLength - 4));
                    } else {
                        // The code alone ("250" ending a multi-line reply): shown as it is.
                        responses.add(new SmtpMessage.Response(code, first, null));
                        info.append(MailLines.text(data, at, lineLength));
                    }
                }
                // A line that does not begin with a code adds nothing but its separator.
                if (multiline == Multiline.END) {
                    multiline = Multiline.NONE;
                }
            }
            at = next;
        }
        return new SmtpMessage(false, info.toString(), "", 0, List.of(), responses, null);
    }

    /** A reply's effect on the state: the answer to STARTTLS, and AUTH's exchange (RFC 4954: 334 asks, 235 accepts). */
    private void reply(int code, long frame) {
        if (state == State.AWAITING_STARTTLS_RESPONSE) {
            state = State.READING_CMDS;
        }
        if (code == 334) {
            auth = switch (auth) {
                case START -> Auth.USERNAME_REQ;
                case USERNAME_RSP -> Auth.PASSWORD_REQ;
                case PLAIN_REQ -> Auth.PLAIN_RSP;
                case PLAIN_START_REQ -> Auth.PLAIN_REQ;
                case NTLM_REQ -> Auth.NTLM_CHALLENGE;
                case NONE, USERNAME_REQ, PASSWORD_REQ, PASSWORD_RSP, PLAIN_RSP, PLAIN_CRED_REQ, NTLM_RSP,
                     NTLM_CHALLENGE, SUCCESS, FAILED -> auth;
            };
        } else if (auth == Auth.PASSWORD_RSP || auth == Auth.PLAIN_RSP || auth == Auth.NTLM_RSP
                || auth == Auth.PLAIN_CRED_REQ) {
            auth = code == 235 ? Auth.SUCCESS : Auth.FAILED;
            lastAuthFrame = frame;
        }
    }

    @Override
    void release() {
        give(pendingLength[0] + pendingLength[1]);
        pending[0] = null;
        pending[1] = null;
        pendingLength[0] = 0;
        pendingLength[1] = 0;
        dropMessage(false);
    }


    /** RFC 821's four letters, or one of the longer commands Wireshark knows. */
    private static boolean isCommand(byte[] b, int at, int length) {
        if (length == 4 && letter(b[at]) && letter(b[at + 1]) && letter(b[at + 2]) && letter(b[at + 3])) {
            return true;
        }
        String word = new String(b, at, length, java.nio.charset.StandardCharsets.ISO_8859_1).toUpperCase(Locale.ROOT);
        return word.equals("STARTTLS") || word.equals("X-EXPS") || word.equals("X-LINK2STATE") || word.equals("XEXCH50");
    }

    private static boolean letter(byte c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }

    private static boolean digit(byte c) {
        return c >= '0' && c <= '9';
    }

    /** strtoul's decimal digits after optional spaces; 0 without any. */
    private static long leadingNumber(byte[] b, int at, int end) {
        while (at < end && b[at] == ' ') {
            at++;
        }
        long value = 0;
        while (at < end && digit(b[at]) && value < 0xFFFFFFFFL) {
            value = value * 10 + (b[at++] - '0');
        }
        return Math.min(value, 0xFFFFFFFFL);
    }
}
