package io.netcap.engine;

import io.netcap.packet.Packet;
import java.util.Arrays;

/**
 * Packets copied out of the source's reused buffer into one array, so the reader hands a worker many
 * packets per queue operation. Recycled between the reader and its worker.
 */
final class Batch {
    static final int DEFAULT_BYTES = 256 << 10;
    /** Room per packet of a small batch: an Ethernet frame; a larger packet gets a buffer of its own size. */
    static final int FRAME_BYTES = 2048;

    final int capacity;
    /**
     * The buffer's size when empty: room for {@code capacity} frames, at most {@link #DEFAULT_BYTES}. A live
     * capture's batches hold one packet each and a worker's queue thousands of them, so 256 KiB each would be
     * gigabytes.
     */
    private final int bytes;
    byte[] data;
    int used;
    int count;
    boolean end;
    final long[] number;
    /** The packets as views of {@link #data}, made once by the reader: the worker allocates none. */
    private final Packet[] packets;

    Batch(int capacity) {
        this.capacity = capacity;
        this.bytes = bytesFor(capacity);
        this.data = new byte[bytes];
        number = new long[capacity];
        packets = new Packet[capacity];
    }

    /** The buffer of an empty batch of {@code capacity} packets. */
    static int bytesFor(int capacity) {
        return (int) Math.min(DEFAULT_BYTES, (long) capacity * FRAME_BYTES);
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
        used += len;
        count++;
        return true;
    }

    Packet packet(int i) {
        return packets[i];
    }

    void clear() {
        Arrays.fill(packets, 0, count, null);
        used = 0;
        count = 0;
        end = false;
        if (data.length > bytes) {
            data = new byte[bytes];
        }
    }
}
