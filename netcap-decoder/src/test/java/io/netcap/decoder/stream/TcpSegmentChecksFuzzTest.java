package io.netcap.decoder.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;

/**
 * Arbitrary segments with arbitrary TCP option lists over two connections, with every segment check on and
 * closed connections removed: no exception, no check refuses more segments than were offered, and no more bytes
 * are delivered than were offered. Each record is 9 bytes (key and direction, flags, sequence delta, length,
 * window, option list length) followed by that many option bytes; payload bytes come from the input itself.
 * Seeds: {@code TcpSegmentChecksFuzzTestInputs/segments/}.
 */
class TcpSegmentChecksFuzzTest {
    private static final ReassemblyConfig CONFIG = ReassemblyConfig.defaults().withCaps(2, 600, 1000, 8)
            .withChecks(true, true, true).withRemoveClosed(true);

    @FuzzTest(maxDuration = "30s")
    void segments(byte[] data) {
        RecordingSink sink = new RecordingSink();
        TcpReassembler<String> r = new TcpReassembler<>(CONFIG, sink);
        SegmentHeader header = new SegmentHeader();
        ByteBuffer in = ByteBuffer.wrap(data);
        int[] seqs = new int[4];
        long offered = 0;
        long segments = 0;
        while (in.remaining() >= 9) {
            int head = in.get() & 0xff;
            int conn = head & 1;
            boolean forward = (head & 0x80) != 0;
            int flags = in.get() & 0x17; // FIN, SYN, RST, ACK
            int slot = conn * 2 + (forward ? 0 : 1);
            seqs[slot] += in.getShort();
            int len = Math.min((in.getShort() & 0xffff) % 1500, data.length);
            int window = in.getShort() & 0xffff;
            int options = Math.min((in.get() & 0xff) % 41, in.remaining());
            header.set(window, data, in.position(), in.position() + options);
            in.position(in.position() + options);
            r.segment("k" + conn, forward, seqs[slot], flags, data, 0, len, segments, null, header);
            offered += len;
            segments++;
        }
        r.flushAll();
        ReassemblyCounters c = r.counters();
        assertThat(c.stateRefusedSegments() + c.optionRefusedSegments()).isLessThanOrEqualTo(segments);
        assertThat(c.stateRefusedConnections()).isLessThanOrEqualTo(c.connectionsOpened());
        assertThat(r.connectionCount()).isZero();
        long delivered = sink.raw(Direction.CLIENT_TO_SERVER).length + sink.raw(Direction.SERVER_TO_CLIENT).length;
        assertThat(delivered).isEqualTo(c.reassembledBytes()).isLessThanOrEqualTo(offered);
    }
}
