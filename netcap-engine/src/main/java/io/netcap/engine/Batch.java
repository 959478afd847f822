package io.netcap.engine;

import io.netcap.decoder.flow.PacketFacts;
import io.netcap.packet.Packet;
import java.util.Arrays;

/**
 * Packets copied out of the source's reused buffer into one array, so the reader hands a worker many
 * packets per queue operation. Recycled between the reader and its worker.
 */
final class Batch {
    static final int DEFAULT_BYTES = 256 << 10;

    final int capacity;
    byte[] data;
    int used;
    int count;
    boolean end;
    final long[] number;
    /** The packets as views of {@link #data}, made once by the reader: the worker allocates none. */
    private final Packet[] packets;
    /** The facts of packet i when {@code parsed[i]}; the objects are swapped with the reader's, never copied. */
    private final PacketFacts[] facts;
    private final boolean[] parsed;

    Batch(int capacity) {
        this.capacity = capacity;
        this.data = new byte[DEFAULT_BYTES];
        number = new long[capacity];
        packets = new Packet[capacity];
        facts = new PacketFacts[capacity];
        parsed = new boolean[capacity];
    }

    /** False when the packet does not fit any more (the caller dispatches and retries on a fresh batch). */
    boolean add(Packet p, long packetNumber) {
        int len = p.capturedLength();
        if (count == capacity || (used + len > data.length && count > 0)) {
            return false;
        }
        if (len > data.length) {
            data = new byte[len]; // a jumbo frame: this batch carries just it
        }
        System.arraycopy(p.buffer(), p.offset(), data, used, len);
        number[count] = packetNumber;
        packets[count] = new Packet(p.timestampNanos(), len, p.wireLength(), p.linkType(), p.interfaceId(), data, used);
        parsed[count] = false;
        used += len;
        count++;
        return true;
    }

    /**
     * Hands the facts of the packet just added to this batch; returns the object the slot held before
     * (null at first), for the reader to parse the next packet into.
     */
    PacketFacts attach(PacketFacts f) {
        int i = count - 1;
        PacketFacts old = facts[i];
        facts[i] = f;
        parsed[i] = true;
        return old;
    }

    /** The facts the reader parsed for packet i, or null when it did not parse them (one worker). */
    PacketFacts facts(int i) {
        return parsed[i] ? facts[i] : null;
    }

    Packet packet(int i) {
        return packets[i];
    }

    void clear() {
        Arrays.fill(packets, 0, count, null);
        used = 0;
        count = 0;
        end = false;
        if (data.length > DEFAULT_BYTES) {
            data = new byte[DEFAULT_BYTES];
        }
    }
}
