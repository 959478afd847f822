package io.netcap.packet.layer;

/** IEEE 802.1Q tag (also 802.1ad service tags). Flyweight: valid until its buffer is reused; bounds are checked by the parser before wrapping. */
public final class Dot1QView {
    public static final int TCI = 0;
    public static final int TYPE = 2;
    public static final int HEADER_LENGTH = 4;

    private byte[] buf;
    private int off;
    private int len;

    /** Points the view at {@code len} bytes from {@code off}; returns this view. */
    public Dot1QView wrap(byte[] buf, int off, int len) {
        this.buf = buf;
        this.off = off;
        this.len = len;
        return this;
    }

    /** Points the view at layer {@code i} of {@code layers}. */
    public Dot1QView wrap(Layers layers, int i) {
        return wrap(layers.buffer(), layers.offset(i), layers.length(i));
    }

    public byte[] buffer() { return buf; }

    public int offset() { return off; }

    public int length() { return len; }

    public int priority() { return Bytes.u8(buf, off + TCI) >>> 5; }

    public boolean dropEligible() { return (Bytes.u8(buf, off + TCI) & 0x10) != 0; }

    public int vlanIdentifier() { return Bytes.u16(buf, off + TCI) & 0x0FFF; }

    public int type() { return Bytes.u16(buf, off + TYPE); }
}
