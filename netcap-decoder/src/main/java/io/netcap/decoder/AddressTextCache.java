package io.netcap.decoder;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.netcap.packet.layer.Addresses;
import io.netcap.packet.layer.Bytes;
import java.util.Arrays;

/**
 * Address text as protobuf string bytes, remembered per address: a capture carries few distinct
 * addresses, so formatting (and the UTF-8 encoding protobuf would repeat on every serialisation) is
 * paid once per address instead of several times per packet. The text is that of {@link Addresses};
 * a record field set from these bytes serialises exactly as if set from the string.
 *
 * <p>Each address is kept twice over the same bytes: as an array, which {@link WireWriter#string(int, byte[])}
 * copies without a call chain, and as a {@link ByteString} wrapping that array for records built as messages.
 * The arrays are never written to once made.
 *
 * <p>Direct-mapped caches: a slot holds the last address that hashed to it, so memory stays fixed
 * however many addresses a capture has. One instance per worker (not thread-safe).
 */
public final class AddressTextCache {
    private static final int SLOTS = 1 << 12;
    private static final int MASK = SLOTS - 1;
    private static final long MIX = 0x9E3779B97F4A7C15L;

    private final long[] macKey = new long[SLOTS];
    private final byte[][] macText = new byte[SLOTS][];
    private final ByteString[] macString = new ByteString[SLOTS];
    private final long[] v4Key = new long[SLOTS];
    private final byte[][] v4Text = new byte[SLOTS][];
    private final ByteString[] v4String = new ByteString[SLOTS];
    private final long[] v6Hi = new long[SLOTS];
    private final long[] v6Lo = new long[SLOTS];
    private final byte[][] v6Text = new byte[SLOTS][];
    private final ByteString[] v6String = new ByteString[SLOTS];

    private static int slot(long key) {
        return (int) ((key * MIX) >>> 52) & MASK;
    }

    /** Where a missing address's text is made (no String on the way: C1 does no escape analysis). */
    private final byte[] scratch = new byte[Addresses.MAX_IP_TEXT];

    /** The text of the {@code len}-byte IP address at {@code off} (4 or 16 bytes) as a new array of its own. */
    private byte[] ipText(byte[] b, int off, int len) {
        return Arrays.copyOf(scratch, Addresses.ip(b, off, len, scratch, 0));
    }

    /** The 6-byte MAC at {@code off} as {@code aa:bb:cc:dd:ee:ff}. */
    public ByteString mac(byte[] b, int off) {
        return macString[macSlot(b, off)];
    }

    /** {@link #mac}'s text as bytes, not to be written to. */
    public byte[] macText(byte[] b, int off) {
        return macText[macSlot(b, off)];
    }

    private int macSlot(byte[] b, int off) {
        long key = ((long) Bytes.u16(b, off) << 32) | (Bytes.u32(b, off + 2) & 0xFFFFFFFFL);
        int s = slot(key);
        if (macText[s] == null || macKey[s] != key) {
            byte[] t = Arrays.copyOf(scratch, Addresses.mac(b, off, scratch, 0));
            macText[s] = t;
            macString[s] = UnsafeByteOperations.unsafeWrap(t);
            macKey[s] = key;
        }
        return s;
    }

    /** The IPv4 address at {@code off}, dotted. */
    public ByteString ipv4(byte[] b, int off) {
        return v4String[v4Slot(b, off)];
    }

    /** {@link #ipv4}'s text as bytes, not to be written to. */
    public byte[] ipv4Text(byte[] b, int off) {
        return v4Text[v4Slot(b, off)];
    }

    private int v4Slot(byte[] b, int off) {
        long key = Bytes.u32(b, off) & 0xFFFFFFFFL;
        int s = slot(key);
        if (v4Text[s] == null || v4Key[s] != key) {
            byte[] t = ipText(b, off, 4);
            v4Text[s] = t;
            v4String[s] = UnsafeByteOperations.unsafeWrap(t);
            v4Key[s] = key;
        }
        return s;
    }

    /** The IPv6 address at {@code off} in RFC 5952 form. */
    public ByteString ipv6(byte[] b, int off) {
        return v6String[v6Slot(b, off)];
    }

    /** {@link #ipv6}'s text as bytes, not to be written to. */
    public byte[] ipv6Text(byte[] b, int off) {
        return v6Text[v6Slot(b, off)];
    }

    private int v6Slot(byte[] b, int off) {
        long hi = Bytes.u64le(b, off);
        long lo = Bytes.u64le(b, off + 8);
        int s = slot(hi ^ Long.rotateLeft(lo, 29));
        if (v6Text[s] == null || v6Hi[s] != hi || v6Lo[s] != lo) {
            byte[] t = ipText(b, off, 16);
            v6Text[s] = t;
            v6String[s] = UnsafeByteOperations.unsafeWrap(t);
            v6Hi[s] = hi;
            v6Lo[s] = lo;
        }
        return s;
    }
}
