package io.netcap.io;

/**
 * Protobuf base-128 varints as used for the record length prefix (docs/container.md, "Format as implemented"):
 * seven bits per byte, least significant group first, high bit set on every byte but the last.
 */
final class Varint {
    /** A 64-bit value needs at most ten groups of seven bits. */
    static final int MAX_BYTES = 10;

    private Varint() {}

    /** Number of bytes {@link #write} uses for {@code value} (treated as unsigned). */
    static int size(long value) {
        int bits = 64 - Long.numberOfLeadingZeros(value | 1);
        return (bits + 6) / 7;
    }

    /** Writes {@code value} at {@code pos} and returns the position after it. */
    static int write(long value, byte[] dst, int pos) {
        while ((value & ~0x7FL) != 0) {
            dst[pos++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        dst[pos++] = (byte) value;
        return pos;
    }
}
