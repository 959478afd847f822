package io.netcap.packet.layer;

/** IPsec ESP header (RFC 4303); everything after SPI and sequence is ciphertext. Flyweight: valid until its buffer is reused; bounds are checked by the parser before wrapping. */
public final class IpsecEspView {
    public static final int SPI = 0;
    public static final int SEQ = 4;
    public static final int HEADER_LENGTH = 8;

    private byte[] buf;
    private int off;
    private int len;

    /** Points the view at {@code len} bytes from {@code off}; returns this view. */
    public IpsecEspView wrap(byte[] buf, int off, int len) {
        this.buf = buf;
        this.off = off;
        this.len = len;
        return this;
    }

    /** Points the view at layer {@code i} of {@code layers}. */
    public IpsecEspView wrap(Layers layers, int i) {
        return wrap(layers.buffer(), layers.offset(i), layers.length(i));
    }

    public byte[] buffer() { return buf; }

    public int offset() { return off; }

    public int length() { return len; }

    public int spi() { return Bytes.u32(buf, off + SPI); }

    public int seq() { return Bytes.u32(buf, off + SEQ); }
}
