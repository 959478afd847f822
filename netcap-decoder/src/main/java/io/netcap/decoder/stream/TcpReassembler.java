package io.netcap.decoder.stream;

import io.netcap.decoder.ConnectionCaps;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * TCP reassembly for one worker: the table of connections keyed by a flow key the caller supplies (equal for
 * both directions, e.g. the ordered address and port pair), each with two {@link TcpStream} halves that
 * deliver in-order bytes to a {@link StreamSink}. One thread owns an instance; the engine's sharding puts
 * both directions of a flow on the same worker, so no locks.
 *
 * <p>Policy (docs/streams.md): sequence numbers modulo 2^32; out-of-order segments held until the gap before
 * them fills; retransmitted bytes dropped; overlaps resolved "first data wins" (as Linux and the BSDs
 * mostly do; the original's gopacket assembler instead lets a later segment replace queued out-of-order
 * bytes); a direction is picked up without a SYN when {@code allowMissingInit}. A gap is skipped and counted when a cap is full,
 * when held data waits longer than the pending timeout, and at every end. A connection ends at FIN in both
 * directions, at RST, when idle, when evicted under the connection cap, or at {@link #flushAll}. A connection
 * ended by FIN or RST stays in the table, closed, until it is idle (the original's default
 * {@code -remove-closed-streams=false}), so late retransmissions and final ACKs open no new connection; a
 * SYN without ACK on the same key starts a new one (port reuse). The original's segment checks
 * ({@code -checksum}, {@code -nooptcheck}, {@code -ignorefsmerr}) are off by default, as there.
 *
 * <p>Memory is bounded: at most {@code maxConnections} connections, {@code maxBufferedBytesPerConnection} held
 * per connection, {@code maxBufferedBytesTotal} held overall and {@code maxSegmentsPerDirection} held pieces
 * per direction; timeouts run on packet time via {@link #tick}, so a capture of days keeps bounded state.
 */
public final class TcpReassembler<K> {
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int ACK = 0x10;

    private final ReassemblyConfig config;
    private final StreamSink<K> sink;
    final ReassemblyCounters counters = new ReassemblyCounters();
    /** Access order: the eldest entry is the least recently active connection. */
    private final LinkedHashMap<K, TcpConnection<K>> connections = new LinkedHashMap<>(64, 0.75f, true);
    private final Set<TcpConnection<K>> holding = Collections.newSetFromMap(new IdentityHashMap<>());
    /**
     * The connection the last lookup found or opened, or null: the newest in the table's access order, so finding
     * it again needs no table lookup and no reordering (most segments follow one of the same connection).
     * Cleared whenever a connection leaves the table.
     */
    private TcpConnection<K> recent;
    private long bufferedBytes;
    private UnaryOperator<K> keep = UnaryOperator.identity();
    /**
     * No held piece was captured before this (a lower bound): the pending timeout scans the holding connections
     * only when it can find one, not at every tick.
     */
    private long oldestHeldNanos = Long.MAX_VALUE;
    /** The connection cap in force: the configured one, lowered by {@link #shrink}. */
    private int limit;

    public TcpReassembler(ReassemblyConfig config, StreamSink<K> sink) {
        this.config = config;
        this.sink = sink;
        this.limit = config.maxConnections();
    }

    /**
     * Lets the caller offer segments under one reused, mutable key instead of a new key per segment: the table
     * keeps {@code copy} of the key of a connection it opens, and holds on to no other key it is given.
     */
    public TcpReassembler<K> keepKeys(UnaryOperator<K> copy) {
        this.keep = copy;
        return this;
    }

    public ReassemblyCounters counters() {
        return counters;
    }

    /** Out-of-order payload held over all connections. */
    public long bufferedBytes() {
        return bufferedBytes;
    }

    public int connectionCount() {
        return connections.size();
    }

    /** The connection under {@code key}, or null. */
    public TcpConnection<K> connection(K key) {
        return lookup(key);
    }

    /** {@code connections.get(key)}, answered by {@link #recent} when it is that connection. */
    private TcpConnection<K> lookup(K key) {
        TcpConnection<K> r = recent;
        if (r != null && key.equals(r.key())) {
            return r;
        }
        r = connections.get(key);
        recent = r;
        return r;
    }

    /**
     * Offers one TCP segment.
     *
     * @param key     the flow key, equal for both directions
     * @param forward the segment travels in the key's forward orientation (the caller's choice, e.g. lower
     *                address first)
     * @param seq     the segment's sequence number (unsigned 32 bits in an int)
     * @param flags   TCP flags; {@link #FIN}, {@link #SYN}, {@link #RST} and {@link #ACK} are used
     * @param b       buffer holding the payload; read only during the call
     */
    public void segment(K key, boolean forward, int seq, int flags, byte[] b, int off, int len, long tsNanos) {
        segment(key, forward, seq, flags, b, off, len, tsNanos, null);
    }

    /**
     * Offers one TCP segment, as {@link #segment(Object, boolean, int, int, byte[], int, int, long)}, and
     * attaches {@code tally} (unless null) to its connection before any of the segment's bytes are delivered:
     * from then on the tally hears of every byte the connection delivers or skips, until another tally is
     * attached.
     */
    public void segment(K key, boolean forward, int seq, int flags, byte[] b, int off, int len, long tsNanos,
                        StreamTally tally) {
        segment(key, forward, seq, flags, b, off, len, tsNanos, tally, null);
    }

    /**
     * Offers one TCP segment, as {@link #segment(Object, boolean, int, int, byte[], int, int, long, StreamTally)};
     * {@code header} (window and options, or null for none) is what the option check reads when it is on.
     */
    public void segment(K key, boolean forward, int seq, int flags, byte[] b, int off, int len, long tsNanos,
                        StreamTally tally, SegmentHeader header) {
        counters.segments++;
        boolean syn = (flags & SYN) != 0;
        TcpConnection<K> conn = lookup(key);
        if (conn != null && conn.closed()) {
            if ((flags & (SYN | ACK)) != SYN) {
                conn.seen(tsNanos);
                counters.segmentsAfterClose++;
                counters.bytesAfterClose += len;
                return;
            }
            connections.remove(key); // a new connection on a reused port pair
            recent = null;
            conn = null;
        }
        if (conn == null) {
            if ((flags & RST) != 0 || (!syn && len == 0)) {
                return; // a bare ACK, FIN or RST opens nothing
            }
            if (!syn && !config.allowMissingInit()) {
                counters.segmentsWithoutHandshake++;
                return;
            }
            // The client sent the first segment seen (as in the original), unless that segment is a SYN+ACK:
            // then its sender is the server (a capture that starts after the SYN).
            conn = open(key, (flags & (SYN | ACK)) == (SYN | ACK) ? !forward : forward, tsNanos);
        }
        conn.seen(tsNanos);
        Direction d = conn.direction(forward);
        if (tally != null && conn.tally != tally) {
            conn.tally = tally;
            tally.bind(d);
        }
        if ((config.stateCheck() || config.optionCheck()) && !checked(conn, d, seq, flags, len, header)) {
            return;
        }
        if ((flags & RST) != 0) { // also before the direction synced: a refused connection ends here
            close(conn, EndReason.RST);
            return;
        }
        TcpStream s = conn.stream(d);
        if (!s.sync(seq, syn, config.allowMissingInit())) {
            counters.segmentsWithoutHandshake++;
            return;
        }
        s.segment(syn ? seq + 1 : seq, (flags & FIN) != 0, b, off, len, tsNanos);
        if (conn.finished()) {
            close(conn, EndReason.FIN);
        }
    }

    /**
     * Counts a segment the caller dropped for a wrong TCP checksum ({@code -checksum}, {@link TcpChecksum}) instead
     * of offering it.
     */
    public void badChecksum() {
        counters.segments++;
        counters.badChecksumSegments++;
    }

    /**
     * The segment checks of {@code -ignorefsmerr=false} and {@code -nooptcheck=false} in the original's order,
     * state machine first (docs/streams.md, "Segment checks"); false when one refuses the segment.
     */
    private boolean checked(TcpConnection<K> conn, Direction d, int seq, int flags, int len, SegmentHeader header) {
        if (config.stateCheck()) {
            if (conn.states == null) {
                conn.states = new TcpStateMachine(config.allowMissingInit());
            }
            if (!conn.states.accept(d, flags)) {
                counters.stateRefusedSegments++;
                if (!conn.refusedByStates) {
                    conn.refusedByStates = true;
                    counters.stateRefusedConnections++;
                }
                return false;
            }
        }
        if (config.optionCheck()) {
            if (conn.options == null) {
                conn.options = new TcpOptionCheck();
            }
            TcpOptionCheck.Verdict v = conn.options.check(d, flags, seq, len, conn.stream(d).nextSeq(),
                    header == null ? SegmentHeader.NONE : header);
            if (v != TcpOptionCheck.Verdict.ACCEPTED) {
                counters.optionRefusedSegments++;
                return false;
            }
        }
        return true;
    }

    /**
     * Applies the timeouts at packet time {@code nowNanos}: held data older than the pending timeout is
     * delivered after skipping its gap; connections idle longer than the inactive timeout end. Call it every
     * few packets (the original's {@code -flushevery}).
     */
    public void tick(long nowNanos) {
        flushOlderThan(nowNanos - config.closePendingTimeoutNanos(), nowNanos - config.closeInactiveTimeoutNanos());
    }

    /**
     * Skips the gaps before held data captured before {@code pendingBeforeNanos} and ends connections last
     * active before {@code inactiveBeforeNanos}.
     */
    public void flushOlderThan(long pendingBeforeNanos, long inactiveBeforeNanos) {
        if (!holding.isEmpty() && oldestHeldNanos < pendingBeforeNanos) {
            long oldest = Long.MAX_VALUE;
            for (TcpConnection<K> c : new ArrayList<>(holding)) {
                boolean a = c.clientToServer.flushOlderThan(pendingBeforeNanos);
                boolean b = c.serverToClient.flushOlderThan(pendingBeforeNanos);
                if (a || b) {
                    counters.pendingTimeoutFlushes++;
                    if (c.finished() && !c.closed()) {
                        close(c, EndReason.FIN);
                    }
                }
            }
            for (TcpConnection<K> c : holding) {
                oldest = Math.min(oldest, Math.min(c.clientToServer.oldestPendingNanos(),
                        c.serverToClient.oldestPendingNanos()));
            }
            oldestHeldNanos = oldest;
        }
        // Access order follows arrival order, so the idle ones are at the head (packet time is assumed to
        // grow with arrival; a late out-of-order timestamp only delays a close until a later tick).
        List<TcpConnection<K>> idle = new ArrayList<>();
        for (TcpConnection<K> c : connections.values()) {
            if (c.lastSeenNanos() >= inactiveBeforeNanos) {
                break;
            }
            idle.add(c);
        }
        for (TcpConnection<K> c : idle) {
            end(c, EndReason.IDLE);
        }
    }

    /** Ends every connection, delivering what is held after skipping its gaps (end of capture). */
    public void flushAll() {
        for (TcpConnection<K> c : new ArrayList<>(connections.values())) {
            end(c, EndReason.SHUTDOWN);
        }
    }

    /**
     * Lowers the connection cap ({@link ConnectionCaps#shrunk}) and ends the least recently active beyond it, as the
     * cap does: for a heap nearly full of live state, where a count cap cannot know what each connection holds
     * (docs/streams.md, "Memory pressure").
     *
     * @return the cap now in force
     */
    public int shrink() {
        limit = ConnectionCaps.shrunk(limit, connections.size());
        while (connections.size() > limit) {
            evictEldest();
        }
        return limit;
    }

    private void evictEldest() {
        TcpConnection<K> victim = connections.values().iterator().next();
        if (!victim.closed()) {
            counters.connectionsEvicted++;
        }
        end(victim, EndReason.EVICTED);
    }

    private TcpConnection<K> open(K key, boolean clientForward, long tsNanos) {
        if (connections.size() >= limit) {
            evictEldest();
        }
        K kept = keep.apply(key);
        TcpConnection<K> conn = new TcpConnection<>(this, kept, clientForward, tsNanos);
        connections.put(kept, conn);
        recent = conn;
        counters.connectionsOpened++;
        return conn;
    }

    /**
     * Ends a connection at FIN or RST; it stays in the table, closed, until idle, unless closed connections are
     * removed at once ({@code -remove-closed-streams}).
     */
    private void close(TcpConnection<K> conn, EndReason reason) {
        conn.flushAll();
        holding.remove(conn);
        conn.close();
        if (config.removeClosed()) {
            connections.remove(conn.key(), conn);
            recent = null;
        }
        sink.end(conn, reason);
    }

    /** Removes a connection from the table, ending it first unless it was already closed. */
    private void end(TcpConnection<K> conn, EndReason reason) {
        connections.remove(conn.key());
        recent = null;
        if (!conn.closed()) {
            close(conn, reason);
        }
    }

    /** Admits {@code n} more held bytes for {@code s} of {@code conn} if every cap allows, else counts why not. */
    boolean reserve(TcpConnection<?> conn, TcpStream s, int n, long tsNanos) {
        if (s.pendingSegments() >= config.maxSegmentsPerDirection()) {
            counters.segmentCapOverflows++;
            return false;
        }
        if (conn.bufferedBytes() + n > config.maxBufferedBytesPerConnection()) {
            counters.connectionCapOverflows++;
            return false;
        }
        if (bufferedBytes + n > config.maxBufferedBytesTotal()) {
            counters.globalCapOverflows++;
            return false;
        }
        bufferedBytes += n;
        conn.addBuffered(n);
        holding.add(cast(conn));
        oldestHeldNanos = Math.min(oldestHeldNanos, tsNanos);
        return true;
    }

    void release(TcpConnection<?> conn, int n) {
        bufferedBytes -= n;
        conn.addBuffered(-n);
        if (conn.bufferedBytes() == 0) {
            holding.remove(cast(conn));
        }
    }

    void emitData(TcpConnection<?> conn, Direction d, byte[] b, int off, int len, long tsNanos) {
        sink.data(cast(conn), d, b, off, len, tsNanos);
    }

    void emitGap(TcpConnection<?> conn, Direction d, long skipped) {
        sink.gap(cast(conn), d, skipped);
    }

    @SuppressWarnings("unchecked")
    private TcpConnection<K> cast(TcpConnection<?> conn) {
        return (TcpConnection<K>) conn;
    }
}
