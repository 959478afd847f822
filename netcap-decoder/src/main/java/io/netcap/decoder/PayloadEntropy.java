package io.netcap.decoder;

import io.netcap.packet.layer.Layers;

/**
 * Shannon entropy (bits per byte) of several layers' payloads in one pass over the packet bytes.
 *
 * <p>Payload ranges of nested layers nest (the Ethernet payload contains the IP header and the IP
 * payload, which contains the TCP header and payload), so the histogram of an outer payload is the
 * inner one plus the bytes around it: walking from the innermost layer outwards, every byte is counted
 * once. H = log2(n) - (1/n)·Σ c·log2(c), with c·log2(c) from a table; this equals the original's
 * −Σ p·log2 p up to rounding in the last bits of the double.
 */
public final class PayloadEntropy {
    private static final int TABLE_SIZE = 1 << 16;
    private static final double LN2 = Math.log(2);

    /**
     * c·log2(c) for every count below {@link #TABLE_SIZE}, made at the first entropy: every capture makes a
     * PayloadEntropy, few ask for entropy ({@code -entropy}), and the table took about 15 ms of the start-up.
     */
    private static final class Table {
        static final double[] C_LOG2_C = new double[TABLE_SIZE];

        static {
            for (int c = 1; c < TABLE_SIZE; c++) {
                C_LOG2_C[c] = c * (Math.log(c) / LN2);
            }
        }
    }

    /**
     * Four interleaved histograms: consecutive bytes count into different arrays, so runs of equal
     * bytes do not serialise on one counter.
     */
    private final int[] histogram = new int[4 * 256];

    /**
     * Computes the payload entropy of every layer {@code i} with {@code wanted[i]} into {@code out[i]}
     * (others untouched).
     */
    public void compute(Layers layers, boolean[] wanted, double[] out) {
        byte[] b = layers.buffer();
        int cs = 0;
        int ce = 0;
        boolean have = false;
        for (int i = layers.count() - 1; i >= 0; i--) {
            if (!wanted[i]) {
                continue;
            }
            int s = layers.payloadOffset(i);
            int e = s + layers.payloadLength(i);
            if (have && s <= cs && ce <= e) {
                add(b, s, cs);
                add(b, ce, e);
            } else {
                java.util.Arrays.fill(histogram, 0);
                add(b, s, e);
            }
            cs = s;
            ce = e;
            have = true;
            out[i] = entropy(e - s);
        }
    }

    private void add(byte[] b, int from, int to) {
        int[] h = histogram;
        int i = from;
        for (; i + 3 < to; i += 4) {
            h[b[i] & 0xFF]++;
            h[256 + (b[i + 1] & 0xFF)]++;
            h[512 + (b[i + 2] & 0xFF)]++;
            h[768 + (b[i + 3] & 0xFF)]++;
        }
        for (; i < to; i++) {
            h[b[i] & 0xFF]++;
        }
    }

    private double entropy(int n) {
        if (n <= 0) {
            return 0;
        }
        double sum = 0;
        int[] h = histogram;
        double[] cLog2c = Table.C_LOG2_C;
        for (int k = 0; k < 256; k++) {
            int c = h[k] + h[256 + k] + h[512 + k] + h[768 + k];
            if (c != 0) {
                sum += c < TABLE_SIZE ? cLog2c[c] : c * (Math.log(c) / LN2);
            }
        }
        double e = Math.log(n) / LN2 - sum / n;
        return e < 0 ? 0 : e;
    }

    /** Entropy of one byte range, computed directly as the original does (for tests and one-off use). */
    public static double of(byte[] b, int off, int len) {
        if (len <= 0) {
            return 0;
        }
        int[] h = new int[256];
        for (int i = off; i < off + len; i++) {
            h[b[i] & 0xFF]++;
        }
        double e = 0;
        for (int c : h) {
            if (c != 0) {
                double p = (double) c / len;
                e -= p * (Math.log(p) / LN2);
            }
        }
        return e;
    }
}
