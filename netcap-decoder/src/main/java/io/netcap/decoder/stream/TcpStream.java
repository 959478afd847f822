package io.netcap.decoder.stream;

import java.util.Map;
import java.util.TreeMap;

/**
 * One direction of a connection: the next expected sequence number and the out-of-order segments held until
 * the bytes before them arrive.
 *
 * <p>Sequence numbers are compared modulo 2^32 (RFC 9293 section 3.4): a segment's position is its signed
 * 32-bit distance from the next expected sequence number added to a 64-bit stream offset, so wraparound
 * never reaches the buffer, whose keys are offsets.
 *
 * <p>Overlaps: first data wins. Bytes already delivered or already buffered are kept and the newer copy of
 * them is dropped (as Linux and the BSDs mostly keep it; corner cases in docs/streams.md); only the not yet
 * covered pieces of a segment are used.
 * In-order pieces go to the sink straight from the caller's buffer; only out-of-order pieces are copied.
 */
final class TcpStream {
    /** An out-of-order piece: its stream offset, a private copy of its bytes and its capture time. */
    private record Piece(long offset, byte[] data, long tsNanos) {
        long end() {
            return offset + data.length;
        }
    }

    private final TcpReassembler<?> owner;
    private final TcpConnection<?> conn;
    private final Direction direction;
    private boolean synced;
    /** The sequence number of stream offset 0 (the byte after the SYN, or the first byte seen). */
    private int base;
    /** Offset of the next byte to deliver: everything before it was delivered or skipped. */
    private long next;
    private long finOffset = -1;
    private TreeMap<Long, Piece> pending;
    private long bufferedBytes;

    TcpStream(TcpReassembler<?> owner, TcpConnection<?> conn, Direction direction) {
        this.owner = owner;
        this.conn = conn;
        this.direction = direction;
    }

    boolean synced() {
        return synced;
    }

    /** Every byte up to the FIN was delivered or skipped. */
    boolean finished() {
        return finOffset >= 0 && next >= finOffset;
    }

    long bufferedBytes() {
        return bufferedBytes;
    }

    int pendingSegments() {
        return pending == null ? 0 : pending.size();
    }

    /** Capture time of the first held piece, or {@code Long.MAX_VALUE} when nothing is held. */
    long oldestPendingNanos() {
        return pending == null || pending.isEmpty() ? Long.MAX_VALUE : pending.get(pending.firstKey()).tsNanos;
    }

    /**
     * The next expected sequence number, unsigned (one past the FIN once every byte before it was delivered or
     * skipped, as the FIN takes a sequence number), or -1 before the direction started.
     */
    long nextSeq() {
        if (!synced) {
            return -1;
        }
        return (base + (int) next + (finished() ? 1 : 0)) & 0xFFFFFFFFL;
    }

    /** Syncs at a SYN, or at any segment when missing handshakes are allowed; false if still waiting. */
    boolean sync(int seq, boolean syn, boolean allowMissingInit) {
        if (synced) {
            return true;
        }
        if (!syn && !allowMissingInit) {
            return false;
        }
        synced = true;
        base = syn ? seq + 1 : seq;
        return true;
    }

    /** Offers one segment; {@code seq} is the wire sequence number of its first payload byte. */
    void segment(int seq, boolean fin, byte[] b, int off, int len, long tsNanos) {
        long start = next + (seq - (base + (int) next));
        long end = start + len;
        if (finOffset >= 0 && end > finOffset) {
            long after = Math.min(len, end - finOffset);
            owner.counters.bytesAfterFin += after;
            len -= (int) after;
            end = start + len;
        }
        if (fin && finOffset < 0) {
            finOffset = Math.max(end, next);
        }
        if (len > 0) {
            insert(start, b, off, len, tsNanos);
        }
    }

    private void insert(long start, byte[] b, int off, int len, long tsNanos) {
        long end = start + len;
        long covered = 0;
        long pos = start;
        boolean waited = false;
        while (pos < end) {
            if (pos < next) {
                long upTo = Math.min(next, end);
                covered += upTo - pos;
                pos = upTo;
                continue;
            }
            Piece held = heldAtOrAfter(pos);
            if (held != null && held.offset <= pos) {
                long upTo = Math.min(held.end(), end);
                covered += upTo - pos;
                pos = upTo;
                continue;
            }
            long pieceEnd = held == null ? end : Math.min(end, held.offset);
            int from = off + (int) (pos - start);
            int n = (int) (pieceEnd - pos);
            if (pos == next) {
                deliver(b, from, n, tsNanos);
                drain();
            } else if (!hold(pos, b, from, n, tsNanos)) {
                forceSkip(pos);
                continue;
            } else {
                waited = true;
            }
            pos = pieceEnd;
        }
        ReassemblyCounters c = owner.counters;
        if (covered == len) {
            c.duplicateSegments++;
        } else if (covered > 0) {
            c.overlapSegments++;
        }
        c.overlapBytes += covered;
        if (waited) {
            c.outOfOrderSegments++;
            c.outOfOrderBytes += len - covered;
        }
    }

    /** The held piece containing {@code pos}, else the first one after it. */
    private Piece heldAtOrAfter(long pos) {
        if (pending == null || pending.isEmpty()) {
            return null;
        }
        Map.Entry<Long, Piece> e = pending.floorEntry(pos);
        if (e != null && e.getValue().end() > pos) {
            return e.getValue();
        }
        e = pending.higherEntry(pos);
        return e == null ? null : e.getValue();
    }

    private boolean hold(long offset, byte[] b, int from, int n, long tsNanos) {
        if (!owner.reserve(conn, this, n, tsNanos)) {
            return false;
        }
        if (pending == null) {
            pending = new TreeMap<>();
        }
        byte[] copy = new byte[n];
        System.arraycopy(b, from, copy, 0, n);
        pending.put(offset, new Piece(offset, copy, tsNanos));
        bufferedBytes += n;
        return true;
    }

    /**
     * A cap is full: give up waiting for the bytes before the first held piece (or before {@code pos}, when
     * nothing earlier is held) and deliver from there.
     */
    private void forceSkip(long pos) {
        long target = pending == null || pending.isEmpty() ? pos : Math.min(pos, pending.firstKey());
        skipTo(target);
    }

    /** Skips held pieces' gaps while the first held piece is older than {@code beforeNanos}. */
    boolean flushOlderThan(long beforeNanos) {
        boolean flushed = false;
        while (pending != null && !pending.isEmpty() && pending.get(pending.firstKey()).tsNanos < beforeNanos) {
            skipTo(pending.firstKey());
            flushed = true;
        }
        return flushed;
    }

    /** Delivers everything held, skipping the gaps before it (at an end). */
    void flushAll() {
        flushOlderThan(Long.MAX_VALUE);
    }

    private void skipTo(long target) {
        long gap = target - next;
        if (gap > 0) {
            next = target;
            owner.counters.missedBytes += gap;
            if (conn.tally != null) {
                conn.tally.missed(direction, gap);
            }
            owner.emitGap(conn, direction, gap);
        }
        drain();
    }

    private void drain() {
        while (pending != null && !pending.isEmpty() && pending.firstKey() <= next) {
            Piece p = pending.pollFirstEntry().getValue();
            bufferedBytes -= p.data.length;
            owner.release(conn, p.data.length);
            if (p.end() > next) {
                int skip = (int) (next - p.offset);
                deliver(p.data, skip, p.data.length - skip, p.tsNanos);
            }
        }
    }

    private void deliver(byte[] b, int off, int len, long tsNanos) {
        next += len;
        owner.counters.reassembledBytes += len;
        if (conn.tally != null) {
            conn.tally.delivered(direction, len);
        }
        owner.emitData(conn, direction, b, off, len, tsNanos);
    }
}
