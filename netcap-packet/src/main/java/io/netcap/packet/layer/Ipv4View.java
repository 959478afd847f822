package io.netcap.packet.layer;

/** IPv4 header (RFC 791). Flyweight: valid until its buffer is reused; bounds are checked by the parser before wrapping. */
public final class Ipv4View {
    public static final int VERSION_IHL = 0;
    public static final int TOS = 1;
    public static final int TOTAL_LENGTH = 2;
    public static final int ID = 4;
    public static final int FLAGS_FRAGMENT = 6;
    public static final int TTL = 8;
    public static final int PROTOCOL = 9;
    public static final int CHECKSUM = 10;
    public static final int SRC = 12;
    public static final int DST = 16;
    public static final int OPTIONS = 20;
    public static final int MIN_HEADER_LENGTH = 20;
    /** Flag bits within the 3-bit flags field. */
    public static final int FLAG_EVIL = 4;
    public static final int FLAG_DONT_FRAGMENT = 2;
    public static final int FLAG_MORE_FRAGMENTS = 1;
    public static final int OPTION_END = 0;
    public static final int OPTION_NOP = 1;

    private byte[] buf;
    private int off;
    private int len;

    /** Points the view at {@code len} bytes from {@code off}; returns this view. */
    public Ipv4View wrap(byte[] buf, int off, int len) {
        this.buf = buf;
        this.off = off;
        this.len = len;
        return this;
    }

    /** Points the view at layer {@code i} of {@code layers}. */
    public Ipv4View wrap(Layers layers, int i) {
        return wrap(layers.buffer(), layers.offset(i), layers.length(i));
    }

    public byte[] buffer() { return buf; }

    public int offset() { return off; }

    public int length() { return len; }

    public int version() { return Bytes.u8(buf, off + VERSION_IHL) >>> 4; }

    public int ihl() { return Bytes.u8(buf, off + VERSION_IHL) & 0x0F; }

    public int headerLength() { return ihl() * 4; }

    public int tos() { return Bytes.u8(buf, off + TOS); }

    /** The total length field as on the wire (0 with TCP segmentation offload). */
    public int totalLength() { return Bytes.u16(buf, off + TOTAL_LENGTH); }

    public int id() { return Bytes.u16(buf, off + ID); }

    public int flags() { return Bytes.u8(buf, off + FLAGS_FRAGMENT) >>> 5; }

    /** Fragment offset in 8-byte units. */
    public int fragOffset() { return Bytes.u16(buf, off + FLAGS_FRAGMENT) & 0x1FFF; }

    public boolean isFragment() { return (flags() & FLAG_MORE_FRAGMENTS) != 0 || fragOffset() != 0; }

    public int ttl() { return Bytes.u8(buf, off + TTL); }

    public int protocol() { return Bytes.u8(buf, off + PROTOCOL); }

    public int checksum() { return Bytes.u16(buf, off + CHECKSUM); }

    public String srcIp() { return Addresses.ipv4(buf, off + SRC); }

    public String dstIp() { return Addresses.ipv4(buf, off + DST); }
}
