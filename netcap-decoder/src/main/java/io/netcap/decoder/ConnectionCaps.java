package io.netcap.decoder;

/**
 * How many connections the tables hold by default (the stream layer's reassembly table and the Connection
 * decoder's, each shared by the workers), scaled to the heap. On the SYN flood of {@code bench/stress.sh} a
 * half-open connection holds about 720 bytes across those tables and the profiles; at 1.75 KiB of heap per
 * connection the tables keep to about 40 % of it and the rest is left to the young generation and the
 * buffers. From a 512 MB heap on the cap is 250,000, as it was measured; below, fewer, so that a flood ends
 * in counted evictions and not in an OutOfMemoryError (docs/streams.md, "Configuration and caps").
 */
public final class ConnectionCaps {
    /** The cap on a heap of 512 MB or more. */
    public static final int MAX = 250_000;
    static final int MIN = 10_000;
    static final long HEAP_PER_CONNECTION = 1792;

    private ConnectionCaps() {
    }

    /** The cap for this JVM's heap ({@link Runtime#maxMemory()}: -Xmx less one survivor space). */
    public static int forHeap() {
        return forHeap(Runtime.getRuntime().maxMemory());
    }

    static int forHeap(long maxHeapBytes) {
        return (int) Math.max(MIN, Math.min(MAX, maxHeapBytes / HEAP_PER_CONNECTION));
    }

    /** The least {@link #shrunk} lowers a cap to. */
    public static final int SHRINK_FLOOR = 1_000;

    /**
     * A table's cap under memory pressure (docs/streams.md, "Memory pressure"): three quarters of the {@code held}
     * entries, not below {@link #SHRINK_FLOOR}, never above the {@code cap} in force.
     */
    public static int shrunk(int cap, int held) {
        return Math.min(cap, Math.max(SHRINK_FLOOR, held * 3 / 4));
    }
}
