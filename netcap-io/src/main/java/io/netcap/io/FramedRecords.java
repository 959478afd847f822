package io.netcap.io;

/**
 * Walks records framed by a varint length, as the engine's chunks and a record file hold them
 * (docs/container.md). The chunks come from the engine itself, so the framing is trusted.
 */
public final class FramedRecords {
    /** Receives one record: {@code b[off .. off + len)}, its protobuf encoding without the length. */
    public interface Visitor {
        void record(byte[] b, int off, int len);
    }

    private FramedRecords() {}

    /** Calls {@code v} for every record of {@code d[0 .. length)} and returns how many there were. */
    public static long forEach(byte[] d, int length, Visitor v) {
        return forEach(d, 0, length, v);
    }

    /** Calls {@code v} for every record of {@code d[off .. off + length)} and returns how many there were. */
    public static long forEach(byte[] d, int off, int length, Visitor v) {
        long n = 0;
        int p = off;
        int end = off + length;
        while (p < end) {
            int len = 0;
            int shift = 0;
            byte b;
            do {
                b = d[p++];
                len |= (b & 0x7F) << shift;
                shift += 7;
            } while (b < 0);
            v.record(d, p, len);
            p += len;
            n++;
        }
        return n;
    }
}
