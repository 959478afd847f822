package io.netcap.engine;

import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Packets per second of capture time ({@code capture -pps}), counted by the reader thread: the current second's count
 * is kept apart and merged into the table when the second changes, so packets in time order cost a comparison each.
 * At most {@link #MAX_SECONDS} seconds are kept; packets of further seconds are counted as {@link #dropped}.
 */
public final class PacketRate {
    /** A bit more than a day of capture time. */
    static final int MAX_SECONDS = 100_000;

    private final TreeMap<Long, Long> perSecond = new TreeMap<>();
    private long second = Long.MIN_VALUE;
    private long count;
    private long dropped;

    void add(long timestampNanos) {
        long s = Math.floorDiv(timestampNanos, 1_000_000_000L);
        if (s != second) {
            flush();
            second = s;
        }
        count++;
    }

    private void flush() {
        if (count > 0) {
            if (perSecond.size() >= MAX_SECONDS && !perSecond.containsKey(second)) {
                dropped += count;
            } else {
                perSecond.merge(second, count, Long::sum);
            }
            count = 0;
        }
    }

    /** Packets per second (seconds since the epoch), in time order; read after the capture. */
    public SortedMap<Long, Long> perSecond() {
        flush();
        return new TreeMap<>(perSecond);
    }

    /** Packets of seconds beyond {@link #MAX_SECONDS}; read after the capture. */
    public long dropped() {
        flush();
        return dropped;
    }
}
