package io.netcap.kafka;

/** Walks records framed by a varint length, as a chunk and a record file hold them (docs/container.md). */
final class FramedRecords {
    interface Visitor {
        void record(byte[] b, int off, int len);
    }

    private FramedRecords() {}

    /** Calls {@code v} for every record of {@code d[0 .. length)} and returns how many there were. */
    static long forEach(byte[] d, int length, Visitor v) {
        long n = 0;
        int p = 0;
        while (p < length) {
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
