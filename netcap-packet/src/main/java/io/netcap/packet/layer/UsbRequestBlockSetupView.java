package io.netcap.packet.layer;

/** USB control setup packet (USB 2.0 9.3), little-endian. Flyweight: valid until its buffer is reused; bounds are checked by the parser before wrapping. */
public final class UsbRequestBlockSetupView {
    public static final int REQUEST_TYPE = 0;
    public static final int REQUEST = 1;
    public static final int VALUE = 2;
    public static final int INDEX = 4;
    public static final int LENGTH = 6;
    public static final int HEADER_LENGTH = 8;

    private byte[] buf;
    private int off;
    private int len;

    /** Points the view at {@code len} bytes from {@code off}; returns this view. */
    public UsbRequestBlockSetupView wrap(byte[] buf, int off, int len) {
        this.buf = buf;
        this.off = off;
        this.len = len;
        return this;
    }

    /** Points the view at layer {@code i} of {@code layers}. */
    public UsbRequestBlockSetupView wrap(Layers layers, int i) {
        return wrap(layers.buffer(), layers.offset(i), layers.length(i));
    }

    public byte[] buffer() { return buf; }

    public int offset() { return off; }

    public int length() { return len; }

    public int requestType() { return Bytes.u8(buf, off + REQUEST_TYPE); }

    public int request() { return Bytes.u8(buf, off + REQUEST); }

    public int value() { return Bytes.u16le(buf, off + VALUE); }

    public int index() { return Bytes.u16le(buf, off + INDEX); }

    public int lengthField() { return Bytes.u16le(buf, off + LENGTH); }
}
