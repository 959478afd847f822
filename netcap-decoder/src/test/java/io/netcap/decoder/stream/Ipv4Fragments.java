package io.netcap.decoder.stream;

/** Hand-built IPv4 fragments for the defragmenter tests. */
final class Ipv4Fragments {
    static final int SRC = 0x0A000001;
    static final int DST = 0x0A000002;
    static final int UDP = 17;

    private Ipv4Fragments() {}

    /** A fragment of datagram {@code id} carrying {@code data} at byte offset {@code offset} (a multiple of 8). */
    static byte[] fragment(int id, int offset, boolean moreFragments, byte[] data) {
        return fragment(SRC, DST, UDP, id, offset, moreFragments, new byte[0], data);
    }

    static byte[] fragment(int src, int dst, int protocol, int id, int offset, boolean moreFragments, byte[] options,
            byte[] data) {
        int hl = 20 + options.length;
        byte[] p = new byte[hl + data.length];
        p[0] = (byte) (0x40 | hl / 4);
        p[2] = (byte) ((hl + data.length) >>> 8);
        p[3] = (byte) (hl + data.length);
        p[4] = (byte) (id >>> 8);
        p[5] = (byte) id;
        int flagsOffset = (moreFragments ? 0x2000 : 0) | offset / 8;
        p[6] = (byte) (flagsOffset >>> 8);
        p[7] = (byte) flagsOffset;
        p[8] = 64;
        p[9] = (byte) protocol;
        p[10] = (byte) 0xAB; // a stale checksum the defragmenter must replace
        p[11] = (byte) 0xCD;
        putInt(p, 12, src);
        putInt(p, 16, dst);
        System.arraycopy(options, 0, p, 20, options.length);
        System.arraycopy(data, 0, p, hl, data.length);
        return p;
    }

    static byte[] fill(int length, int value) {
        byte[] b = new byte[length];
        java.util.Arrays.fill(b, (byte) value);
        return b;
    }

    static byte[] counting(int from, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (from + i);
        }
        return b;
    }

    /** RFC 1071, written out independently of the code under test: the one's-complement sum of a valid header is 0xFFFF. */
    static int onesComplementSum(byte[] b, int len) {
        long sum = 0;
        for (int i = 0; i + 1 < len; i += 2) {
            sum += ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
        }
        while (sum > 0xFFFF) {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        return (int) sum;
    }

    private static void putInt(byte[] p, int at, int v) {
        p[at] = (byte) (v >>> 24);
        p[at + 1] = (byte) (v >>> 16);
        p[at + 2] = (byte) (v >>> 8);
        p[at + 3] = (byte) v;
    }
}
