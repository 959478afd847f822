package io.netcap.packet.layer;

/** SNAP header after LLC AA-AA-03: 3-byte OUI and a 2-byte protocol identifier. Flyweight: valid until its buffer is reused; bounds are checked by the parser before wrapping. */
public final class SnapView {
    public static final int OUI = 0;
    public static final int TYPE = 3;
    public static final int HEADER_LENGTH = 5;

    private byte[] buf;
    private int off;
    private int len;

    /** Points the view at {@code len} bytes from {@code off}; returns this view. */
    public SnapView wrap(byte[] buf, int off, int len) {
        this.buf = buf;
        this.off = off;
        this.len = len;
        return this;
    }

    /** Points the view at layer {@code i} of {@code layers}. */
    public SnapView wrap(Layers layers, int i) {
        return wrap(layers.buffer(), layers.offset(i), layers.length(i));
    }

    public byte[] buffer() { return buf; }

    public int offset() { return off; }

    public int length() { return len; }

    public int oui() { return Bytes.u24(buf, off + OUI); }

    public int type() { return Bytes.u16(buf, off + TYPE); }
}
