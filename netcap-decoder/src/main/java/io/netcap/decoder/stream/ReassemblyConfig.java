package io.netcap.decoder.stream;

import java.util.concurrent.TimeUnit;

/**
 * Limits and policy of one {@link TcpReassembler}. The timeouts and {@code allowMissingInit} default to the
 * original's capture flags ({@code -close-pending-timeout}, {@code -close-inactive-timeout},
 * {@code -allowmissinginit}); the original sets no buffer caps, so the caps are ours (docs/streams.md).
 * The caps hold per reassembler; an engine with several workers divides its budget among them.
 *
 * @param allowMissingInit         pick up a direction at its first data segment when no SYN was seen
 * @param closePendingTimeoutNanos skip the gap before out-of-order data buffered longer than this
 * @param closeInactiveTimeoutNanos end connections without a segment for longer than this
 * @param maxConnections           connections in the table; the least recently active is evicted
 * @param maxBufferedBytesPerConnection out-of-order payload held for one connection (both directions)
 * @param maxBufferedBytesTotal    out-of-order payload held for all connections
 * @param maxSegmentsPerDirection  out-of-order segments held for one direction (bounds per-segment overhead)
 */
public record ReassemblyConfig(
        boolean allowMissingInit,
        long closePendingTimeoutNanos,
        long closeInactiveTimeoutNanos,
        int maxConnections,
        long maxBufferedBytesPerConnection,
        long maxBufferedBytesTotal,
        int maxSegmentsPerDirection) {

    public static final long DAY_NANOS = TimeUnit.HOURS.toNanos(24);

    public ReassemblyConfig {
        if (closePendingTimeoutNanos <= 0 || closeInactiveTimeoutNanos <= 0) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (maxConnections < 1 || maxBufferedBytesPerConnection < 0 || maxBufferedBytesTotal < 0
                || maxSegmentsPerDirection < 0) {
            throw new IllegalArgumentException("caps must not be negative and at least one connection is needed");
        }
    }

    public static ReassemblyConfig defaults() {
        return new ReassemblyConfig(true, DAY_NANOS, DAY_NANOS, 250_000, 4L << 20, 64L << 20, 4096);
    }

    public ReassemblyConfig withAllowMissingInit(boolean allow) {
        return new ReassemblyConfig(allow, closePendingTimeoutNanos, closeInactiveTimeoutNanos, maxConnections,
                maxBufferedBytesPerConnection, maxBufferedBytesTotal, maxSegmentsPerDirection);
    }

    public ReassemblyConfig withTimeouts(long pendingNanos, long inactiveNanos) {
        return new ReassemblyConfig(allowMissingInit, pendingNanos, inactiveNanos, maxConnections,
                maxBufferedBytesPerConnection, maxBufferedBytesTotal, maxSegmentsPerDirection);
    }

    public ReassemblyConfig withCaps(int connections, long perConnection, long total, int segmentsPerDirection) {
        return new ReassemblyConfig(allowMissingInit, closePendingTimeoutNanos, closeInactiveTimeoutNanos,
                connections, perConnection, total, segmentsPerDirection);
    }
}
