package io.netcap.decoder.stream;

import static io.netcap.decoder.stream.Direction.CLIENT_TO_SERVER;
import static io.netcap.decoder.stream.Direction.SERVER_TO_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random segmentation, reordering, duplication and overlapping resends of two random byte streams deliver
 * exactly the original bytes when nothing is lost, wherever the initial sequence numbers sit (near 2^32 too).
 */
class TcpReassemblerPropertyTest {
    private record Seg(boolean forward, int seq, int flags, byte[] data, int off, int len) {}

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void shuffledDuplicatedSegmentsReassembleToTheOriginal(long seed) {
        Random rnd = new Random(seed);
        for (int round = 0; round < 25; round++) {
            byte[] up = randomBytes(rnd, rnd.nextInt(4000));
            byte[] down = randomBytes(rnd, rnd.nextInt(4000));
            int upIsn = rnd.nextBoolean() ? rnd.nextInt() : -1 - rnd.nextInt(3000);
            int downIsn = rnd.nextInt();
            List<Seg> segs = new ArrayList<>();
            segment(rnd, true, upIsn, up, segs);
            segment(rnd, false, downIsn, down, segs);
            Collections.shuffle(segs, rnd);
            // the SYNs open the directions; everything after them arrives in any order
            segs.add(0, new Seg(false, downIsn, TcpReassembler.SYN, new byte[0], 0, 0));
            segs.add(0, new Seg(true, upIsn, TcpReassembler.SYN, new byte[0], 0, 0));

            RecordingSink sink = new RecordingSink();
            TcpReassembler<String> r = new TcpReassembler<>(
                    ReassemblyConfig.defaults().withCaps(10, 1 << 20, 1 << 20, 100_000), sink);
            long ts = 0;
            for (Seg s : segs) {
                r.segment("k", s.forward, s.seq, s.flags, s.data, s.off, s.len, ts++);
            }
            String where = "seed " + seed + " round " + round;
            // mismatch -1: equal arrays (and a readable message, not two 4000-byte dumps, when not)
            assertThat(Arrays.mismatch(sink.raw(CLIENT_TO_SERVER), up)).as(where).isEqualTo(-1);
            assertThat(Arrays.mismatch(sink.raw(SERVER_TO_CLIENT), down)).as(where).isEqualTo(-1);
            assertThat(sink.gaps).as(where).isEmpty();
            assertThat(sink.ends).as(where).containsExactly("k:FIN");
            assertThat(r.bufferedBytes()).as(where).isZero();
            assertThat(r.counters().reassembledBytes()).as(where).isEqualTo(up.length + down.length);
        }
    }

    private static byte[] randomBytes(Random rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }

    /** Cuts {@code data} into random segments, adds duplicates and overlapping resends, FIN on the last. */
    private static void segment(Random rnd, boolean forward, int isn, byte[] data, List<Seg> out) {
        int pos = 0;
        while (pos < data.length) {
            int len = Math.min(data.length - pos, 1 + rnd.nextInt(300));
            out.add(new Seg(forward, isn + 1 + pos, 0, data, pos, len));
            if (rnd.nextInt(5) == 0) {
                out.add(new Seg(forward, isn + 1 + pos, 0, data, pos, len));
            }
            if (rnd.nextInt(4) == 0) { // a resend spanning other segments' boundaries
                int from = rnd.nextInt(pos + 1);
                int to = Math.min(data.length, pos + len + rnd.nextInt(200));
                out.add(new Seg(forward, isn + 1 + from, 0, data, from, to - from));
            }
            pos += len;
        }
        out.add(new Seg(forward, isn + 1 + data.length, TcpReassembler.FIN, data, 0, 0));
    }
}
