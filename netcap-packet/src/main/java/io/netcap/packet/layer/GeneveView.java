package io.netcap.packet.layer;

/** Geneve header (RFC 8926) and its TLV options. Flyweight: valid until its buffer is reused; bounds are checked by the parser before wrapping. */
public final class GeneveView {
    public static final int VER_OPTLEN = 0;
    public static final int FLAGS = 1;
    public static final int PROTOCOL = 2;
    public static final int VNI = 4;
    public static final int OPTIONS = 8;
    public static final int MIN_HEADER_LENGTH = 8;
    public static final int OPTION_HEADER_LENGTH = 4;

    private byte[] buf;
    private int off;
    private int len;

    /** Points the view at {@code len} bytes from {@code off}; returns this view. */
    public GeneveView wrap(byte[] buf, int off, int len) {
        this.buf = buf;
        this.off = off;
        this.len = len;
        return this;
    }

    /** Points the view at layer {@code i} of {@code layers}. */
    public GeneveView wrap(Layers layers, int i) {
        return wrap(layers.buffer(), layers.offset(i), layers.length(i));
    }

    public byte[] buffer() { return buf; }

    public int offset() { return off; }

    public int length() { return len; }

    public int version() { return Bytes.u8(buf, off) >>> 6; }

    /** Options length in bytes (the field counts 4-byte words). */
    public int optionsLength() { return (Bytes.u8(buf, off) & 0x3F) * 4; }

    public int headerLength() { return MIN_HEADER_LENGTH + optionsLength(); }

    public boolean oamPacket() { return (Bytes.u8(buf, off + FLAGS) & 0x80) != 0; }

    public boolean criticalOption() { return (Bytes.u8(buf, off + FLAGS) & 0x40) != 0; }

    public int protocol() { return Bytes.u16(buf, off + PROTOCOL); }

    public int vni() { return Bytes.u24(buf, off + VNI); }
}
