package io.tcplens.analysis;

import static io.tcplens.testing.Dialogue.ACK;
import static io.tcplens.testing.Dialogue.FIN;
import static io.tcplens.testing.Dialogue.PSH;
import static io.tcplens.testing.Dialogue.RST;
import static io.tcplens.testing.Dialogue.SYN;
import static org.assertj.core.api.Assertions.assertThat;

import io.tcplens.flow.TcpConnection;
import io.tcplens.testing.Dialogue;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Scripted dialogues for every verdict. Expected states follow RFC 9293 (section 3.3.2 and the
 * event processing of 3.10); expected Zeek conn_states follow their definitions in Zeek's
 * conn.log documentation (S0: attempt, no reply; REJ: rejected; SF: normal establishment and
 * termination; RSTO/RSTR: established, then aborted by the originator/responder; S1:
 * established, not terminated; SH: SYN then FIN, no SYN-ACK).
 */
class ConnectionDialogueTest {
    private static final long X = 1000;
    private static final long Y = 5000;

    private static ConnectionAnalysis analyse(Dialogue d) {
        return ConnectionAnalysis.of(d.connection());
    }

    private static List<String> states(EndpointTimeline t) {
        return t.changes().stream().map(c -> c.state().rfcName()).toList();
    }

    private static Dialogue handshake() {
        return new Dialogue().client(SYN, X, 0).server(SYN | ACK, Y, X + 1).client(ACK, X + 1, Y + 1);
    }

    @Test
    void threeWayHandshakeAndFourWayTeardownByTheClient() {
        Dialogue d = handshake()
                .client(PSH | ACK, X + 1, Y + 1, 10).server(ACK, Y + 1, X + 11)
                .client(FIN | ACK, X + 11, Y + 1).server(ACK, Y + 1, X + 12)
                .server(FIN | ACK, Y + 1, X + 12).client(ACK, X + 12, Y + 2);
        ConnectionAnalysis a = analyse(d);
        assertThat(a.handshake()).isEqualTo(HandshakeKind.THREE_WAY);
        assertThat(a.handshakeChecks()).extracting(ConnectionAnalysis.Check::text).containsExactly(
                "SYN-ACK ack 1001 = ISN 1000 + 1", "ACK ack 5001 = ISN 5000 + 1", "ACK seq 1001 = ISN 1000 + 1");
        assertThat(a.handshakeChecks()).allMatch(ConnectionAnalysis.Check::ok);
        assertThat(a.teardown()).isEqualTo(TeardownKind.FOUR_WAY);
        assertThat(a.initiator()).isEqualTo(ConnectionAnalysis.Initiator.ORIGINATOR);
        assertThat(a.finalAckSeen()).isTrue();
        // After 10 bytes of data the FIN sits at 1011: its ACK is 1012, not "seq + 1" of the SYN.
        assertThat(a.teardownChecks()).extracting(ConnectionAnalysis.Check::text)
                .containsExactly("ACK ack 1012 = FIN seq 1011 + 1", "ACK ack 5002 = FIN seq 5001 + 1");
        assertThat(a.isnOriginator()).isEqualTo(X);
        assertThat(a.isnResponder()).isEqualTo(Y);
        assertThat(a.initialRttNanos()).isEqualTo(2_000_000);
        assertThat(states(a.originatorStates())).containsExactly("CLOSED", "SYN-SENT", "ESTABLISHED", "FIN-WAIT-1",
                "FIN-WAIT-2", "TIME-WAIT");
        assertThat(states(a.responderStates())).containsExactly("LISTEN", "SYN-RECEIVED", "ESTABLISHED", "CLOSE-WAIT",
                "LAST-ACK", "CLOSED");
        assertThat(a.connection().zeekRows().get(0).zeek().connState()).isEqualTo("SF");
        assertThat(a.connection().completeness()).isEqualTo(31);
    }

    /**
     * An acknowledgment that goes further than the SYN-ACK or a FIN (the capture missed the
     * server's first data, or a bogus ACK) is printed with what it adds, so the sum shown is the
     * acknowledgment itself; found by CommandFuzzTest, which printed "ack 5301 = ISN 5000 + 1".
     * Acknowledging beyond the SYN-ACK still acknowledges it (RFC 9293, 3.4: cumulative); nothing
     * follows a FIN, so an acknowledgment beyond it is marked wrong.
     */
    @Test
    void anAcknowledgmentBeyondWhatItAcknowledgesIsShownAsSuch() {
        Dialogue d = new Dialogue().client(SYN, X, 0).server(SYN | ACK, Y, X + 1).client(ACK, X + 1, Y + 301)
                .client(FIN | ACK, X + 1, Y + 301).server(ACK, Y + 301, X + 7)
                .server(FIN | ACK, Y + 301, X + 2).client(ACK, X + 2, Y + 302);
        ConnectionAnalysis a = analyse(d);
        assertThat(a.handshake()).isEqualTo(HandshakeKind.THREE_WAY);
        assertThat(a.handshakeChecks()).extracting(ConnectionAnalysis.Check::text).containsExactly(
                "SYN-ACK ack 1001 = ISN 1000 + 1", "ACK ack 5301 = ISN 5000 + 1 + 300 acknowledged beyond the SYN-ACK",
                "ACK seq 1001 = ISN 1000 + 1");
        assertThat(a.handshakeChecks()).allMatch(ConnectionAnalysis.Check::ok);
        assertThat(a.teardown()).isEqualTo(TeardownKind.FOUR_WAY);
        assertThat(a.teardownChecks()).extracting(ConnectionAnalysis.Check::text).containsExactly(
                "ACK ack 1007 = FIN seq 1001 + 1 + 5 beyond the FIN", "ACK ack 5302 = FIN seq 5301 + 1");
        assertThat(a.teardownChecks()).extracting(ConnectionAnalysis.Check::ok).containsExactly(false, true);
    }

    @Test
    void isnWrapAroundIsArithmeticModulo2To32() {
        long x = 4294967290L;
        long y = 4294967000L;
        Dialogue d = new Dialogue().client(SYN, x, 0).server(SYN | ACK, y, (x + 1) & 0xFFFFFFFFL)
                .client(ACK, (x + 1) & 0xFFFFFFFFL, y + 1)
                .client(PSH | ACK, x + 1, y + 1, 20).server(ACK, y + 1, (x + 21) & 0xFFFFFFFFL)
                .client(FIN | ACK, (x + 21) & 0xFFFFFFFFL, y + 1).server(FIN | ACK, y + 1, (x + 22) & 0xFFFFFFFFL)
                .client(ACK, (x + 22) & 0xFFFFFFFFL, y + 2);
        ConnectionAnalysis a = analyse(d);
        assertThat(a.handshake()).isEqualTo(HandshakeKind.THREE_WAY);
        assertThat(a.handshakeChecks()).allMatch(ConnectionAnalysis.Check::ok);
        assertThat(a.handshakeChecks().get(0).text()).isEqualTo("SYN-ACK ack 4294967291 = ISN 4294967290 + 1");
        assertThat(a.teardown()).isEqualTo(TeardownKind.THREE_PACKET);
        assertThat(a.teardownChecks().get(0).text()).isEqualTo("FIN+ACK ack 16 = FIN seq 15 + 1");
        assertThat(a.connection().zeekRows().get(0).zeek().orig().size()).as("20 bytes across the wrap").isEqualTo(20);
    }

    @Test
    void threePacketTeardownByTheServer() {
        ConnectionAnalysis a = analyse(handshake().server(FIN | ACK, Y + 1, X + 1).client(FIN | ACK, X + 1, Y + 2)
                .server(ACK, Y + 2, X + 2));
        assertThat(a.teardown()).isEqualTo(TeardownKind.THREE_PACKET);
        assertThat(a.initiator()).isEqualTo(ConnectionAnalysis.Initiator.RESPONDER);
        assertThat(a.finalAckSeen()).isTrue();
        // RFC 9293 3.10.7.4: in FIN-WAIT-1, a FIN that also acknowledges our FIN leads straight to TIME-WAIT.
        assertThat(states(a.responderStates())).containsExactly("LISTEN", "SYN-RECEIVED", "ESTABLISHED", "FIN-WAIT-1", "TIME-WAIT");
        assertThat(states(a.originatorStates())).containsExactly("CLOSED", "SYN-SENT", "ESTABLISHED", "CLOSE-WAIT", "LAST-ACK", "CLOSED");
    }

    @Test
    void simultaneousCloseGoesThroughClosingOnBothSides() {
        ConnectionAnalysis a = analyse(handshake().client(FIN | ACK, X + 1, Y + 1).server(FIN | ACK, Y + 1, X + 1)
                .client(ACK, X + 2, Y + 2).server(ACK, Y + 2, X + 2));
        assertThat(a.teardown()).isEqualTo(TeardownKind.SIMULTANEOUS_CLOSE);
        assertThat(a.initiator()).isEqualTo(ConnectionAnalysis.Initiator.BOTH);
        assertThat(a.finalAckSeen()).isTrue();
        assertThat(states(a.originatorStates())).endsWith("FIN-WAIT-1", "CLOSING", "TIME-WAIT");
        assertThat(states(a.responderStates())).endsWith("FIN-WAIT-1", "CLOSING", "TIME-WAIT");
        // The server took in the client's FIN (4) only after sending its own (5): after 4 it is
        // still ESTABLISHED, after 5 FIN-WAIT-1, and CLOSING comes between 5 and 6 (RFC 9293 figure 13).
        assertThat(a.responderStates().stateAfter(4)).isEqualTo(TcpState.ESTABLISHED);
        assertThat(a.responderStates().stateAfter(5)).isEqualTo(TcpState.FIN_WAIT_1);
        assertThat(a.responderStates().changes()).filteredOn(EndpointTimeline.Change::delayed)
                .extracting(EndpointTimeline.Change::state, EndpointTimeline.Change::packet, EndpointTimeline.Change::arrivedAfter)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(TcpState.CLOSING, 4L, 5L));
        // Neither FIN acknowledged the other: each is checked against the ACK that came after,
        // in packet order (packets 6 and 7: the handshake is 1-3, the FINs 4 and 5).
        assertThat(a.teardownChecks()).extracting(ConnectionAnalysis.Check::packet).containsExactly(6L, 7L);
        assertThat(a.teardownChecks()).extracting(ConnectionAnalysis.Check::text).containsExactly(
                "ACK ack " + (Y + 2) + " = FIN seq " + (Y + 1) + " + 1", "ACK ack " + (X + 2) + " = FIN seq " + (X + 1) + " + 1");
        assertThat(a.teardownChecks()).allMatch(ConnectionAnalysis.Check::ok);
    }

    @Test
    void simultaneousOpenGoesThroughSynReceivedOnBothSides() {
        ConnectionAnalysis a = analyse(new Dialogue().client(SYN, X, 0).server(SYN, Y, 0).client(SYN | ACK, X, Y + 1)
                .server(SYN | ACK, Y, X + 1).client(ACK, X + 1, Y + 1));
        assertThat(a.handshake()).isEqualTo(HandshakeKind.SIMULTANEOUS_OPEN);
        // Each end answers the other's SYN: both SYN-ACKs are checked, in packet order (3 acknowledges Y + 1, 4 X + 1).
        assertThat(a.handshakeChecks()).extracting(ConnectionAnalysis.Check::text)
                .containsExactly("SYN-ACK ack 5001 = ISN 5000 + 1", "SYN-ACK ack 1001 = ISN 1000 + 1");
        assertThat(a.handshakeChecks()).allMatch(ConnectionAnalysis.Check::ok);
        assertThat(a.handshakeNote()).contains("both ends sent a SYN");
        assertThat(states(a.originatorStates())).containsExactly("CLOSED", "SYN-SENT", "SYN-RECEIVED", "ESTABLISHED");
        assertThat(states(a.responderStates())).containsExactly("CLOSED", "SYN-SENT", "SYN-RECEIVED", "ESTABLISHED");
        // The client's SYN (1) crossed the server's (2): the server took it in after sending its own,
        // so after packet 1 the server is still CLOSED, after 2 SYN-SENT (RFC 9293 figure 8).
        EndpointTimeline.Change received = a.responderStates().changes().get(2);
        assertThat(received.packet()).isEqualTo(1);
        assertThat(received.delayed()).isTrue();
        assertThat(received.arrivedAfter()).isEqualTo(2);
        assertThat(a.responderStates().stateAfter(1)).isEqualTo(TcpState.CLOSED);
        assertThat(a.responderStates().stateAfter(2)).isEqualTo(TcpState.SYN_SENT);
        assertThat(a.responderStates().stateAfter(3)).isEqualTo(TcpState.ESTABLISHED);
        // The server's SYN reached the client at once: its SYN-ACK (3) acknowledges it.
        assertThat(a.originatorStates().changes()).noneMatch(EndpointTimeline.Change::delayed);
        assertThat(a.originatorStates().stateAfter(2)).isEqualTo(TcpState.SYN_RECEIVED);
    }

    @Test
    void splitHandshake() {
        ConnectionAnalysis a = analyse(new Dialogue().client(SYN, X, 0).server(SYN, Y, 0).client(SYN | ACK, X, Y + 1)
                .server(ACK, Y + 1, X + 1));
        assertThat(a.handshake()).isEqualTo(HandshakeKind.SPLIT_HANDSHAKE);
        // Here the originator sends the SYN-ACK: it acknowledges the responder's ISN Y + 1.
        assertThat(a.handshakeChecks()).extracting(ConnectionAnalysis.Check::text).containsExactly("SYN-ACK ack 5001 = ISN 5000 + 1");
        assertThat(a.handshakeChecks()).allMatch(ConnectionAnalysis.Check::ok);
        assertThat(a.handshakeNote()).contains("a SYN of its own");
    }

    @Test
    void refusedByRst() {
        ConnectionAnalysis a = analyse(new Dialogue().client(SYN, X, 0).server(RST | ACK, 0, X + 1));
        assertThat(a.handshake()).isEqualTo(HandshakeKind.REFUSED);
        assertThat(a.handshakeChecks()).singleElement().satisfies(c -> assertThat(c.text()).isEqualTo("RST ack 1001 = ISN 1000 + 1"));
        assertThat(a.teardown()).isEqualTo(TeardownKind.RESET);
        assertThat(a.initiator()).isEqualTo(ConnectionAnalysis.Initiator.RESPONDER);
        assertThat(states(a.originatorStates())).containsExactly("CLOSED", "SYN-SENT", "CLOSED");
        assertThat(states(a.responderStates())).containsExactly("CLOSED");
        assertThat(a.connection().zeekRows().get(0).zeek().connState()).isEqualTo("REJ");
    }

    /**
     * A RST before the SYN-ACK whose ACK does not acknowledge the SYN (zeek's rst-inject-rae.pcap
     * has one: ack = ISN): a TCP in SYN-SENT drops it (RFC 9293 3.10.7.3), so it neither refuses
     * the connection nor resets it; the SYN-ACK after it opens the connection, and the RST that
     * comes later, with the client's 10 bytes unacknowledged, is the reset. Zeek, which keeps no
     * such rule, calls it REJ.
     */
    @Test
    void aRstThatDoesNotAcknowledgeTheSynIsDroppedInSynSent() {
        ConnectionAnalysis a = analyse(new Dialogue().client(SYN, X, 0).server(RST | ACK, 0, X).server(SYN | ACK, Y, X + 1)
                .client(ACK, X + 1, Y + 1).client(PSH | ACK, X + 1, Y + 1, 10).server(RST | ACK, Y + 1, X + 1));
        assertThat(a.handshake()).isEqualTo(HandshakeKind.THREE_WAY);
        assertThat(a.handshakeNote()).contains("the RST in #2 came before the SYN-ACK but acknowledges " + X + ", not the SYN (" + (X + 1) + ")");
        assertThat(a.handshakeChecks()).extracting(ConnectionAnalysis.Check::ok).containsExactly(false, true, true, true);
        assertThat(a.teardown()).isEqualTo(TeardownKind.RESET);
        assertThat(a.initiator()).isEqualTo(ConnectionAnalysis.Initiator.RESPONDER);
        assertThat(a.resetPacket()).isEqualTo(6);
        assertThat(a.resetWithUnacknowledgedData()).as("the client's 10 bytes").isTrue();
        assertThat(a.resetSenderState()).isEqualTo(TcpState.ESTABLISHED);
        assertThat(states(a.originatorStates())).containsExactly("CLOSED", "SYN-SENT", "ESTABLISHED", "CLOSED");
        assertThat(a.connection().zeekRows().get(0).zeek().connState()).isEqualTo("REJ");
        // Acknowledging beyond the SYN (X + 2, with no SYN data) is no better than before it.
        assertThat(analyse(new Dialogue().client(SYN, X, 0).server(RST | ACK, 0, X + 2).server(SYN | ACK, Y, X + 1)
                .client(ACK, X + 1, Y + 1)).handshake()).isEqualTo(HandshakeKind.THREE_WAY);
        // Without its ACK bit the RST is dropped too; acknowledging the SYN, it refuses the connection.
        assertThat(analyse(new Dialogue().client(SYN, X, 0).server(RST, 0, 0).server(SYN | ACK, Y, X + 1)
                .client(ACK, X + 1, Y + 1)).handshake()).isEqualTo(HandshakeKind.THREE_WAY);
        ConnectionAnalysis refused = analyse(new Dialogue().client(SYN, X, 0).server(RST | ACK, 0, X).server(RST | ACK, 0, X + 1)
                .server(SYN | ACK, Y, X + 1));
        assertThat(refused.handshake()).isEqualTo(HandshakeKind.REFUSED);
        assertThat(refused.handshakeChecks()).extracting(ConnectionAnalysis.Check::packet).containsExactly(3L);
        // With no SYN-ACK after it, a RST is the only answer there is: refused, its check failed.
        ConnectionAnalysis alone = analyse(new Dialogue().client(SYN, X, 0).server(RST | ACK, 0, X));
        assertThat(alone.handshake()).isEqualTo(HandshakeKind.REFUSED);
        assertThat(alone.handshakeChecks()).extracting(ConnectionAnalysis.Check::ok).containsExactly(false);
    }

    @Test
    void noReplyCountsRetransmittedSyns() {
        ConnectionAnalysis a = analyse(new Dialogue().client(SYN, X, 0).client(SYN, X, 0).client(SYN, X, 0));
        assertThat(a.handshake()).isEqualTo(HandshakeKind.NO_REPLY);
        assertThat(a.synRetransmissions()).isEqualTo(2);
        assertThat(a.teardown()).isEqualTo(TeardownKind.NOT_SEEN);
        assertThat(a.connection().zeekRows().get(0).zeek().connState()).isEqualTo("S0");
        assertThat(a.connection().zeekRows().get(0).zeek().history()).as("a retransmitted SYN is not a new event").isEqualTo("S");
        // Nothing came back: the server's state is not inferred (no LISTEN, no SYN-RECEIVED).
        assertThat(states(a.originatorStates())).containsExactly("CLOSED", "SYN-SENT");
        assertThat(states(a.responderStates())).containsExactly("UNKNOWN");
        assertThat(a.handshakeNote()).isEqualTo("the SYN was never answered; it was retransmitted 2 times");
        // Nor by a FIN it was sent (tcpdump's tfo-5c1fa7f9ae91.pcap, stream 2: a SYN, then a FIN).
        ConnectionAnalysis fin = analyse(new Dialogue().client(SYN, X, 0).client(FIN | ACK, X + 1, 1));
        assertThat(states(fin.responderStates())).containsExactly("UNKNOWN");
        // A responder that sent something else (a bare ACK) did not answer the SYN either; the note says so.
        ConnectionAnalysis other = analyse(new Dialogue().client(SYN, X, 0).server(ACK, Y, X));
        assertThat(other.handshake()).isEqualTo(HandshakeKind.NO_REPLY);
        assertThat(other.handshakeNote()).isEqualTo("the SYN got neither a SYN-ACK nor a RST (the responder sent only other packets)");
    }

    @Test
    void synAckCapturedBeforeItsSynDoesNotFlipTheRoles() {
        TcpConnection c = new Dialogue().server(SYN | ACK, Y, X + 1).client(SYN, X, 0).client(ACK, X + 1, Y + 1).connection();
        ConnectionAnalysis a = ConnectionAnalysis.of(c);
        assertThat(c.port(c.originator())).as("the client sent the SYN").isEqualTo(40000);
        assertThat(c.rolesGuessed()).isFalse();
        assertThat(a.handshake()).isEqualTo(HandshakeKind.THREE_WAY);
    }

    @Test
    void resetWithDataByTheServer() {
        ConnectionAnalysis a = analyse(handshake().client(PSH | ACK, X + 1, Y + 1, 10).server(RST | ACK, Y + 1, X + 11, 5));
        assertThat(a.teardown()).isEqualTo(TeardownKind.RESET);
        assertThat(a.initiator()).isEqualTo(ConnectionAnalysis.Initiator.RESPONDER);
        assertThat(a.resetSenderState()).isEqualTo(TcpState.ESTABLISHED);
        assertThat(a.teardownNote()).contains("carries 5 bytes");
        assertThat(a.connection().zeekRows().get(0).zeek().connState()).isEqualTo("RSTR");
    }

    @Test
    void resetByTheClientWithDataUnacknowledged() {
        ConnectionAnalysis a = analyse(handshake().server(PSH | ACK, Y + 1, X + 1, 100).client(RST | ACK, X + 1, Y + 1));
        assertThat(a.teardown()).isEqualTo(TeardownKind.RESET);
        assertThat(a.initiator()).isEqualTo(ConnectionAnalysis.Initiator.ORIGINATOR);
        assertThat(a.resetWithUnacknowledgedData()).isTrue();
        assertThat(a.connection().zeekRows().get(0).zeek().connState()).isEqualTo("RSTO");
    }

    @Test
    void finThenReset() {
        ConnectionAnalysis a = analyse(handshake().client(FIN | ACK, X + 1, Y + 1).server(ACK, Y + 1, X + 2)
                .server(RST | ACK, Y + 1, X + 2));
        assertThat(a.teardown()).isEqualTo(TeardownKind.FIN_THEN_RESET);
        assertThat(a.initiator()).isEqualTo(ConnectionAnalysis.Initiator.ORIGINATOR);
    }

    @Test
    void halfCloseWhileTheServerKeepsSending() {
        ConnectionAnalysis a = analyse(handshake().client(FIN | ACK, X + 1, Y + 1).server(ACK, Y + 1, X + 2)
                .server(PSH | ACK, Y + 1, X + 2, 500).client(ACK, X + 2, Y + 501));
        assertThat(a.teardown()).isEqualTo(TeardownKind.HALF_CLOSED);
        assertThat(a.teardownNote()).contains("kept sending");
        assertThat(states(a.originatorStates())).endsWith("FIN-WAIT-1", "FIN-WAIT-2");
        assertThat(states(a.responderStates())).endsWith("CLOSE-WAIT");
    }

    @Test
    void retransmittedFinIsCountedNotDoubled() {
        ConnectionAnalysis a = analyse(handshake().client(FIN | ACK, X + 1, Y + 1).client(FIN | ACK, X + 1, Y + 1)
                .server(ACK, Y + 1, X + 2).server(FIN | ACK, Y + 1, X + 2).client(ACK, X + 2, Y + 2));
        assertThat(a.teardown()).isEqualTo(TeardownKind.FOUR_WAY);
        assertThat(a.finRetransmissions()).isEqualTo(1);
    }

    @Test
    void synWithDataIsTcpFastOpen() {
        ConnectionAnalysis a = analyse(new Dialogue().client(SYN, X, 0, 5).server(SYN | ACK, Y, X + 6).client(ACK, X + 6, Y + 1));
        assertThat(a.handshake()).isEqualTo(HandshakeKind.SYN_WITH_DATA);
        assertThat(a.handshakeChecks()).allMatch(ConnectionAnalysis.Check::ok);
        assertThat(a.handshakeNote()).isEqualTo("the SYN carried 5 bytes (TCP Fast Open); the SYN-ACK accepted them");
        assertThat(a.handshakeChecks().get(0).text()).contains("+ 5 bytes of SYN data");
        // One byte is singular, and the SYN-ACK that acknowledges only the SYN leaves it to be sent again.
        ConnectionAnalysis one = analyse(new Dialogue().client(SYN, X, 0, 1).server(SYN | ACK, Y, X + 1).client(ACK, X + 1, Y + 1));
        assertThat(one.handshakeNote()).isEqualTo(
                "the SYN carried 1 byte (TCP Fast Open); the SYN-ACK acknowledged only the SYN, so it must be sent again");
    }

    @Test
    void wrongAcknowledgmentIsInvalidAndSaysWhatWasExpected() {
        ConnectionAnalysis a = analyse(new Dialogue().client(SYN, X, 0).server(SYN | ACK, Y, X + 5).client(ACK, X + 1, Y + 1));
        assertThat(a.handshake()).isEqualTo(HandshakeKind.INVALID);
        assertThat(a.handshakeChecks().get(0).ok()).isFalse();
        assertThat(a.handshakeNote()).contains("needs 1001");
    }

    @Test
    void thirdPacketWithData() {
        ConnectionAnalysis a = analyse(new Dialogue().client(SYN, X, 0).server(SYN | ACK, Y, X + 1)
                .client(PSH | ACK, X + 1, Y + 1, 50));
        assertThat(a.handshake()).isEqualTo(HandshakeKind.THREE_WAY_WITH_DATA);
    }

    @Test
    void midStreamCaptureGuessesTheRolesFromTheServerPort() {
        TcpConnection c = new Dialogue().server(PSH | ACK, Y, X, 100).client(ACK, X, Y + 100).connection();
        ConnectionAnalysis a = ConnectionAnalysis.of(c);
        assertThat(a.handshake()).isEqualTo(HandshakeKind.NOT_SEEN);
        assertThat(c.rolesGuessed()).isTrue();
        assertThat(c.port(c.responder())).isEqualTo(80);
        assertThat(states(a.originatorStates())).containsExactly("UNKNOWN");
    }

    @Test
    void lonelySynAckIsBackscatter() {
        ConnectionAnalysis a = analyse(new Dialogue().server(SYN | ACK, Y, X + 1));
        assertThat(a.handshake()).isEqualTo(HandshakeKind.SYN_ACK_ONLY);
    }

    @Test
    void synAckNeverAcknowledged() {
        ConnectionAnalysis a = analyse(new Dialogue().client(SYN, X, 0).server(SYN | ACK, Y, X + 1).client(RST, X + 1, 0));
        assertThat(a.handshake()).isEqualTo(HandshakeKind.NO_FINAL_ACK);
        assertThat(a.handshakeNote()).contains("RST");
    }

    @Test
    void aNewSynWithANewIsnAfterTheCloseIsANewConnection() {
        List<TcpConnection> all = handshake().client(FIN | ACK, X + 1, Y + 1).server(FIN | ACK, Y + 1, X + 2)
                .client(ACK, X + 2, Y + 2)
                .client(SYN, 90000, 0).server(SYN | ACK, 70000, 90001).client(ACK, 90001, 70001).connections();
        assertThat(all).hasSize(2);
        assertThat(all.get(1).portReuse()).isTrue();
        assertThat(ConnectionAnalysis.of(all.get(1)).isnOriginator()).isEqualTo(90000);
        assertThat(ConnectionAnalysis.of(all.get(0)).teardown()).isEqualTo(TeardownKind.THREE_PACKET);
    }

    @Test
    void aRetransmittedSynDoesNotStartANewConnection() {
        assertThat(new Dialogue().client(SYN, X, 0).client(SYN, X, 0).server(SYN | ACK, Y, X + 1).client(ACK, X + 1, Y + 1)
                .connections()).hasSize(1);
    }
}
