package io.netcap.decoder.stream;

/**
 * What one {@link TcpReassembler} did, for {@code reassembly.log} and {@code summary.json} (docs/streams.md).
 * Segment counts count segments; byte counts count payload bytes. Written by the reassembler's thread only.
 */
public final class ReassemblyCounters {
    long segments;
    long reassembledBytes;
    long missedBytes;
    long outOfOrderSegments;
    long outOfOrderBytes;
    long duplicateSegments;
    long overlapSegments;
    long overlapBytes;
    long segmentsWithoutHandshake;
    long bytesAfterFin;
    long segmentsAfterClose;
    long bytesAfterClose;
    long connectionsOpened;
    long connectionsEvicted;
    long connectionCapOverflows;
    long globalCapOverflows;
    long segmentCapOverflows;
    long pendingTimeoutFlushes;
    long badChecksumSegments;
    long stateRefusedSegments;
    long stateRefusedConnections;
    long optionRefusedSegments;

    /** The counts' names in {@link #copyTo}'s order, as summary.json names those it lists. */
    static final String[] NAMES = {"tcp_segments", "reassembled_bytes", "missed_bytes", "out_of_order_segments",
            "out_of_order_bytes", "duplicate_segments", "overlap_segments", "overlap_bytes",
            "segments_without_handshake", "bytes_after_fin", "segments_after_close", "bytes_after_close",
            "tcp_connections", "connections_evicted", "dropped_connection_cap", "dropped_global_cap",
            "dropped_segment_cap", "pending_timeout_flushes", "tcp_bad_checksum", "tcp_refused_by_state",
            "tcp_connections_refused_by_state", "tcp_refused_by_options"};

    /** Every count, in the order of {@link #NAMES}, into {@code into} (of at least that length); returns it. */
    public long[] copyTo(long[] into) {
        long[] v = {segments, reassembledBytes, missedBytes, outOfOrderSegments, outOfOrderBytes, duplicateSegments,
                overlapSegments, overlapBytes, segmentsWithoutHandshake, bytesAfterFin, segmentsAfterClose,
                bytesAfterClose, connectionsOpened, connectionsEvicted, connectionCapOverflows, globalCapOverflows,
                segmentCapOverflows, pendingTimeoutFlushes, badChecksumSegments, stateRefusedSegments,
                stateRefusedConnections, optionRefusedSegments};
        System.arraycopy(v, 0, into, 0, v.length);
        return into;
    }

    /** The number of counts {@link #copyTo} gives. */
    public static int size() {
        return NAMES.length;
    }

    /** TCP segments offered. */
    public long segments() {
        return segments;
    }

    /** Payload bytes delivered to the sink. */
    public long reassembledBytes() {
        return reassembledBytes;
    }

    /** Sequence space skipped as gaps (never seen, or given up at a cap, timeout or end). */
    public long missedBytes() {
        return missedBytes;
    }

    /** Segments with new bytes that had to wait for earlier ones. */
    public long outOfOrderSegments() {
        return outOfOrderSegments;
    }

    public long outOfOrderBytes() {
        return outOfOrderBytes;
    }

    /** Segments whose every byte was already delivered or buffered (retransmissions). */
    public long duplicateSegments() {
        return duplicateSegments;
    }

    /** Segments with both new bytes and bytes already held; the held copy was kept. */
    public long overlapSegments() {
        return overlapSegments;
    }

    /** Bytes dropped because an earlier copy of the same sequence range was kept (duplicates included). */
    public long overlapBytes() {
        return overlapBytes;
    }

    /** Segments dropped because their direction had no SYN and missing handshakes are not allowed. */
    public long segmentsWithoutHandshake() {
        return segmentsWithoutHandshake;
    }

    /** Bytes beyond a direction's FIN, dropped. */
    public long bytesAfterFin() {
        return bytesAfterFin;
    }

    /** Segments for a connection already ended by FIN or RST (late retransmissions, final ACKs). */
    /** Payload of segments that arrived after their connection closed at FIN or RST: not delivered. */
    public long bytesAfterClose() {
        return bytesAfterClose;
    }

    public long segmentsAfterClose() {
        return segmentsAfterClose;
    }

    public long connectionsOpened() {
        return connectionsOpened;
    }

    /** Connections ended to stay under the connection cap. */
    public long connectionsEvicted() {
        return connectionsEvicted;
    }

    /** Times the per-connection byte cap forced a gap to be skipped. */
    public long connectionCapOverflows() {
        return connectionCapOverflows;
    }

    /** Times the global byte cap forced a gap to be skipped. */
    public long globalCapOverflows() {
        return globalCapOverflows;
    }

    /** Times the per-direction segment cap forced a gap to be skipped. */
    public long segmentCapOverflows() {
        return segmentCapOverflows;
    }

    /** Gaps skipped because the data after them waited longer than the pending timeout. */
    public long pendingTimeoutFlushes() {
        return pendingTimeoutFlushes;
    }

    /** Segments dropped for a wrong TCP checksum ({@code -checksum}). */
    public long badChecksumSegments() {
        return badChecksumSegments;
    }

    /** Segments the state machine refused ({@code -ignorefsmerr=false}). */
    public long stateRefusedSegments() {
        return stateRefusedSegments;
    }

    /** Connections with at least one segment the state machine refused. */
    public long stateRefusedConnections() {
        return stateRefusedConnections;
    }

    /** Segments the option check refused ({@code -nooptcheck=false}). */
    public long optionRefusedSegments() {
        return optionRefusedSegments;
    }
}
