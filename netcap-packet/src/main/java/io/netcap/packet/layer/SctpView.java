package io.netcap.packet.layer;

/** SCTP common header (RFC 9260 3.1). Flyweight: valid until its buffer is reused; bounds are checked by the parser before wrapping. */
public final class SctpView {
    public static final int SRC_PORT = 0;
    public static final int DST_PORT = 2;
    public static final int VERIFICATION_TAG = 4;
    public static final int CHECKSUM = 8;
    public static final int HEADER_LENGTH = 12;

    private byte[] buf;
    private int off;
    private int len;

    /** Points the view at {@code len} bytes from {@code off}; returns this view. */
    public SctpView wrap(byte[] buf, int off, int len) {
        this.buf = buf;
        this.off = off;
        this.len = len;
        return this;
    }

    /** Points the view at layer {@code i} of {@code layers}. */
    public SctpView wrap(Layers layers, int i) {
        return wrap(layers.buffer(), layers.offset(i), layers.length(i));
    }

    public byte[] buffer() { return buf; }

    public int offset() { return off; }

    public int length() { return len; }

    public int srcPort() { return Bytes.u16(buf, off + SRC_PORT); }

    public int dstPort() { return Bytes.u16(buf, off + DST_PORT); }

    public int verificationTag() { return Bytes.u32(buf, off + VERIFICATION_TAG); }

    public int checksum() { return Bytes.u32(buf, off + CHECKSUM); }
}
