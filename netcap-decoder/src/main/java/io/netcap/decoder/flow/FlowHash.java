package io.netcap.decoder.flow;

import io.netcap.decoder.Digests;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The original's order-independent flow hashes (gopacket {@code Flow.FastHash}) and the Connection UID
 * built from them (docs/engine.md, "Connection"): {@code h = fnv1a64(src) + fnv1a64(dst); h ^= endpointType; h *= prime}.
 */
public final class FlowHash {
    public static final int ENDPOINT_IPV4 = 1;
    public static final int ENDPOINT_IPV6 = 2;
    public static final int ENDPOINT_MAC = 3;
    public static final int ENDPOINT_TCP = 4;
    public static final int ENDPOINT_UDP = 5;
    public static final int ENDPOINT_SCTP = 6;

    static final long FNV_OFFSET = 0xcbf29ce484222325L; // 14695981039346656037
    static final long FNV_PRIME = 1099511628211L;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private FlowHash() {}

    static long fnv1a(byte[] b, int off, int len) {
        long h = FNV_OFFSET;
        for (int i = 0; i < len; i++) {
            h ^= b[off + i] & 0xff;
            h *= FNV_PRIME;
        }
        return h;
    }

    /** Hash of a flow between two endpoints of the same kind; symmetric in src and dst. */
    public static long flow(byte[] src, int srcOff, byte[] dst, int dstOff, int len, int endpointType) {
        long h = fnv1a(src, srcOff, len) + fnv1a(dst, dstOff, len);
        h ^= endpointType;
        return h * FNV_PRIME;
    }

    /**
     * {@link #flow} of two endpoints given as numbers: the low {@code len} bytes of each (big-endian),
     * {@code len} at most 8. Reading numbers the flow tables hold already saves the array reads.
     */
    public static long flow(long src, long dst, int len, int endpointType) {
        long h = fnv1a(src, len) + fnv1a(dst, len);
        h ^= endpointType;
        return h * FNV_PRIME;
    }

    /** {@link #flow} of two 16-byte endpoints given as their big-endian halves. */
    public static long flow(long srcHi, long srcLo, long dstHi, long dstLo, int endpointType) {
        long h = fnv1a(srcLo, 8, fnv1a(srcHi, 8, FNV_OFFSET)) + fnv1a(dstLo, 8, fnv1a(dstHi, 8, FNV_OFFSET));
        h ^= endpointType;
        return h * FNV_PRIME;
    }

    static long fnv1a(long v, int len) {
        return fnv1a(v, len, FNV_OFFSET);
    }

    /** Continues FNV-1a hash {@code h} over the low {@code len} bytes of {@code v}, most significant first. */
    private static long fnv1a(long v, int len, long h) {
        for (int shift = 8 * (len - 1); shift >= 0; shift -= 8) {
            h ^= (v >>> shift) & 0xff;
            h *= FNV_PRIME;
        }
        return h;
    }

    /** Hash of a port pair, each port as 2 bytes big-endian. */
    public static long ports(int src, int dst, int endpointType) {
        long h = fnvPort(src) + fnvPort(dst);
        h ^= endpointType;
        return h * FNV_PRIME;
    }

    private static long fnvPort(int port) {
        long h = (FNV_OFFSET ^ ((port >>> 8) & 0xff)) * FNV_PRIME;
        return (h ^ (port & 0xff)) * FNV_PRIME;
    }

    /** The connection key: the three hashes as unsigned decimal strings, concatenated (0 for an absent layer). */
    public static String key(long link, long network, long transport) {
        return Long.toUnsignedString(link) + Long.toUnsignedString(network) + Long.toUnsignedString(transport);
    }

    /** Writes {@link #key}'s text at {@code dst[pos]} (at most 60 bytes); returns the end. */
    public static int key(long link, long network, long transport, byte[] dst, int pos) {
        pos = unsignedDecimal(link, dst, pos);
        pos = unsignedDecimal(network, dst, pos);
        return unsignedDecimal(transport, dst, pos);
    }

    /**
     * The decimal digits of {@code v} read as unsigned, like {@link Long#toUnsignedString(long)}. C1 divides by a
     * constant with a division instruction, and a key has some sixty digits: they are taken in groups of nine, with
     * at most two long divisions, and each group's digits by a multiplication ({@link #div10}).
     */
    static int unsignedDecimal(long v, byte[] dst, int pos) {
        if (v >= 0 && v < BILLION) {
            return digits((int) v, dst, pos);
        }
        long high = Long.divideUnsigned(v, BILLION);
        int low = (int) (v - high * BILLION);
        if (high < BILLION) {
            pos = digits((int) high, dst, pos);
        } else {
            long top = high / BILLION; // high < 2^64 / 10^9: positive
            pos = digits((int) top, dst, pos);
            pos = nineDigits((int) (high - top * BILLION), dst, pos);
        }
        return nineDigits(low, dst, pos);
    }

    private static final long BILLION = 1_000_000_000L;

    /** {@code x / 10} for {@code 0 <= x < 2^31}, by the multiplier of Granlund and Montgomery. */
    private static int div10(int x) {
        return (int) ((x * 0xCCCCCCCDL) >>> 35);
    }

    /** The digits of {@code 0 <= x < 10^9} without leading zeros. */
    private static int digits(int x, byte[] dst, int pos) {
        int n = 1;
        for (int t = div10(x); t != 0; t = div10(t)) {
            n++;
        }
        int end = pos + n;
        for (int i = end - 1; i >= pos; i--) {
            int q = div10(x);
            dst[i] = (byte) ('0' + x - q * 10);
            x = q;
        }
        return end;
    }

    /** The nine digits of {@code 0 <= x < 10^9}, leading zeros included. */
    private static int nineDigits(int x, byte[] dst, int pos) {
        for (int i = pos + 8; i >= pos; i--) {
            int q = div10(x);
            dst[i] = (byte) ('0' + x - q * 10);
            x = q;
        }
        return pos + 9;
    }

    /**
     * The MD5 digest of the connection key (the UID's bytes, before hex), as two big-endian longs in
     * {@code out[0]} and {@code out[1]}; {@code scratch} holds at least 60 bytes.
     */
    static void uidDigest(MessageDigest md5, byte[] scratch, long link, long network, long transport, long[] out) {
        int n = key(link, network, transport, scratch, 0);
        md5.update(scratch, 0, n); // no reset: digest() leaves the digest reset
        try {
            md5.digest(scratch, 0, 16);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException("an MD5 digest fits 16 bytes", e);
        }
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = hi << 8 | (scratch[i] & 0xff);
            lo = lo << 8 | (scratch[8 + i] & 0xff);
        }
        out[0] = hi;
        out[1] = lo;
    }

    /** Writes the UID (32 lower-case hex digits) of a digest from {@link #uidDigest} at {@code dst[pos]}; returns the end. */
    static int uidHex(long hi, long lo, byte[] dst, int pos) {
        for (int i = 0; i < 16; i++) {
            dst[pos + i] = (byte) HEX[(int) (hi >>> (60 - 4 * i)) & 0xf];
            dst[pos + 16 + i] = (byte) HEX[(int) (lo >>> (60 - 4 * i)) & 0xf];
        }
        return pos + 32;
    }

    /** Lower-case hex MD5 of the key, the UID of the original. */
    public static String uid(String key) {
        {
            byte[] d = MD5.get().digest(key.getBytes(StandardCharsets.US_ASCII));
            char[] c = new char[32];
            for (int i = 0; i < 16; i++) {
                c[2 * i] = HEX[(d[i] >>> 4) & 0xf];
                c[2 * i + 1] = HEX[d[i] & 0xf];
            }
            return new String(c);
        }
    }

    private static final ThreadLocal<MessageDigest> MD5 = Digests.perThread("MD5");
}
