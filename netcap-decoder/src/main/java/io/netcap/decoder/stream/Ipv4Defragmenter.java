package io.netcap.decoder.stream;

import io.netcap.decoder.stream.Ipv4DefragCounters.Drop;
import io.netcap.packet.layer.Bytes;
import io.netcap.packet.layer.Ipv4View;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * IPv4 reassembly (RFC 791 section 3.2) ahead of TCP reassembly; one instance per worker, not thread-safe.
 * Fragments are keyed by (source, destination, protocol, identification) as RFC 791 defines a datagram.
 * Overlaps: the first copy of a byte wins, as in the TCP reassembly; the policy, the timeout and the caps
 * are described in {@code docs/streams.md}, "IPv4 defragmentation". Time is packet time, so a capture replays as it was recorded.
 */
public final class Ipv4Defragmenter {
    /** Largest IPv4 datagram, header included: the total length field has 16 bits. */
    public static final int MAX_DATAGRAM = 65_535;

    /**
     * @param timeoutNanos a set not complete this long after its first fragment (packet time) is dropped
     * @param maxDatagrams fragment sets held at once; a new one beyond it drops the oldest
     * @param maxBufferedBytes bytes held over all sets (see {@link Ipv4FragmentSet#charge()}); overflow drops the oldest
     */
    public record Limits(long timeoutNanos, int maxDatagrams, long maxBufferedBytes) {
        /** RFC 791's suggested 15 s timer; room for 4,096 sets and 16 MiB. */
        public static final Limits DEFAULT = new Limits(15_000_000_000L, 4_096, 16L << 20);

        public Limits {
            if (timeoutNanos <= 0 || maxDatagrams <= 0 || maxBufferedBytes <= 0) {
                throw new IllegalArgumentException("limits must be positive: " + timeoutNanos + ", " + maxDatagrams
                        + ", " + maxBufferedBytes);
            }
        }
    }

    private record Key(int src, int dst, int protocol, int id) {}

    private final Limits limits;
    private final Ipv4DefragCounters counters = new Ipv4DefragCounters();
    /** Insertion order is age order: the first entry is the oldest set. */
    private final LinkedHashMap<Key, Ipv4FragmentSet> sets = new LinkedHashMap<>();
    private final Ipv4View ip = new Ipv4View();
    private long buffered;

    public Ipv4Defragmenter(Limits limits) {
        this.limits = limits;
    }

    public Ipv4Defragmenter() {
        this(Limits.DEFAULT);
    }

    /**
     * Offers one IPv4 fragment ({@code len} bytes from {@code off}, starting at the IPv4 header; trailing
     * link padding beyond the total length is ignored). Returns the reassembled datagram when this fragment
     * completes one, else null: held for more, or dropped and counted. The bytes are copied.
     */
    public byte[] offer(byte[] buf, int off, int len, long timestampNanos) {
        counters.countFragment();
        expire(timestampNanos);
        if (!isFragment(buf, off, len)) {
            counters.countDrop(Drop.MALFORMED);
            return null;
        }
        ip.wrap(buf, off, len);
        int hl = ip.headerLength();
        int payload = ip.totalLength() - hl;
        int start = ip.fragOffset() * 8;
        int stop = start + payload;
        boolean last = (ip.flags() & Ipv4View.FLAG_MORE_FRAGMENTS) == 0;
        Key key = new Key(Bytes.u32(buf, off + Ipv4View.SRC), Bytes.u32(buf, off + Ipv4View.DST), ip.protocol(), ip.id());
        Ipv4FragmentSet set = sets.get(key);
        if (set == null) {
            if (sets.size() >= limits.maxDatagrams()) {
                dropOldest(Drop.DATAGRAM_CAP);
            }
            set = new Ipv4FragmentSet(timestampNanos);
            sets.put(key, set);
        }
        int headerLength = set.header != null ? set.header.length : start == 0 ? hl : Ipv4View.MIN_HEADER_LENGTH;
        if (headerLength + Math.max(set.highest, stop) > MAX_DATAGRAM) {
            drop(key, set, Drop.TOO_LARGE);
            return null;
        }
        if (last ? set.end >= 0 && set.end != stop || set.highest > stop : set.end >= 0 && stop > set.end) {
            drop(key, set, Drop.INCONSISTENT);
            return null;
        }
        long before = set.charge();
        if (last) {
            set.end = stop;
        }
        if (start == 0 && set.header == null) {
            set.header = new byte[hl];
            System.arraycopy(buf, off, set.header, 0, hl);
        }
        if (set.conflicts(start, buf, off + hl, payload)) {
            counters.countConflict();
        }
        int added = set.add(start, buf, off + hl, payload);
        if (added == 0) {
            counters.countDuplicate();
        }
        counters.countOverlap(payload - added);
        buffered += set.charge() - before;
        if (set.complete()) {
            sets.remove(key);
            buffered -= set.charge();
            counters.countReassembled();
            return set.datagram();
        }
        while (buffered > limits.maxBufferedBytes()) {
            dropOldest(Drop.BYTE_CAP);
        }
        return null;
    }

    /** Drops the sets whose timeout has passed at packet time {@code nowNanos}; returns how many. */
    public int expire(long nowNanos) {
        int n = 0;
        Iterator<Map.Entry<Key, Ipv4FragmentSet>> it = sets.entrySet().iterator();
        while (it.hasNext()) {
            Ipv4FragmentSet set = it.next().getValue();
            // Sets are in arrival order, so the first one still in time ends the sweep.
            if (nowNanos - set.firstSeenNanos < limits.timeoutNanos()) {
                break;
            }
            it.remove();
            buffered -= set.charge();
            counters.countDrop(Drop.TIMEOUT);
            n++;
        }
        return n;
    }

    public Ipv4DefragCounters counters() { return counters; }

    /** Fragment sets held, waiting for more fragments. */
    public int datagramsInFlight() { return sets.size(); }

    /** Bytes held over all sets, as charged against {@link Limits#maxBufferedBytes()}. */
    public long bufferedBytes() { return buffered; }

    private void dropOldest(Drop reason) {
        Map.Entry<Key, Ipv4FragmentSet> oldest = sets.entrySet().iterator().next();
        drop(oldest.getKey(), oldest.getValue(), reason);
    }

    private void drop(Key key, Ipv4FragmentSet set, Drop reason) {
        sets.remove(key);
        buffered -= set.charge();
        counters.countDrop(reason);
    }

    /** A whole IPv4 header within {@code len}, a total length within the capture, and MF or an offset set. */
    private boolean isFragment(byte[] buf, int off, int len) {
        if (len < Ipv4View.MIN_HEADER_LENGTH) {
            return false;
        }
        ip.wrap(buf, off, len);
        int hl = ip.headerLength();
        return ip.version() == 4 && hl >= Ipv4View.MIN_HEADER_LENGTH && hl <= ip.totalLength()
                && ip.totalLength() <= len && ip.isFragment();
    }
}
