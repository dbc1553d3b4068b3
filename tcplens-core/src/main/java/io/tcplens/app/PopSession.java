package io.tcplens.app;

import io.tcplens.flow.ReassemblyBudget;
import java.nio.ByteBuffer;

/**
 * A POP3 connection (RFC 1939) read segment by segment as Wireshark 4.0's POP dissector reads it
 * (packet-pop.c): each segment's first line ("C: RETR 1", "S: +OK 120 octets"); a server segment
 * that begins with neither +OK nor -ERR is message data ("S: DATA fragment, N bytes"), counted
 * against the size the +OK to RETR or TOP announced, and the message, once that many bytes of
 * such segments have come, is read as IMF ({@link ImfMessage}). Wireshark counts only whole
 * data segments: the bytes after the +OK line in its own segment are not counted, and data
 * when no size was announced makes a message of its own at once; tcplens does the same.
 */
final class PopSession extends SegmentReader {
    /** Wireshark's port for POP3 (995, POP3 over TLS, is TLS's). */
    static boolean popPort(int port) {
        return port == 110;
    }

    /** A RETR or TOP was sent: the next +OK announces the message's size. */
    private boolean messageRequested;
    private long announced;
    private long counted;
    private boolean stlsRequested;
    private long stlsFrame;

    /**
     * @param request per side (FlowKey order), true for the side whose segments go to the POP port
     * @param budget  the bytes all connections' reassembly may hold together
     * @param dialogue keep the dialogue's steps for explain
     */
    PopSession(boolean[] request, ReassemblyBudget budget, boolean dialogue) {
        super(request, budget, dialogue);
    }

    @Override
    String name() { return "POP3"; }

    @Override
    boolean segment(int side, ByteBuffer b, int at, int length, AppFrame frame) {
        byte[] data = new byte[length];
        b.get(at, data, 0, length);
        int lineLength = MailLines.lineLength(data, 0, length);
        boolean isRequest = request[side];
        if (!isRequest && !MailLines.starts(data, 0, lineLength, "+OK") && !MailLines.starts(data, 0, lineLength, "-ERR")) {
            // Message data (or any other server line Wireshark takes for it).
            String info = "S: DATA fragment, " + length + (length == 1 ? " byte" : " bytes");
            counted += length;
            addToMessage(data, length);
            ImfMessage imf = null;
            if (counted >= announced) {
                imf = endMessage();
                counted = 0;
                announced = 0;
            }
            frame.segment(new PopMessage(false, imf != null ? imf.info() : info, null, null, imf));
            if (imf != null) {
                // Message data is told once, where the message ends.
                events.add(frame.number(), side, "message ends: " + imf.info());
            }
            return true;
        }
        String info = (isRequest ? "C: " : "S: ") + MailLines.text(data, 0, lineLength);
        int tokenEnd = 0;
        while (tokenEnd < lineLength && data[tokenEnd] != ' ') {
            tokenEnd++;
        }
        int parameterStart = tokenEnd;
        while (parameterStart < lineLength && data[parameterStart] == ' ') {
            parameterStart++;
        }
        String token = tokenEnd > 0 ? MailLines.text(data, 0, tokenEnd) : null;
        String parameter = token != null && parameterStart < lineLength
                ? MailLines.text(data, parameterStart, lineLength - parameterStart) : null;
        if (token != null) {
            if (isRequest) {
                if (MailLines.startsIgnoringCase(data, 0, lineLength, "RETR") || MailLines.startsIgnoringCase(data, 0, lineLength, "TOP")) {
                    messageRequested = true;
                }
                if (MailLines.startsIgnoringCase(data, 0, lineLength, "STLS") && !stlsRequested) {
                    // RFC 2595, 4: after the +OK the connection is TLS.
                    stlsRequested = true;
                    stlsFrame = frame.number();
                }
            } else if (messageRequested) {
                if (MailLines.startsIgnoringCase(data, 0, lineLength, "+OK ") && lineLength > 4) {
                    counted = 0;
                    announced = size(data, lineLength);
                }
                messageRequested = false;
            }
        }
        frame.segment(new PopMessage(isRequest, info, token, parameter, null));
        events.add(frame.number(), side, isRequest && MailLines.startsIgnoringCase(data, 0, lineLength, "PASS") ? "C: PASS ****" : info);
        return true;
    }

    /** sscanf("%*s %u"): the digits of the reply's second word; 0 without them. */
    private static long size(byte[] b, int lineLength) {
        int i = 0;
        while (i < lineLength && b[i] != ' ') {
            i++;
        }
        while (i < lineLength && b[i] == ' ') {
            i++;
        }
        long value = 0;
        while (i < lineLength && b[i] >= '0' && b[i] <= '9' && value <= 0xFFFFFFFFL) {
            value = value * 10 + (b[i++] - '0');
        }
        return Math.min(value, 0xFFFFFFFFL);
    }

    @Override
    boolean startTlsRequested() { return stlsRequested; }

    @Override
    long startTlsFrame() { return stlsFrame; }

    @Override
    void release() {
        dropMessage(false);
    }

}
