package io.netcap.packet.layer;

/** ICMPv4 message (RFC 792); identifier and sequence are the bytes 4-7 whatever the type. Flyweight: valid until its buffer is reused; bounds are checked by the parser before wrapping. */
public final class Icmpv4View {
    public static final int TYPE = 0;
    public static final int CODE = 1;
    public static final int CHECKSUM = 2;
    public static final int ID = 4;
    public static final int SEQ = 6;
    public static final int HEADER_LENGTH = 8;

    private byte[] buf;
    private int off;
    private int len;

    /** Points the view at {@code len} bytes from {@code off}; returns this view. */
    public Icmpv4View wrap(byte[] buf, int off, int len) {
        this.buf = buf;
        this.off = off;
        this.len = len;
        return this;
    }

    /** Points the view at layer {@code i} of {@code layers}. */
    public Icmpv4View wrap(Layers layers, int i) {
        return wrap(layers.buffer(), layers.offset(i), layers.length(i));
    }

    public byte[] buffer() { return buf; }

    public int offset() { return off; }

    public int length() { return len; }

    public int type() { return Bytes.u8(buf, off + TYPE); }

    public int code() { return Bytes.u8(buf, off + CODE); }

    /** Type in the high byte, code in the low byte, as the record's TypeCode. */
    public int typeCode() { return Bytes.u16(buf, off + TYPE); }

    public int checksum() { return Bytes.u16(buf, off + CHECKSUM); }

    public int id() { return Bytes.u16(buf, off + ID); }

    public int seq() { return Bytes.u16(buf, off + SEQ); }

    /** Destination unreachable, source quench, redirect, time exceeded, parameter problem: quote an IP header. */
    public boolean isError() {
        int t = type();
        return t == 3 || t == 4 || t == 5 || t == 11 || t == 12;
    }
}
