package io.netcap.packet.layer;

/** IPv6 extension header with TLV options or type-specific data (hop-by-hop, routing, destination options; RFC 8200 4.3-4.6). Flyweight: valid until its buffer is reused; bounds are checked by the parser before wrapping. */
public final class Ipv6ExtensionView {
    public static final int NEXT_HEADER = 0;
    public static final int HDR_EXT_LEN = 1;
    public static final int OPTIONS = 2;
    public static final int MIN_LENGTH = 8;
    /** Pad1 is the one option without length and data. */
    public static final int OPTION_PAD1 = 0;

    private byte[] buf;
    private int off;
    private int len;

    /** Points the view at {@code len} bytes from {@code off}; returns this view. */
    public Ipv6ExtensionView wrap(byte[] buf, int off, int len) {
        this.buf = buf;
        this.off = off;
        this.len = len;
        return this;
    }

    /** Points the view at layer {@code i} of {@code layers}. */
    public Ipv6ExtensionView wrap(Layers layers, int i) {
        return wrap(layers.buffer(), layers.offset(i), layers.length(i));
    }

    public byte[] buffer() { return buf; }

    public int offset() { return off; }

    public int length() { return len; }

    public int nextHeader() { return Bytes.u8(buf, off + NEXT_HEADER); }

    /** Header length in bytes: (Hdr Ext Len + 1) * 8. */
    public int headerLength() { return (Bytes.u8(buf, off + HDR_EXT_LEN) + 1) * 8; }
}
