package io.netcap.decoder.stream;

/** What the IPv4 defragmenter saw and why it gave up on datagrams; one instance per defragmenter. */
public final class Ipv4DefragCounters {
    /** Why a fragment or a whole fragment set was discarded. */
    public enum Drop {
        /** A fragment whose header is truncated, not version 4, or not a fragment at all (the fragment is counted). */
        MALFORMED,
        /** The fragments would make a datagram above 65,535 bytes (ping of death); the set is counted. */
        TOO_LARGE,
        /** Two last fragments disagree on the end, or data lies beyond the end; the set is counted. */
        INCONSISTENT,
        /** The set was not complete within the timeout, by packet time; the set is counted. */
        TIMEOUT,
        /** The oldest set made room for a new one (datagrams-in-flight cap); the set is counted. */
        DATAGRAM_CAP,
        /** The oldest set made room under the buffered-bytes cap; the set is counted. */
        BYTE_CAP
    }

    private long fragments;
    private long reassembled;
    private long duplicateFragments;
    private long overlapBytes;
    private long conflictingFragments;
    private final long[] dropped = new long[Drop.values().length];

    void countFragment() { fragments++; }

    void countReassembled() { reassembled++; }

    void countDuplicate() { duplicateFragments++; }

    void countOverlap(long bytes) { overlapBytes += bytes; }

    void countConflict() { conflictingFragments++; }

    void countDrop(Drop reason) { dropped[reason.ordinal()]++; }

    /** Fragments offered, malformed ones included. */
    public long fragments() { return fragments; }

    /** Datagrams returned whole. */
    public long reassembled() { return reassembled; }

    /** Fragments that brought no new byte (every byte already held). */
    public long duplicateFragments() { return duplicateFragments; }

    /** Bytes of fragments that fell on bytes already held and were therefore ignored (first data wins). */
    public long overlapBytes() { return overlapBytes; }

    /**
     * Fragments whose overlapping bytes differ from those already held: the ambiguity that overlap
     * evasion (one payload for the monitor, another for the host) relies on; Zeek reports it as a weird.
     */
    public long conflictingFragments() { return conflictingFragments; }

    public long dropped(Drop reason) { return dropped[reason.ordinal()]; }

    public long droppedTotal() {
        long sum = 0;
        for (long d : dropped) {
            sum += d;
        }
        return sum;
    }
}
