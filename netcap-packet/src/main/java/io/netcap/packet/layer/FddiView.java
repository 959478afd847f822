package io.netcap.packet.layer;

/** FDDI MAC header: frame control and two 6-byte addresses, as captured (no bit reversal). Flyweight: valid until its buffer is reused; bounds are checked by the parser before wrapping. */
public final class FddiView {
    public static final int FRAME_CONTROL = 0;
    public static final int DST = 1;
    public static final int SRC = 7;
    public static final int HEADER_LENGTH = 13;
    /** Frame control values 0x50-0x57 are asynchronous LLC frames. */
    public static final int FC_LLC_MASK = 0xF8;
    public static final int FC_LLC = 0x50;

    private byte[] buf;
    private int off;
    private int len;

    /** Points the view at {@code len} bytes from {@code off}; returns this view. */
    public FddiView wrap(byte[] buf, int off, int len) {
        this.buf = buf;
        this.off = off;
        this.len = len;
        return this;
    }

    /** Points the view at layer {@code i} of {@code layers}. */
    public FddiView wrap(Layers layers, int i) {
        return wrap(layers.buffer(), layers.offset(i), layers.length(i));
    }

    public byte[] buffer() { return buf; }

    public int offset() { return off; }

    public int length() { return len; }

    /** Frame control without the priority bits. */
    public int frameControl() { return Bytes.u8(buf, off + FRAME_CONTROL) & 0xF8; }

    public int priority() { return Bytes.u8(buf, off + FRAME_CONTROL) & 0x07; }

    public String dstMac() { return Addresses.mac(buf, off + DST); }

    public String srcMac() { return Addresses.mac(buf, off + SRC); }
}
