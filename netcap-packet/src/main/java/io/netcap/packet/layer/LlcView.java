package io.netcap.packet.layer;

/** IEEE 802.2 LLC header: DSAP, SSAP and a 1-byte (U format) or 2-byte (I/S format) control field. Flyweight: valid until its buffer is reused; bounds are checked by the parser before wrapping. */
public final class LlcView {
    public static final int DSAP = 0;
    public static final int SSAP = 1;
    public static final int CONTROL = 2;
    public static final int MIN_LENGTH = 3;
    /** DSAP and SSAP of a SNAP header (RFC 1042). */
    public static final int SAP_SNAP = 0xAA;

    private byte[] buf;
    private int off;
    private int len;

    /** Points the view at {@code len} bytes from {@code off}; returns this view. */
    public LlcView wrap(byte[] buf, int off, int len) {
        this.buf = buf;
        this.off = off;
        this.len = len;
        return this;
    }

    /** Points the view at layer {@code i} of {@code layers}. */
    public LlcView wrap(Layers layers, int i) {
        return wrap(layers.buffer(), layers.offset(i), layers.length(i));
    }

    public byte[] buffer() { return buf; }

    public int offset() { return off; }

    public int length() { return len; }

    public int dsap() { return Bytes.u8(buf, off + DSAP) & 0xFE; }

    /** Individual/group bit of the DSAP. */
    public boolean ig() { return (Bytes.u8(buf, off + DSAP) & 0x01) != 0; }

    public int ssap() { return Bytes.u8(buf, off + SSAP) & 0xFE; }

    /** Command/response bit of the SSAP. */
    public boolean cr() { return (Bytes.u8(buf, off + SSAP) & 0x01) != 0; }

    /** Header length implied by the control field: 3 for U frames, 4 for I and S frames. */
    public static int headerLength(byte[] b, int off) {
        int c = Bytes.u8(b, off + CONTROL);
        return (c & 0x01) == 0 || (c & 0x03) == 0x01 ? 4 : 3;
    }

    public int control() {
        return headerLength(buf, off) == 4 ? Bytes.u16(buf, off + CONTROL) : Bytes.u8(buf, off + CONTROL);
    }
}
