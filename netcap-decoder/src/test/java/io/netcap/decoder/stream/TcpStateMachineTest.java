package io.netcap.decoder.stream;

import static io.netcap.decoder.stream.Direction.CLIENT_TO_SERVER;
import static io.netcap.decoder.stream.Direction.SERVER_TO_CLIENT;
import static io.netcap.decoder.stream.TcpReassembler.ACK;
import static io.netcap.decoder.stream.TcpReassembler.FIN;
import static io.netcap.decoder.stream.TcpReassembler.RST;
import static io.netcap.decoder.stream.TcpReassembler.SYN;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The original's simple state machine (docs/streams.md, "Segment checks") on hand-made flag sequences: the
 * three-way handshake and the orderly close of RFC 9293 section 3.5 and 3.6 pass, and the deviations the
 * machine knows are refused.
 */
class TcpStateMachineTest {
    private final TcpStateMachine m = new TcpStateMachine(false);

    private boolean c(int flags) {
        return m.accept(CLIENT_TO_SERVER, flags);
    }

    private boolean s(int flags) {
        return m.accept(SERVER_TO_CLIENT, flags);
    }

    @Test
    void handshakeDataAndOrderlyCloseAreAccepted() {
        assertThat(c(SYN)).isTrue(); // RFC 9293 figure 6, line 2
        assertThat(m.state()).isEqualTo(TcpStateMachine.State.SYN_SENT);
        assertThat(c(SYN)).as("a retransmitted SYN").isTrue();
        assertThat(s(SYN | ACK)).isTrue(); // line 3
        assertThat(m.state()).isEqualTo(TcpStateMachine.State.ESTABLISHED);
        assertThat(c(ACK)).isTrue(); // line 4
        assertThat(c(ACK)).isTrue(); // data
        assertThat(s(ACK)).isTrue();
        assertThat(c(FIN | ACK)).isTrue(); // RFC 9293 figure 12: the client closes first
        assertThat(m.state()).isEqualTo(TcpStateMachine.State.CLOSE_WAIT);
        assertThat(s(ACK)).isTrue();
        assertThat(s(FIN | ACK)).isTrue();
        assertThat(m.state()).isEqualTo(TcpStateMachine.State.LAST_ACK);
        assertThat(c(ACK)).isTrue();
        assertThat(m.state()).isEqualTo(TcpStateMachine.State.CLOSED);
    }

    @Test
    void dataBeforeTheSynAckAndASynAckFromTheSynsSenderAreRefused() {
        assertThat(c(SYN)).isTrue();
        assertThat(c(ACK)).as("the client's data before the server answered").isFalse();
        assertThat(c(SYN | ACK)).as("a SYN+ACK from the side that sent the SYN").isFalse();
        assertThat(s(ACK)).isFalse();
        assertThat(m.state()).isEqualTo(TcpStateMachine.State.SYN_SENT);
        assertThat(s(SYN | ACK)).isTrue();
    }

    @Test
    void withoutMissingHandshakesOnlyASynOpens() {
        assertThat(c(ACK)).isFalse();
        assertThat(s(SYN | ACK)).isFalse();
        assertThat(c(FIN | ACK)).isFalse();
        assertThat(m.state()).isEqualTo(TcpStateMachine.State.CLOSED);
        assertThat(c(SYN)).isTrue();
    }

    @Test
    void afterARstEverySegmentIsRefused() {
        c(SYN);
        s(SYN | ACK);
        assertThat(s(RST | ACK)).isTrue();
        assertThat(m.state()).isEqualTo(TcpStateMachine.State.RESET);
        assertThat(c(ACK)).isFalse();
        assertThat(s(RST)).isFalse();
        assertThat(c(SYN)).isFalse();
    }

    @Test
    void whileClosingASegmentWithoutAckOrARepeatedLastFinIsRefused() {
        c(SYN);
        s(SYN | ACK);
        c(FIN | ACK);
        assertThat(s(0)).as("no ACK bit while closing").isFalse();
        assertThat(c(FIN | ACK)).as("the first closer's FIN again: an ACK").isTrue();
        assertThat(s(FIN | ACK)).isTrue();
        assertThat(s(FIN | ACK)).as("the last FIN again, before the first closer acknowledged it").isFalse();
        assertThat(c(ACK)).isTrue();
    }

    @Test
    void anEstablishedConnectionAcceptsEverySegment() {
        // the original's machine checks nothing once established, not even a SYN (RFC 9293 section 3.10.7.4
        // would answer it with a challenge ACK)
        c(SYN);
        s(SYN | ACK);
        assertThat(c(SYN)).isTrue();
        assertThat(s(0)).isTrue();
        assertThat(m.state()).isEqualTo(TcpStateMachine.State.ESTABLISHED);
    }

    @Test
    void withMissingHandshakesTheFirstSegmentSetsTheStateItImplies() {
        TcpStateMachine mid = new TcpStateMachine(true);
        assertThat(mid.accept(CLIENT_TO_SERVER, ACK)).isTrue();
        assertThat(mid.state()).isEqualTo(TcpStateMachine.State.ESTABLISHED);

        TcpStateMachine synAck = new TcpStateMachine(true);
        assertThat(synAck.accept(SERVER_TO_CLIENT, SYN | ACK)).as("the SYN was not captured").isTrue();
        assertThat(synAck.state()).isEqualTo(TcpStateMachine.State.ESTABLISHED);
        assertThat(synAck.accept(CLIENT_TO_SERVER, ACK)).isTrue();

        TcpStateMachine finAck = new TcpStateMachine(true);
        assertThat(finAck.accept(CLIENT_TO_SERVER, FIN | ACK)).as("taken for the last FIN").isTrue();
        assertThat(finAck.state()).isEqualTo(TcpStateMachine.State.LAST_ACK);
        assertThat(finAck.accept(SERVER_TO_CLIENT, ACK)).isTrue();
        assertThat(finAck.state()).isEqualTo(TcpStateMachine.State.CLOSED);
    }
}
