package io.netcap.decoder.stream;

import io.netcap.packet.layer.Ipv4View;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fragments of one IPv4 datagram held so far (RFC 791 section 3.2, "Reassembly"). Pieces never
 * overlap: a fragment only fills the holes between the bytes already held, so the first copy of a byte
 * wins.
 */
final class Ipv4FragmentSet {
    /** Bookkeeping charged per held piece, so a flood of one-byte fragments counts against the byte cap. */
    static final int PIECE_OVERHEAD = 64;

    final long firstSeenNanos;
    /** The header of the fragment at offset 0 (options included, as RFC 791 keeps them), or null. */
    byte[] header;
    /** Payload length fixed by the last fragment (MF clear), or -1 until it arrives. */
    int end = -1;
    /** One past the highest payload byte held. */
    int highest;
    private int covered;
    private final TreeMap<Integer, byte[]> pieces = new TreeMap<>();

    Ipv4FragmentSet(long firstSeenNanos) {
        this.firstSeenNanos = firstSeenNanos;
    }

    /** Holds the bytes of {@code [start, start+len)} not held yet; returns how many were new. */
    int add(int start, byte[] buf, int off, int len) {
        int stop = start + len;
        int cursor = start;
        int added = 0;
        Map.Entry<Integer, byte[]> before = pieces.floorEntry(start);
        if (before != null) {
            cursor = Math.max(cursor, before.getKey() + before.getValue().length);
        }
        for (Map.Entry<Integer, byte[]> p : pieces.subMap(start, true, stop, false).entrySet().stream().toList()) {
            if (p.getKey() > cursor) {
                added += hold(cursor, p.getKey(), start, buf, off);
            }
            cursor = Math.max(cursor, p.getKey() + p.getValue().length);
        }
        if (cursor < stop) {
            added += hold(cursor, stop, start, buf, off);
        }
        highest = Math.max(highest, stop);
        return added;
    }

    /** Whether {@code [start, start+len)} disagrees with a byte already held (an overlap carrying other data). */
    boolean conflicts(int start, byte[] buf, int off, int len) {
        int stop = start + len;
        Integer from = pieces.floorKey(start);
        for (Map.Entry<Integer, byte[]> p : pieces.tailMap(from == null ? start : from, true).entrySet()) {
            int pStart = p.getKey();
            if (pStart >= stop) {
                break;
            }
            int lo = Math.max(pStart, start);
            int hi = Math.min(pStart + p.getValue().length, stop);
            if (lo < hi && Arrays.mismatch(p.getValue(), lo - pStart, hi - pStart, buf, off + lo - start, off + hi - start) >= 0) {
                return true;
            }
        }
        return false;
    }

    private int hold(int from, int to, int start, byte[] buf, int off) {
        byte[] piece = new byte[to - from];
        System.arraycopy(buf, off + from - start, piece, 0, piece.length);
        pieces.put(from, piece);
        covered += piece.length;
        return piece.length;
    }

    boolean complete() {
        return header != null && end >= 0 && covered == end;
    }

    /** Bytes this set holds, as charged against the defragmenter's byte cap. */
    long charge() {
        return (header == null ? 0 : header.length) + covered + (long) PIECE_OVERHEAD * pieces.size();
    }

    /** The whole datagram: the first fragment's header with MF and offset cleared, length and checksum new. */
    byte[] datagram() {
        int hl = header.length;
        byte[] out = new byte[hl + end];
        System.arraycopy(header, 0, out, 0, hl);
        int total = hl + end;
        out[Ipv4View.TOTAL_LENGTH] = (byte) (total >>> 8);
        out[Ipv4View.TOTAL_LENGTH + 1] = (byte) total;
        // Keep DF and the reserved bit; clear MF and the 13-bit offset.
        out[Ipv4View.FLAGS_FRAGMENT] &= (byte) 0xC0;
        out[Ipv4View.FLAGS_FRAGMENT + 1] = 0;
        out[Ipv4View.CHECKSUM] = 0;
        out[Ipv4View.CHECKSUM + 1] = 0;
        int sum = TcpChecksum.compute(out, 0, hl);
        out[Ipv4View.CHECKSUM] = (byte) (sum >>> 8);
        out[Ipv4View.CHECKSUM + 1] = (byte) sum;
        for (Map.Entry<Integer, byte[]> p : pieces.entrySet()) {
            System.arraycopy(p.getValue(), 0, out, hl + p.getKey(), p.getValue().length);
        }
        return out;
    }
}
