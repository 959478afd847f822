package io.netcap.engine;

import io.netcap.packet.Packet;

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
    final long[] timestamp;
    final long[] number;
    final int[] offset;
    final int[] captured;
    final int[] wire;
    final int[] linkType;
    final int[] iface;

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
        used += len;
        count++;
        return true;
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
