package io.netcap.packet.layer;

/**
 * Unsigned reads from packet bytes. Callers check bounds first (views are validated by the
 * {@link LayerParser}); these helpers only assemble the value. The wider reads are made of the narrower ones so
 * that each stays small enough for C1 (the capture's only compiler) to inline.
 */
public final class Bytes {
    private Bytes() {}

    public static int u8(byte[] b, int off) {
        return b[off] & 0xFF;
    }

    /** Big-endian (network order) 16-bit value. */
    public static int u16(byte[] b, int off) {
        return (b[off] & 0xFF) << 8 | (b[off + 1] & 0xFF);
    }

    /** Big-endian 24-bit value. */
    public static int u24(byte[] b, int off) {
        return (b[off] & 0xFF) << 16 | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF);
    }

    /** Big-endian 32-bit value as a Java int (the bits; read it unsigned with {@link Integer#toUnsignedLong}). */
    public static int u32(byte[] b, int off) {
        return u16(b, off) << 16 | u16(b, off + 2);
    }

    public static int u16le(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8;
    }

    public static int u32le(byte[] b, int off) {
        return u16le(b, off) | u16le(b, off + 2) << 16;
    }

    public static long u64le(byte[] b, int off) {
        return (u32le(b, off) & 0xFFFFFFFFL) | (long) u32le(b, off + 4) << 32;
    }
}
