package io.netcap.packet.layer;

/** IPv6 fixed header (RFC 8200). Flyweight: valid until its buffer is reused; bounds are checked by the parser before wrapping. */
public final class Ipv6View {
    public static final int VERSION_CLASS_FLOW = 0;
    public static final int PAYLOAD_LENGTH = 4;
    public static final int NEXT_HEADER = 6;
    public static final int HOP_LIMIT = 7;
    public static final int SRC = 8;
    public static final int DST = 24;
    public static final int HEADER_LENGTH = 40;

    private byte[] buf;
    private int off;
    private int len;

    /** Points the view at {@code len} bytes from {@code off}; returns this view. */
    public Ipv6View wrap(byte[] buf, int off, int len) {
        this.buf = buf;
        this.off = off;
        this.len = len;
        return this;
    }

    /** Points the view at layer {@code i} of {@code layers}. */
    public Ipv6View wrap(Layers layers, int i) {
        return wrap(layers.buffer(), layers.offset(i), layers.length(i));
    }

    public byte[] buffer() { return buf; }

    public int offset() { return off; }

    public int length() { return len; }

    public int version() { return Bytes.u8(buf, off) >>> 4; }

    public int trafficClass() { return (Bytes.u16(buf, off) >>> 4) & 0xFF; }

    public int flowLabel() { return Bytes.u32(buf, off) & 0x000FFFFF; }

    public int payloadLength() { return Bytes.u16(buf, off + PAYLOAD_LENGTH); }

    public int nextHeader() { return Bytes.u8(buf, off + NEXT_HEADER); }

    public int hopLimit() { return Bytes.u8(buf, off + HOP_LIMIT); }

    public String srcIp() { return Addresses.ipv6(buf, off + SRC); }

    public String dstIp() { return Addresses.ipv6(buf, off + DST); }
}
