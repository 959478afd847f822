package io.netcap.engine;

import io.netcap.decoder.flow.PacketFacts;
import io.netcap.packet.Packet;

/**
 * Packets copied out of the source's reused buffer into one array, so the reader hands a worker many
 * packets per queue operation. Recycled between the reader and its worker.
 *
 * <p>With several workers the reader parses every packet's {@link PacketFacts} to pick its worker; those
 * facts travel with the packet ({@link #attach}), so the worker does not parse the headers again.
 */
final class Batch {
    static final int DEFAULT_BYTES = 256 << 10;

    final int capacity;
    byte[] data;
    int used;
    int count;
    boolean end;
    final long[] timestamp;
    final long[] number;
    final int[] offset;
    final int[] captured;
    final int[] wire;
    final int[] linkType;
    final int[] iface;
    /** The facts of packet i when {@code parsed[i]}; the objects are swapped with the reader's, never copied. */
    private final PacketFacts[] facts;
    private final boolean[] parsed;

    Batch(int capacity) {
        this.capacity = capacity;
        this.data = new byte[DEFAULT_BYTES];
        timestamp = new long[capacity];
        number = new long[capacity];
        offset = new int[capacity];
        captured = new int[capacity];
        wire = new int[capacity];
        linkType = new int[capacity];
        iface = new int[capacity];
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
        timestamp[count] = p.timestampNanos();
        number[count] = packetNumber;
        offset[count] = used;
        captured[count] = len;
        wire[count] = p.wireLength();
        linkType[count] = p.linkType();
        iface[count] = p.interfaceId();
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
        return new Packet(timestamp[i], captured[i], wire[i], linkType[i], iface[i], data, offset[i]);
    }

    void clear() {
        used = 0;
        count = 0;
        end = false;
        if (data.length > DEFAULT_BYTES) {
            data = new byte[DEFAULT_BYTES];
        }
    }
}
