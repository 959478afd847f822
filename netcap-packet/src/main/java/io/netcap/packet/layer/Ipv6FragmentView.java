package io.netcap.packet.layer;

/** IPv6 fragment header (RFC 8200 4.5). Flyweight: valid until its buffer is reused; bounds are checked by the parser before wrapping. */
public final class Ipv6FragmentView {
    public static final int NEXT_HEADER = 0;
    public static final int RESERVED = 1;
    public static final int OFFSET_FLAGS = 2;
    public static final int IDENTIFICATION = 4;
    public static final int HEADER_LENGTH = 8;

    private byte[] buf;
    private int off;
    private int len;

    /** Points the view at {@code len} bytes from {@code off}; returns this view. */
    public Ipv6FragmentView wrap(byte[] buf, int off, int len) {
        this.buf = buf;
        this.off = off;
        this.len = len;
        return this;
    }

    /** Points the view at layer {@code i} of {@code layers}. */
    public Ipv6FragmentView wrap(Layers layers, int i) {
        return wrap(layers.buffer(), layers.offset(i), layers.length(i));
    }

    public byte[] buffer() { return buf; }

    public int offset() { return off; }

    public int length() { return len; }

    public int nextHeader() { return Bytes.u8(buf, off + NEXT_HEADER); }

    public int reserved1() { return Bytes.u8(buf, off + RESERVED); }

    /** Fragment offset in 8-byte units. */
    public int fragmentOffset() { return Bytes.u16(buf, off + OFFSET_FLAGS) >>> 3; }

    public int reserved2() { return (Bytes.u8(buf, off + OFFSET_FLAGS + 1) & 0x06) >>> 1; }

    public boolean moreFragments() { return (Bytes.u8(buf, off + OFFSET_FLAGS + 1) & 0x01) != 0; }

    public int identification() { return Bytes.u32(buf, off + IDENTIFICATION); }
}
