package io.netcap.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.packet.Packet;
import org.junit.jupiter.api.Test;

class BatchTest {
    /** The reader's source reuses its buffer: a batch keeps its own copy of every packet's bytes. */
    @Test
    void packetsAreCopiedAndSlotsRecycled() {
        byte[] source = new byte[100];
        source[20] = 7;
        source[79] = 9;
        Batch b = new Batch(2);
        assertThat(b.add(Packet.of(0, 60, 1, new byte[60]), 1)).isTrue();
        assertThat(b.add(new Packet(5, 60, 64, 1, 0, source, 20), 2)).isTrue();
        assertThat(b.add(Packet.of(6, 60, 1, new byte[60]), 3)).as("full").isFalse();
        java.util.Arrays.fill(source, (byte) 0);

        Packet copy = b.packet(1);
        assertThat(copy.buffer()).isSameAs(b.packet(0).buffer());
        assertThat(copy.offset()).isEqualTo(60);
        assertThat(copy.buffer()[copy.offset()]).isEqualTo((byte) 7);
        assertThat(copy.buffer()[copy.offset() + 59]).isEqualTo((byte) 9);
        assertThat(copy.wireLength()).isEqualTo(64);
        assertThat(copy.timestampNanos()).isEqualTo(5);
        assertThat(b.number[1]).isEqualTo(2);

        b.clear();
        assertThat(b.count).isZero();
        assertThat(b.add(Packet.of(7, 60, 1, new byte[60]), 4)).isTrue();
        assertThat(b.packet(0).offset()).isZero();
    }

    /**
     * A live capture's batches hold one packet each, 4097 of them per worker by default: each starts with room for
     * one frame (it was 256 KiB, 2 GiB for two workers' queues, which an -Xmx2g test run could not allocate), grows
     * for a larger packet and gives that room back when cleared.
     */
    @Test
    void aOnePacketBatchHoldsAFrame() {
        Batch one = new Batch(1);
        assertThat(one.data.length).isEqualTo(Batch.FRAME_BYTES);
        assertThat(one.add(Packet.of(0, 65_535, 1, new byte[65_535]), 1)).isTrue();
        assertThat(one.data.length).isEqualTo(65_535);
        one.clear();
        assertThat(one.data.length).isEqualTo(Batch.FRAME_BYTES);
        assertThat(new Batch(256).data.length).isEqualTo(Batch.DEFAULT_BYTES);
    }

    /**
     * The queues' check: the default -pbuf passes under the smallest heap the stress runs use (128 MiB), for a file
     * (16 batches of 256 packets) and live (4,096 of one); the most a refusal names passes and one batch more does not.
     */
    @Test
    void queuesMustFitAQuarterOfTheHeap() throws Exception {
        long heap = 128L << 20;
        CaptureEngine.checkQueues(4096, 2, CaptureEngine.BATCH_PACKETS, 4096 / CaptureEngine.BATCH_PACKETS, heap);
        CaptureEngine.checkQueues(4096, 2, 1, 4096, heap);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> CaptureEngine.checkQueues(4096, 100_000, 1, 4096,
                heap))).hasMessageContaining("no -pbuf fits with 100000 workers");
        for (int packets : new int[] {1, CaptureEngine.BATCH_PACKETS}) {
            String refused = org.assertj.core.api.Assertions.catchThrowable(() -> CaptureEngine.checkQueues(100_000_000,
                    2, packets, 100_000_000 / packets, heap)).getMessage();
            assertThat(refused).startsWith("-pbuf 100000000 with 2 workers: their queues would take ");
            int most = Integer.parseInt(refused.replaceAll(".*-pbuf at most (\\d+) with 2 workers.*", "$1"));
            CaptureEngine.checkQueues(most, 2, packets, most / packets, heap);
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> CaptureEngine.checkQueues(most + packets, 2,
                    packets, most / packets + 1, heap))).as(packets + " per batch").isInstanceOf(java.io.IOException.class);
        }
    }
}
