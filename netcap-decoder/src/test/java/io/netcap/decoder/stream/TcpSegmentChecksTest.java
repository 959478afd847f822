package io.netcap.decoder.stream;

import static io.netcap.decoder.stream.Direction.CLIENT_TO_SERVER;
import static io.netcap.decoder.stream.Direction.SERVER_TO_CLIENT;
import static io.netcap.decoder.stream.TcpReassembler.ACK;
import static io.netcap.decoder.stream.TcpReassembler.FIN;
import static io.netcap.decoder.stream.TcpReassembler.SYN;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The reassembler with the original's segment checks and {@code -remove-closed-streams} (docs/streams.md,
 * "Segment checks"), on hand-made segments; without them (the defaults) the same segments pass as before.
 */
class TcpSegmentChecksTest {
    private static final int ISN = 1000;
    private static final int SERVER_ISN = 5000;

    private final RecordingSink sink = new RecordingSink();
    private TcpReassembler<String> r;

    private void use(ReassemblyConfig config) {
        r = new TcpReassembler<>(config, sink);
    }

    private void segment(boolean fromClient, int seq, int flags, String data, long ts, SegmentHeader h) {
        byte[] b = data.getBytes(StandardCharsets.ISO_8859_1);
        r.segment("c", fromClient, seq, flags, b, 0, b.length, ts, null, h);
    }

    private void client(int seq, int flags, String data, long ts) {
        segment(true, seq, flags, data, ts, null);
    }

    private void server(int seq, int flags, String data, long ts) {
        segment(false, seq, flags, data, ts, null);
    }

    /** The client's data before the server's SYN+ACK (RFC 9293 section 3.5 has none there), then the same range again. */
    private void earlyData() {
        client(ISN, SYN, "", 0);
        client(ISN + 1, ACK, "early", 1);
        server(SERVER_ISN, SYN | ACK, "", 2);
        client(ISN + 1, ACK, "hello", 3);
    }

    @Test
    void withTheStateCheckDataBeforeTheHandshakeIsRefusedAndCounted() {
        use(ReassemblyConfig.defaults().withChecks(false, false, true));
        earlyData();
        client(ISN + 6, ACK, "!", 4);
        assertThat(sink.text(CLIENT_TO_SERVER)).isEqualTo("hello!");
        assertThat(r.counters().stateRefusedSegments()).isEqualTo(1);
        assertThat(r.counters().stateRefusedConnections()).isEqualTo(1);
    }

    @Test
    void byDefaultTheStateMachineIsNotConsulted() {
        use(ReassemblyConfig.defaults());
        earlyData();
        assertThat(sink.text(CLIENT_TO_SERVER)).as("first data wins").isEqualTo("early");
        assertThat(r.counters().stateRefusedSegments()).isZero();
    }

    @Test
    void withTheStateCheckARefusedConnectionIsCountedOnce() {
        use(ReassemblyConfig.defaults().withChecks(false, false, true));
        client(ISN, SYN, "", 0);
        client(ISN + 1, ACK, "a", 1);
        client(ISN + 2, ACK, "b", 2);
        assertThat(r.counters().stateRefusedSegments()).isEqualTo(2);
        assertThat(r.counters().stateRefusedConnections()).isEqualTo(1);
        assertThat(sink.text(CLIENT_TO_SERVER)).isEmpty();
    }

    @Test
    void withTheOptionCheckASegmentAboveTheAnnouncedMssIsRefused() {
        use(ReassemblyConfig.defaults().withChecks(false, true, false));
        byte[] mss4 = {2, 4, 0, 4}; // MSS 4
        SegmentHeader none = new SegmentHeader().set(1000, new byte[0], 0, 0);
        segment(true, ISN, SYN, "", 0, none);
        segment(false, SERVER_ISN, SYN | ACK, "", 1, new SegmentHeader().set(1000, mss4, 0, mss4.length));
        segment(true, ISN + 1, ACK, "toolong", 2, none);
        segment(true, ISN + 1, ACK, "fits", 3, none);
        segment(true, ISN + 1, ACK, "fits", 4, none); // a retransmission: refused too
        assertThat(sink.text(CLIENT_TO_SERVER)).isEqualTo("fits");
        assertThat(r.counters().optionRefusedSegments()).isEqualTo(2);
        assertThat(r.counters().duplicateSegments()).isZero();
    }

    @Test
    void byDefaultOptionsAreNotChecked() {
        use(ReassemblyConfig.defaults());
        byte[] mss4 = {2, 4, 0, 4};
        segment(true, ISN, SYN, "", 0, null);
        segment(false, SERVER_ISN, SYN | ACK, "", 1, new SegmentHeader().set(1000, mss4, 0, mss4.length));
        segment(true, ISN + 1, ACK, "toolong", 2, null);
        assertThat(sink.text(CLIENT_TO_SERVER)).isEqualTo("toolong");
        assertThat(r.counters().optionRefusedSegments()).isZero();
    }

    @Test
    void aDroppedBadChecksumIsCountedAsASegment() {
        use(ReassemblyConfig.defaults().withChecks(true, false, false));
        r.badChecksum();
        assertThat(r.counters().segments()).isEqualTo(1);
        assertThat(r.counters().badChecksumSegments()).isEqualTo(1);
        assertThat(r.connectionCount()).isZero();
    }

    private void closedThenLateRetransmission() {
        client(ISN, SYN, "", 0);
        server(SERVER_ISN, SYN | ACK, "", 1);
        client(ISN + 1, ACK, "data", 2);
        client(ISN + 5, FIN | ACK, "", 3);
        server(SERVER_ISN + 1, FIN | ACK, "", 4);
        client(ISN + 6, ACK, "", 5); // the final ACK
        client(ISN + 1, ACK, "data", 6); // a late retransmission
    }

    @Test
    void byDefaultAClosedConnectionStaysAndSwallowsItsLateSegments() {
        use(ReassemblyConfig.defaults());
        closedThenLateRetransmission();
        assertThat(r.connectionCount()).isEqualTo(1);
        assertThat(r.connection("c").closed()).isTrue();
        assertThat(r.counters().segmentsAfterClose()).isEqualTo(2);
        assertThat(r.counters().connectionsOpened()).isEqualTo(1);
        assertThat(sink.ends).containsExactly("c:FIN");
    }

    @Test
    void removingClosedConnectionsForgetsThemSoALateRetransmissionOpensANewOne() {
        use(ReassemblyConfig.defaults().withRemoveClosed(true));
        closedThenLateRetransmission();
        // the final ACK opens nothing (no payload); the retransmitted data is taken for a new connection, as the
        // original does once the closed one left its pool
        assertThat(r.counters().segmentsAfterClose()).isZero();
        assertThat(r.counters().connectionsOpened()).isEqualTo(2);
        assertThat(r.connection("c").closed()).isFalse();
        assertThat(sink.text(CLIENT_TO_SERVER)).isEqualTo("datadata");
        r.flushAll();
        assertThat(sink.ends).containsExactly("c:FIN", "c:SHUTDOWN");
        assertThat(r.connectionCount()).isZero();
    }

    @Test
    void removingClosedConnectionsAlsoAppliesToRst() {
        use(ReassemblyConfig.defaults().withRemoveClosed(true));
        client(ISN, SYN, "", 0);
        server(SERVER_ISN, SYN | ACK, "", 1);
        server(SERVER_ISN + 1, TcpReassembler.RST, "", 2);
        assertThat(sink.ends).containsExactly("c:RST");
        assertThat(r.connectionCount()).isZero();
    }

    @Test
    void nextSequenceNumberCountsTheFinOnceReached() {
        use(ReassemblyConfig.defaults());
        client(ISN, SYN, "", 0);
        TcpStream s = r.connection("c").stream(CLIENT_TO_SERVER);
        assertThat(s.nextSeq()).isEqualTo(ISN + 1);
        client(ISN + 1, ACK, "abc", 1);
        assertThat(s.nextSeq()).isEqualTo(ISN + 4);
        client(ISN + 4, FIN | ACK, "", 2);
        assertThat(s.nextSeq()).isEqualTo(ISN + 5);
        assertThat(r.connection("c").stream(SERVER_TO_CLIENT).nextSeq()).isEqualTo(-1);
    }
}
