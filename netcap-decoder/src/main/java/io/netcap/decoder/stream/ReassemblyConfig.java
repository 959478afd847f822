package io.netcap.decoder.stream;

import io.netcap.decoder.ConnectionCaps;
import java.util.concurrent.TimeUnit;

/**
 * Limits and policy of one {@link TcpReassembler}. The timeouts, {@code allowMissingInit}, the segment checks
 * and {@code removeClosed} default to the original's capture flags ({@code -close-pending-timeout},
 * {@code -close-inactive-timeout}, {@code -allowmissinginit}, {@code -checksum}, {@code -nooptcheck},
 * {@code -ignorefsmerr}, {@code -remove-closed-streams}); the original sets no buffer caps, so the caps are ours
 * (docs/streams.md).
 * The caps hold per reassembler; an engine with several workers divides its budget among them.
 *
 * @param allowMissingInit         pick up a direction at its first data segment when no SYN was seen
 * @param closePendingTimeoutNanos skip the gap before out-of-order data buffered longer than this
 * @param closeInactiveTimeoutNanos end connections without a segment for longer than this
 * @param maxConnections           connections in the table; the least recently active is evicted
 * @param maxBufferedBytesPerConnection out-of-order payload held for one connection (both directions)
 * @param maxBufferedBytesTotal    out-of-order payload held for all connections
 * @param maxSegmentsPerDirection  out-of-order segments held for one direction (bounds per-segment overhead)
 * @param checksum                 {@code -checksum}: segments with a wrong TCP checksum are dropped (the caller
 *                                 verifies, {@link TcpChecksum})
 * @param optionCheck              not {@code -nooptcheck}: segments failing {@link TcpOptionCheck} are dropped
 * @param stateCheck               not {@code -ignorefsmerr}: segments {@link TcpStateMachine} refuses are dropped
 * @param removeClosed             {@code -remove-closed-streams}: a connection ended by FIN or RST leaves the
 *                                 table at once instead of staying, closed, until idle
 */
public record ReassemblyConfig(
        boolean allowMissingInit,
        long closePendingTimeoutNanos,
        long closeInactiveTimeoutNanos,
        int maxConnections,
        long maxBufferedBytesPerConnection,
        long maxBufferedBytesTotal,
        int maxSegmentsPerDirection,
        boolean checksum,
        boolean optionCheck,
        boolean stateCheck,
        boolean removeClosed) {

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
        return new ReassemblyConfig(true, DAY_NANOS, DAY_NANOS, ConnectionCaps.forHeap(), 4L << 20, 64L << 20, 4096, false, false, false,
                false);
    }

    public ReassemblyConfig withAllowMissingInit(boolean allow) {
        return new ReassemblyConfig(allow, closePendingTimeoutNanos, closeInactiveTimeoutNanos, maxConnections,
                maxBufferedBytesPerConnection, maxBufferedBytesTotal, maxSegmentsPerDirection, checksum, optionCheck,
                stateCheck, removeClosed);
    }

    public ReassemblyConfig withTimeouts(long pendingNanos, long inactiveNanos) {
        return new ReassemblyConfig(allowMissingInit, pendingNanos, inactiveNanos, maxConnections,
                maxBufferedBytesPerConnection, maxBufferedBytesTotal, maxSegmentsPerDirection, checksum, optionCheck,
                stateCheck, removeClosed);
    }

    public ReassemblyConfig withCaps(int connections, long perConnection, long total, int segmentsPerDirection) {
        return new ReassemblyConfig(allowMissingInit, closePendingTimeoutNanos, closeInactiveTimeoutNanos,
                connections, perConnection, total, segmentsPerDirection, checksum, optionCheck, stateCheck, removeClosed);
    }

    /**
     * The segment checks of the original's {@code -checksum}, {@code -nooptcheck} and {@code -ignorefsmerr}
     * (docs/streams.md, "Segment checks"); all off by default, as there.
     */
    public ReassemblyConfig withChecks(boolean checksums, boolean options, boolean states) {
        return new ReassemblyConfig(allowMissingInit, closePendingTimeoutNanos, closeInactiveTimeoutNanos,
                maxConnections, maxBufferedBytesPerConnection, maxBufferedBytesTotal, maxSegmentsPerDirection,
                checksums, options, states, removeClosed);
    }

    public ReassemblyConfig withRemoveClosed(boolean remove) {
        return new ReassemblyConfig(allowMissingInit, closePendingTimeoutNanos, closeInactiveTimeoutNanos,
                maxConnections, maxBufferedBytesPerConnection, maxBufferedBytesTotal, maxSegmentsPerDirection,
                checksum, optionCheck, stateCheck, remove);
    }
}
