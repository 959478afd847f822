package io.netcap.decoder;

import com.google.protobuf.ByteString;
import io.netcap.packet.layer.Addresses;
import io.netcap.packet.layer.Bytes;

/**
 * Address text as protobuf string bytes, remembered per address: a capture carries few distinct
 * addresses, so formatting (and the UTF-8 encoding protobuf would repeat on every serialisation) is
 * paid once per address instead of several times per packet. The text is that of {@link Addresses};
 * a record field set from these bytes serialises exactly as if set from the string.
 *
 * <p>Direct-mapped caches: a slot holds the last address that hashed to it, so memory stays fixed
 * however many addresses a capture has. One instance per worker (not thread-safe).
 */
public final class AddressTextCache {
    private static final int SLOTS = 1 << 12;
    private static final int MASK = SLOTS - 1;
    private static final long MIX = 0x9E3779B97F4A7C15L;

    private final long[] macKey = new long[SLOTS];
    private final ByteString[] macText = new ByteString[SLOTS];
    private final long[] v4Key = new long[SLOTS];
    private final ByteString[] v4Text = new ByteString[SLOTS];
    private final long[] v6Hi = new long[SLOTS];
    private final long[] v6Lo = new long[SLOTS];
    private final ByteString[] v6Text = new ByteString[SLOTS];

    private static int slot(long key) {
        return (int) ((key * MIX) >>> 52) & MASK;
    }

    /** The 6-byte MAC at {@code off} as {@code aa:bb:cc:dd:ee:ff}. */
    public ByteString mac(byte[] b, int off) {
        long key = ((long) Bytes.u16(b, off) << 32) | (Bytes.u32(b, off + 2) & 0xFFFFFFFFL);
        int s = slot(key);
        ByteString t = macText[s];
        if (t == null || macKey[s] != key) {
            t = ByteString.copyFromUtf8(Addresses.mac(b, off));
            macText[s] = t;
            macKey[s] = key;
        }
        return t;
    }

    /** The IPv4 address at {@code off}, dotted. */
    public ByteString ipv4(byte[] b, int off) {
        long key = Bytes.u32(b, off) & 0xFFFFFFFFL;
        int s = slot(key);
        ByteString t = v4Text[s];
        if (t == null || v4Key[s] != key) {
            t = ByteString.copyFromUtf8(Addresses.ipv4(b, off));
            v4Text[s] = t;
            v4Key[s] = key;
        }
        return t;
    }

    /** The IPv6 address at {@code off} in RFC 5952 form. */
    public ByteString ipv6(byte[] b, int off) {
        long hi = Bytes.u64le(b, off);
        long lo = Bytes.u64le(b, off + 8);
        int s = slot(hi ^ Long.rotateLeft(lo, 29));
        ByteString t = v6Text[s];
        if (t == null || v6Hi[s] != hi || v6Lo[s] != lo) {
            t = ByteString.copyFromUtf8(Addresses.ipv6(b, off));
            v6Text[s] = t;
            v6Hi[s] = hi;
            v6Lo[s] = lo;
        }
        return t;
    }
}
