package io.netcap.decoder.stream;

import static io.netcap.decoder.stream.Direction.CLIENT_TO_SERVER;
import static io.netcap.decoder.stream.Direction.SERVER_TO_CLIENT;
import static io.netcap.decoder.stream.TcpReassembler.FIN;
import static io.netcap.decoder.stream.TcpReassembler.RST;
import static io.netcap.decoder.stream.TcpReassembler.SYN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netcap.decoder.ConnectionCaps;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TcpReassemblerTest {
    private static final long SEC = 1_000_000_000L;
    private static final int ISN = 1000;
    private static final int SERVER_ISN = 5000;

    private final RecordingSink sink = new RecordingSink();
    private TcpReassembler<String> r = new TcpReassembler<>(ReassemblyConfig.defaults(), sink);

    private void client(int seq, int flags, String data, long ts) {
        byte[] b = data.getBytes(StandardCharsets.ISO_8859_1);
        r.segment("c", true, seq, flags, b, 0, b.length, ts);
    }

    private void server(int seq, int flags, String data, long ts) {
        byte[] b = data.getBytes(StandardCharsets.ISO_8859_1);
        r.segment("c", false, seq, flags, b, 0, b.length, ts);
    }

    private void handshake() {
        client(ISN, SYN, "", 0);
        server(SERVER_ISN, SYN, "", 1);
    }

    @Test
    void inOrderSegmentsAreDeliveredAndFinInBothDirectionsEnds() {
        handshake();
        client(ISN + 1, 0, "GET / ", 2);
        client(ISN + 7, 0, "HTTP/1.1", 3);
        server(SERVER_ISN + 1, 0, "HTTP/1.1 200", 4);
        client(ISN + 15, FIN, "", 5);
        assertThat(sink.ends).isEmpty();
        server(SERVER_ISN + 13, FIN, "", 6);
        assertThat(sink.text(CLIENT_TO_SERVER)).isEqualTo("GET / HTTP/1.1");
        assertThat(sink.text(SERVER_TO_CLIENT)).isEqualTo("HTTP/1.1 200");
        assertThat(sink.ends).containsExactly("c:FIN");
        assertThat(r.connection("c").closed()).isTrue();
        assertThat(r.counters().reassembledBytes()).isEqualTo(26);
        assertThat(r.counters().outOfOrderSegments()).isZero();
    }

    @Test
    void aCaptureStartingAtTheSynAckTakesItsSenderForTheServer() {
        server(SERVER_ISN, SYN | TcpReassembler.ACK, "", 1); // the client's SYN was not captured
        client(ISN + 1, TcpReassembler.ACK, "GET /", 2);
        server(SERVER_ISN + 1, TcpReassembler.ACK, "200", 3);
        assertThat(sink.text(CLIENT_TO_SERVER)).isEqualTo("GET /");
        assertThat(sink.text(SERVER_TO_CLIENT)).isEqualTo("200");
        assertThat(r.connection("c").clientForward()).isTrue();
    }

    @Test
    void reorderedSegmentsWaitForTheGap() {
        handshake();
        client(ISN + 7, 0, "world", 2);
        client(ISN + 4, 0, "lo ", 3);
        assertThat(sink.text(CLIENT_TO_SERVER)).isEmpty();
        assertThat(r.bufferedBytes()).isEqualTo(8);
        client(ISN + 1, 0, "hel", 4);
        assertThat(sink.text(CLIENT_TO_SERVER)).isEqualTo("hello world");
        assertThat(r.bufferedBytes()).isZero();
        assertThat(r.counters().outOfOrderSegments()).isEqualTo(2);
        assertThat(r.counters().outOfOrderBytes()).isEqualTo(8);
    }

    @Test
    void retransmissionsAreDroppedAndCounted() {
        handshake();
        client(ISN + 1, 0, "abc", 2);
        client(ISN + 1, 0, "abc", 3);
        client(ISN + 7, 0, "ghi", 4);
        client(ISN + 7, 0, "ghi", 5);
        client(ISN + 4, 0, "def", 6);
        assertThat(sink.text(CLIENT_TO_SERVER)).isEqualTo("abcdefghi");
        assertThat(r.counters().duplicateSegments()).isEqualTo(2);
        assertThat(r.counters().overlapBytes()).isEqualTo(6);
    }

    @Test
    void overlapWithDeliveredBytesKeepsTheFirstCopy() {
        handshake();
        client(ISN + 1, 0, "AAAA", 2);
        client(ISN + 3, 0, "bbbbCC", 3);
        assertThat(sink.text(CLIENT_TO_SERVER)).isEqualTo("AAAAbbCC");
        assertThat(r.counters().overlapSegments()).isEqualTo(1);
        assertThat(r.counters().overlapBytes()).isEqualTo(2);
    }

    @Test
    void overlapWithHeldBytesKeepsTheFirstCopy() {
        handshake();
        client(ISN + 5, 0, "XXXX", 2);          // offsets 4..7 held first
        client(ISN + 3, 0, "yyyyyyyy", 3);      // offsets 2..9: only 2..3 and 8..9 are new
        client(ISN + 1, 0, "zz", 4);
        assertThat(sink.text(CLIENT_TO_SERVER)).isEqualTo("zzyyXXXXyy");
        assertThat(r.counters().overlapBytes()).isEqualTo(4);
    }

    @Test
    void aSegmentCoveringHeldOnesOnBothSidesFillsOnlyTheHoles() {
        handshake();
        client(ISN + 3, 0, "11", 2);
        client(ISN + 7, 0, "22", 3);
        client(ISN + 1, 0, "abcdefghij", 4);
        assertThat(sink.text(CLIENT_TO_SERVER)).isEqualTo("ab11ef22ij");
        assertThat(r.bufferedBytes()).isZero();
    }

    @Test
    void sequenceNumbersWrapAround() {
        int isn = -3; // 0xFFFFFFFD
        client(isn, SYN, "", 0);
        client(isn + 6, 0, "world", 1); // starts at sequence 3, past 2^32
        client(isn + 1, 0, "hello", 2); // 0xFFFFFFFE .. 2
        assertThat(sink.text(CLIENT_TO_SERVER)).isEqualTo("helloworld");
        client(isn + 1, 0, "hello", 3);
        assertThat(r.counters().duplicateSegments()).isEqualTo(1);
        assertThat(sink.gap(CLIENT_TO_SERVER)).isZero();
    }

    @Test
    void missingHandshakeIsPickedUpWhenAllowed() {
        client(123456, 0, "mid-stream", 0);
        server(999, 0, "reply", 1);
        assertThat(sink.text(CLIENT_TO_SERVER)).isEqualTo("mid-stream");
        assertThat(sink.text(SERVER_TO_CLIENT)).isEqualTo("reply");
        assertThat(r.counters().segmentsWithoutHandshake()).isZero();
    }

    @Test
    void missingHandshakeWaitsForSynWhenNotAllowed() {
        r = new TcpReassembler<>(ReassemblyConfig.defaults().withAllowMissingInit(false), sink);
        client(123456, 0, "mid-stream", 0);
        assertThat(r.connectionCount()).isZero();
        client(ISN, SYN, "", 1);
        server(777, 0, "no syn-ack yet", 2);
        client(ISN + 1, 0, "hi", 3);
        server(SERVER_ISN, SYN, "", 4);
        server(SERVER_ISN + 1, 0, "ok", 5);
        assertThat(sink.text(CLIENT_TO_SERVER)).isEqualTo("hi");
        assertThat(sink.text(SERVER_TO_CLIENT)).isEqualTo("ok");
        assertThat(r.counters().segmentsWithoutHandshake()).isEqualTo(2);
    }

    @Test
    void inOrderBytesReachTheSinkWithoutACopy() {
        byte[][] seen = new byte[1][];
        TcpReassembler<String> direct = new TcpReassembler<>(ReassemblyConfig.defaults(), new StreamSink<>() {
            @Override
            public void data(TcpConnection<String> c, Direction d, byte[] b, int off, int len, long ts) {
                seen[0] = b;
            }

            @Override
            public void gap(TcpConnection<String> c, Direction d, long skipped) {}

            @Override
            public void end(TcpConnection<String> c, EndReason reason) {}
        });
        byte[] packet = new byte[64];
        direct.segment("c", true, ISN, SYN, packet, 0, 0, 0);
        direct.segment("c", true, ISN + 1, 0, packet, 40, 24, 1);
        assertThat(seen[0]).isSameAs(packet);
    }

    @Test
    void rstBeforeTheServerSyncedEndsARefusedConnection() {
        r = new TcpReassembler<>(ReassemblyConfig.defaults().withAllowMissingInit(false), sink);
        client(ISN, SYN, "", 0);
        server(0, RST | TcpReassembler.ACK, "", 1);
        assertThat(sink.ends).containsExactly("c:RST");
    }

    @Test
    void bareAcksOpenNoConnection() {
        client(ISN, 0, "", 0);
        client(ISN, FIN, "", 0);
        client(ISN, RST, "", 0);
        assertThat(r.connectionCount()).isZero();
    }

    @Test
    void rstEndsMidStreamAndDeliversHeldDataAfterItsGap() {
        handshake();
        client(ISN + 1, 0, "abc", 2);
        client(ISN + 10, 0, "late", 3);
        server(SERVER_ISN + 1, RST, "", 4);
        assertThat(sink.ends).containsExactly("c:RST");
        assertThat(sink.text(CLIENT_TO_SERVER)).isEqualTo("abclate");
        assertThat(sink.gap(CLIENT_TO_SERVER)).isEqualTo(6);
        assertThat(r.counters().missedBytes()).isEqualTo(6);
        assertThat(r.bufferedBytes()).isZero();
        assertThat(r.connection("c").closed()).isTrue();
    }

    @Test
    void aClosedConnectionIgnoresLateSegmentsUntilANewSyn() {
        handshake();
        client(ISN + 1, FIN, "abc", 2);
        server(SERVER_ISN + 1, FIN, "", 3);
        client(ISN + 1, 0, "abc", 4);                       // late retransmission
        client(ISN + 4, TcpReassembler.ACK, "", 5);          // final ACK
        assertThat(r.counters().segmentsAfterClose()).isEqualTo(2);
        assertThat(r.counters().connectionsOpened()).isEqualTo(1);
        client(77, SYN, "", 6);                             // the port pair is reused
        client(78, 0, "new", 7);
        assertThat(sink.text(CLIENT_TO_SERVER)).isEqualTo("abcnew");
        assertThat(r.counters().connectionsOpened()).isEqualTo(2);
        assertThat(r.connection("c").closed()).isFalse();
        r.tick(ReassemblyConfig.DAY_NANOS + 8);
        assertThat(sink.ends).containsExactly("c:FIN", "c:IDLE");
        assertThat(r.connectionCount()).isZero();
    }

    @Test
    void duplicateFinAndDataAfterFin() {
        handshake();
        client(ISN + 1, FIN, "bye", 2);
        client(ISN + 1, FIN, "bye", 3);
        client(ISN + 4, 0, "ghost", 4);
        assertThat(sink.text(CLIENT_TO_SERVER)).isEqualTo("bye");
        assertThat(r.counters().bytesAfterFin()).isEqualTo(5);
        server(SERVER_ISN + 1, FIN, "", 5);
        assertThat(sink.ends).containsExactly("c:FIN");
    }

    @Test
    void finBeforeMissingDataEndsOnceTheDataArrives() {
        handshake();
        client(ISN + 4, FIN, "def", 2);
        server(SERVER_ISN + 1, FIN, "", 3);
        assertThat(sink.ends).isEmpty();
        client(ISN + 1, 0, "abc", 4);
        assertThat(sink.text(CLIENT_TO_SERVER)).isEqualTo("abcdef");
        assertThat(sink.ends).containsExactly("c:FIN");
    }

    @Test
    void pendingTimeoutSkipsTheGapByPacketTime() {
        r = new TcpReassembler<>(ReassemblyConfig.defaults().withTimeouts(10 * SEC, 100 * SEC), sink);
        handshake();
        client(ISN + 5, 0, "tail", 2 * SEC);
        r.tick(11 * SEC);
        assertThat(sink.text(CLIENT_TO_SERVER)).isEmpty();
        r.tick(13 * SEC);
        assertThat(sink.text(CLIENT_TO_SERVER)).isEqualTo("tail");
        assertThat(sink.gap(CLIENT_TO_SERVER)).isEqualTo(4);
        assertThat(r.counters().pendingTimeoutFlushes()).isEqualTo(1);
        assertThat(r.connectionCount()).isEqualTo(1);
    }

    @Test
    void inactiveTimeoutEndsIdleConnectionsOnly() {
        r = new TcpReassembler<>(ReassemblyConfig.defaults().withTimeouts(10 * SEC, 60 * SEC), sink);
        client(1, 0, "old", 0);
        r.segment("new", true, 1, 0, new byte[] {1}, 0, 1, 50 * SEC);
        r.tick(61 * SEC);
        assertThat(sink.ends).containsExactly("c:IDLE");
        assertThat(r.connection("new")).isNotNull();
        r.tick(111 * SEC);
        assertThat(sink.ends).containsExactly("c:IDLE", "new:IDLE");
    }

    @Test
    void perConnectionCapSkipsAGapAndIsCounted() {
        r = new TcpReassembler<>(ReassemblyConfig.defaults().withCaps(10, 8, 1000, 100), sink);
        handshake();
        client(ISN + 11, 0, "aaaa", 1);
        client(ISN + 21, 0, "bbbb", 2);
        assertThat(r.bufferedBytes()).isEqualTo(8);
        client(ISN + 31, 0, "cccc", 3); // would hold 12 > 8: give up the first gap
        assertThat(r.counters().connectionCapOverflows()).isEqualTo(1);
        assertThat(sink.text(CLIENT_TO_SERVER)).isEqualTo("aaaa");
        assertThat(sink.gap(CLIENT_TO_SERVER)).isEqualTo(10);
        assertThat(r.bufferedBytes()).isEqualTo(8);
        assertThat(r.connection("c").bufferedBytes()).isEqualTo(8);
    }

    @Test
    void aSegmentLargerThanTheCapIsDeliveredAfterItsGap() {
        r = new TcpReassembler<>(ReassemblyConfig.defaults().withCaps(10, 4, 1000, 100), sink);
        handshake();
        client(ISN + 3, 0, "0123456789", 1);
        assertThat(sink.text(CLIENT_TO_SERVER)).isEqualTo("0123456789");
        assertThat(sink.gap(CLIENT_TO_SERVER)).isEqualTo(2);
        assertThat(r.bufferedBytes()).isZero();
    }

    @Test
    void globalCapAndSegmentCapAreCounted() {
        r = new TcpReassembler<>(ReassemblyConfig.defaults().withCaps(10, 100, 6, 100), sink);
        r.segment("a", true, 0, SYN, new byte[0], 0, 0, 0);
        r.segment("b", true, 0, SYN, new byte[0], 0, 0, 0);
        r.segment("a", true, 10, 0, new byte[5], 0, 5, 1);
        r.segment("b", true, 10, 0, new byte[5], 0, 5, 2);
        assertThat(r.counters().globalCapOverflows()).isEqualTo(1);
        assertThat(r.bufferedBytes()).isEqualTo(5);

        RecordingSink s2 = new RecordingSink();
        TcpReassembler<String> few = new TcpReassembler<>(ReassemblyConfig.defaults().withCaps(10, 100, 100, 2), s2);
        few.segment("a", true, 0, SYN, new byte[0], 0, 0, 0);
        few.segment("a", true, 10, 0, new byte[1], 0, 1, 1);
        few.segment("a", true, 20, 0, new byte[1], 0, 1, 1);
        few.segment("a", true, 30, 0, new byte[1], 0, 1, 1);
        assertThat(few.counters().segmentCapOverflows()).isEqualTo(1);
        assertThat(few.connection("a").bufferedBytes()).isEqualTo(2);
    }

    @Test
    void connectionCapEvictsTheLeastRecentlyActive() {
        r = new TcpReassembler<>(ReassemblyConfig.defaults().withCaps(2, 100, 100, 10), sink);
        r.segment("a", true, 0, 0, new byte[1], 0, 1, 0);
        r.segment("b", true, 0, 0, new byte[1], 0, 1, 1);
        r.segment("a", true, 1, 0, new byte[1], 0, 1, 2);
        r.segment("c", true, 0, 0, new byte[1], 0, 1, 3);
        assertThat(sink.ends).containsExactly("b:EVICTED");
        assertThat(r.connectionCount()).isEqualTo(2);
        assertThat(r.counters().connectionsEvicted()).isEqualTo(1);
        assertThat(r.counters().connectionsOpened()).isEqualTo(3);
    }

    @Test
    void shrinkingEndsTheLeastRecentlyActiveQuarterAndKeepsTheLowerCap() {
        int held = 4 * ConnectionCaps.SHRINK_FLOOR;
        for (int i = 0; i < held; i++) {
            r.segment("k" + i, true, 0, 0, new byte[1], 0, 1, i);
        }
        r.segment("k0", true, 1, 0, new byte[1], 0, 1, held); // k0 is now the most recently active

        assertThat(r.shrink()).isEqualTo(3 * ConnectionCaps.SHRINK_FLOOR);
        assertThat(r.connectionCount()).isEqualTo(3 * ConnectionCaps.SHRINK_FLOOR);
        assertThat(sink.ends).hasSize(ConnectionCaps.SHRINK_FLOOR).allMatch(e -> e.endsWith(":EVICTED"))
                .first().isEqualTo("k1:EVICTED");
        assertThat(sink.ends).doesNotContain("k0:EVICTED").last().isEqualTo("k1000:EVICTED");
        assertThat(r.counters().connectionsEvicted()).isEqualTo(ConnectionCaps.SHRINK_FLOOR);
        assertThat(r.connection("k0")).isNotNull();
        // the lower cap stays: a new connection ends the least recently active one
        r.segment("new", true, 0, 0, new byte[1], 0, 1, held + 1);
        assertThat(r.connectionCount()).isEqualTo(3 * ConnectionCaps.SHRINK_FLOOR);
        assertThat(sink.ends).last().isEqualTo("k1001:EVICTED");
    }

    @Test
    void shrinkingStopsAtItsFloorAndNeverRaisesTheCap() {
        r = new TcpReassembler<>(ReassemblyConfig.defaults().withCaps(10, 100, 100, 10), sink);
        for (int i = 0; i < 8; i++) {
            r.segment("k" + i, true, 0, 0, new byte[1], 0, 1, i);
        }
        assertThat(r.shrink()).as("a cap below the floor stays").isEqualTo(10);
        assertThat(sink.ends).isEmpty();

        TcpReassembler<String> small = new TcpReassembler<>(ReassemblyConfig.defaults(), sink);
        for (int i = 0; i < 100; i++) {
            small.segment("s" + i, true, 0, 0, new byte[1], 0, 1, i);
        }
        assertThat(small.shrink()).isEqualTo(ConnectionCaps.SHRINK_FLOOR);
        assertThat(small.connectionCount()).isEqualTo(100);
    }

    @Test
    void runsOfSegmentsOfOneConnectionKeepItTheMostRecentlyActive() {
        r = new TcpReassembler<>(ReassemblyConfig.defaults().withCaps(2, 100, 100, 10), sink);
        Map<String, Integer> sent = new HashMap<>();
        long ts = 0;
        for (String key : List.of("a", "a", "b", "b", "a", "a", "c", "c", "d", "a")) {
            int seq = sent.merge(key, 1, Integer::sum) - 1; // each connection's bytes in order
            r.segment(key, true, seq, 0, new byte[1], 0, 1, ts++);
        }
        // c evicts b (a was active after it), d evicts a, the new a evicts c
        assertThat(sink.ends).containsExactly("b:EVICTED", "a:EVICTED", "c:EVICTED");
        assertThat(r.connection("d")).isNotNull();
        assertThat(r.connection("a")).isNotNull();
        assertThat(r.counters().connectionsOpened()).isEqualTo(5);
    }

    @Test
    void flushAllEndsEverythingWithShutdown() {
        handshake();
        client(ISN + 3, 0, "x", 1);
        r.flushAll();
        assertThat(sink.ends).containsExactly("c:SHUTDOWN");
        assertThat(sink.text(CLIENT_TO_SERVER)).isEqualTo("x");
        assertThat(sink.gap(CLIENT_TO_SERVER)).isEqualTo(2);
        assertThat(r.bufferedBytes()).isZero();
    }

    @Test
    void configRejectsNonsense() {
        assertThatThrownBy(() -> ReassemblyConfig.defaults().withCaps(0, 1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReassemblyConfig.defaults().withTimeouts(0, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** A key that the caller changes between segments, as the engine's lookup probe. */
    private static final class Probe {
        int id;

        Probe copy() {
            Probe p = new Probe();
            p.id = id;
            return p;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Probe p && p.id == id;
        }

        @Override
        public int hashCode() {
            return id;
        }
    }

    @Test
    void aReusedKeyIsCopiedWhenAConnectionOpensAndNeverStored() {
        List<Integer> ended = new ArrayList<>();
        TcpReassembler<Probe> table = new TcpReassembler<>(ReassemblyConfig.defaults(), new StreamSink<Probe>() {
            @Override
            public void data(TcpConnection<Probe> conn, Direction direction, byte[] b, int off, int len, long ts) {}

            @Override
            public void gap(TcpConnection<Probe> conn, Direction direction, long skippedBytes) {}

            @Override
            public void end(TcpConnection<Probe> conn, EndReason reason) {
                ended.add(conn.key().id);
            }
        }).keepKeys(Probe::copy);
        Probe probe = new Probe();
        byte[] x = {'x'};
        for (int id = 1; id <= 3; id++) {
            probe.id = id;
            table.segment(probe, true, ISN, SYN, x, 0, 0, id);
            table.segment(probe, true, ISN + 1, 0, x, 0, 1, id);
        }
        probe.id = 99; // changing the probe changes no connection's key
        assertThat(table.connectionCount()).isEqualTo(3);
        Probe two = new Probe();
        two.id = 2;
        assertThat(table.connection(two).key()).isNotSameAs(probe).isEqualTo(two);
        probe.id = 2;
        table.segment(probe, true, ISN + 2, RST, x, 0, 0, 9);
        table.flushAll();
        assertThat(ended).containsExactly(2, 1, 3);
    }
}
