package io.netcap.packet.layer;

/** Ethernet Configuration Testing Protocol (EtherType 0x9000), little-endian fields; also reads the reply function that follows. Flyweight: valid until its buffer is reused; bounds are checked by the parser before wrapping. */
public final class EthernetCtpView {
    public static final int SKIP_COUNT = 0;
    public static final int HEADER_LENGTH = 2;
    /** Offsets within a function block. */
    public static final int FUNCTION = 0;
    public static final int RECEIPT_NUMBER = 2;
    public static final int REPLY_HEADER_LENGTH = 4;
    public static final int FUNCTION_REPLY = 1;
    public static final int FUNCTION_FORWARD = 2;

    private byte[] buf;
    private int off;
    private int len;

    /** Points the view at {@code len} bytes from {@code off}; returns this view. */
    public EthernetCtpView wrap(byte[] buf, int off, int len) {
        this.buf = buf;
        this.off = off;
        this.len = len;
        return this;
    }

    /** Points the view at layer {@code i} of {@code layers}. */
    public EthernetCtpView wrap(Layers layers, int i) {
        return wrap(layers.buffer(), layers.offset(i), layers.length(i));
    }

    public byte[] buffer() { return buf; }

    public int offset() { return off; }

    public int length() { return len; }

    public int skipCount() { return Bytes.u16le(buf, off + SKIP_COUNT); }

    /** For a reply layer view: the function code. */
    public int function() { return Bytes.u16le(buf, off + FUNCTION); }

    public int receiptNumber() { return Bytes.u16le(buf, off + RECEIPT_NUMBER); }
}
