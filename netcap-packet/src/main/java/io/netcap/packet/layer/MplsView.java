package io.netcap.packet.layer;

/** MPLS label stack entry (RFC 3032). Flyweight: valid until its buffer is reused; bounds are checked by the parser before wrapping. */
public final class MplsView {
    public static final int ENTRY = 0;
    public static final int HEADER_LENGTH = 4;

    private byte[] buf;
    private int off;
    private int len;

    /** Points the view at {@code len} bytes from {@code off}; returns this view. */
    public MplsView wrap(byte[] buf, int off, int len) {
        this.buf = buf;
        this.off = off;
        this.len = len;
        return this;
    }

    /** Points the view at layer {@code i} of {@code layers}. */
    public MplsView wrap(Layers layers, int i) {
        return wrap(layers.buffer(), layers.offset(i), layers.length(i));
    }

    public byte[] buffer() { return buf; }

    public int offset() { return off; }

    public int length() { return len; }

    private int entry() { return Bytes.u32(buf, off + ENTRY); }

    public int label() { return entry() >>> 12; }

    public int trafficClass() { return (entry() >>> 9) & 0x07; }

    public boolean stackBottom() { return (entry() & 0x100) != 0; }

    public int ttl() { return entry() & 0xFF; }
}
