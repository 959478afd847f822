package io.netcap.decoder.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;

/**
 * Arbitrary segment sequences over three connections: no exception, the caps hold after every segment, and
 * the reassembler never delivers more bytes than were offered. Each 8-byte record is one segment (key and
 * direction, flags, sequence delta, length, timestamp step); payload bytes come from the input itself.
 * Seeds: {@code TcpReassemblerFuzzTestInputs/segments/}.
 */
class TcpReassemblerFuzzTest {
    private static final ReassemblyConfig CONFIG =
            ReassemblyConfig.defaults().withTimeouts(1000, 5000).withCaps(2, 600, 1000, 8);

    @FuzzTest(maxDuration = "30s")
    void segments(byte[] data) {
        RecordingSink sink = new RecordingSink();
        TcpReassembler<String> r = new TcpReassembler<>(CONFIG, sink);
        ByteBuffer in = ByteBuffer.wrap(data);
        int[] seqs = new int[6];
        long ts = 0;
        long offered = 0;
        while (in.remaining() >= 8) {
            int head = in.get() & 0xff;
            int conn = (head & 0x7f) % 3;
            boolean forward = (head & 0x80) != 0;
            int flags = in.get() & 0x07;
            int slot = conn * 2 + (forward ? 0 : 1);
            seqs[slot] += in.getShort() * (in.get() % 4 == 0 ? 65536 : 1);
            int len = (in.getShort() & 0xffff) % 1500;
            ts += in.get() & 0xff;
            len = Math.min(len, data.length);
            r.segment("k" + conn, forward, seqs[slot], flags, data, 0, len, ts);
            offered += len;
            if ((head & 0x3f) == 0x3f) {
                r.tick(ts);
            }
            assertThat(r.bufferedBytes()).isBetween(0L, CONFIG.maxBufferedBytesTotal());
            for (int k = 0; k < 3; k++) {
                TcpConnection<String> c = r.connection("k" + k);
                if (c != null) {
                    assertThat(c.bufferedBytes()).isBetween(0L, CONFIG.maxBufferedBytesPerConnection());
                }
            }
            assertThat(r.connectionCount()).isLessThanOrEqualTo(CONFIG.maxConnections());
        }
        r.flushAll();
        assertThat(r.bufferedBytes()).isZero();
        assertThat(r.connectionCount()).isZero();
        long delivered = sink.raw(Direction.CLIENT_TO_SERVER).length + sink.raw(Direction.SERVER_TO_CLIENT).length;
        assertThat(delivered).isEqualTo(r.counters().reassembledBytes()).isLessThanOrEqualTo(offered);
    }
}
