package io.netcap.packet.layer;

/** IPsec authentication header (RFC 4302). Flyweight: valid until its buffer is reused; bounds are checked by the parser before wrapping. */
public final class IpsecAhView {
    public static final int NEXT_HEADER = 0;
    public static final int PAYLOAD_LEN = 1;
    public static final int RESERVED = 2;
    public static final int SPI = 4;
    public static final int SEQ = 8;
    public static final int ICV = 12;
    public static final int MIN_HEADER_LENGTH = 12;

    private byte[] buf;
    private int off;
    private int len;

    /** Points the view at {@code len} bytes from {@code off}; returns this view. */
    public IpsecAhView wrap(byte[] buf, int off, int len) {
        this.buf = buf;
        this.off = off;
        this.len = len;
        return this;
    }

    /** Points the view at layer {@code i} of {@code layers}. */
    public IpsecAhView wrap(Layers layers, int i) {
        return wrap(layers.buffer(), layers.offset(i), layers.length(i));
    }

    public byte[] buffer() { return buf; }

    public int offset() { return off; }

    public int length() { return len; }

    public int nextHeader() { return Bytes.u8(buf, off + NEXT_HEADER); }

    /** Header length in bytes: (Payload Len + 2) * 4. */
    public int headerLength() { return (Bytes.u8(buf, off + PAYLOAD_LEN) + 2) * 4; }

    public int reserved() { return Bytes.u16(buf, off + RESERVED); }

    public int spi() { return Bytes.u32(buf, off + SPI); }

    public int seq() { return Bytes.u32(buf, off + SEQ); }
}
