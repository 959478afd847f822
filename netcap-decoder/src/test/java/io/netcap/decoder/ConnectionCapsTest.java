package io.netcap.decoder;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConnectionCapsTest {
    private static final long MB = 1L << 20;

    @Test
    void heapsFrom512MbKeepTheMeasuredCap() {
        // -Xmx512m with the launcher's young generation: maxMemory() reports 448 MB (one survivor space less)
        assertThat(ConnectionCaps.forHeap(448 * MB)).isEqualTo(250_000);
        assertThat(ConnectionCaps.forHeap(6L << 30)).isEqualTo(250_000);
    }

    @Test
    void smallerHeapsHoldFewerConnections() {
        // -Xmx256m: 248 MB reported, 1.75 KiB each
        assertThat(ConnectionCaps.forHeap(248 * MB)).isEqualTo((int) (248 * MB / 1792));
        assertThat(ConnectionCaps.forHeap(248 * MB)).isBetween(140_000, 150_000);
        assertThat(ConnectionCaps.forHeap(128 * MB)).isEqualTo(74_898);
    }

    @Test
    void aTinyHeapStillHoldsSome() {
        assertThat(ConnectionCaps.forHeap(8 * MB)).isEqualTo(10_000);
    }
}
