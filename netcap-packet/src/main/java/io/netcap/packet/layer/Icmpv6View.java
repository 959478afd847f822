package io.netcap.packet.layer;

/** ICMPv6 message (RFC 4443) and the fields of the neighbour discovery messages (RFC 4861), read relative to the ICMPv6 header. Flyweight: valid until its buffer is reused; bounds are checked by the parser before wrapping. */
public final class Icmpv6View {
    public static final int TYPE = 0;
    public static final int CODE = 1;
    public static final int CHECKSUM = 2;
    public static final int HEADER_LENGTH = 4;
    /** Body offsets, relative to the end of the 4-byte header. */
    public static final int ECHO_ID = 0;
    public static final int ECHO_SEQ = 2;
    public static final int ECHO_LENGTH = 4;
    public static final int RS_OPTIONS = 4;
    public static final int RA_HOP_LIMIT = 0;
    public static final int RA_FLAGS = 1;
    public static final int RA_ROUTER_LIFETIME = 2;
    public static final int RA_REACHABLE_TIME = 4;
    public static final int RA_RETRANS_TIMER = 8;
    public static final int RA_OPTIONS = 12;
    public static final int NS_TARGET = 4;
    public static final int NS_OPTIONS = 20;
    public static final int NA_FLAGS = 0;
    public static final int NA_TARGET = 4;
    public static final int NA_OPTIONS = 20;
    /** Option lengths count 8-byte units. */
    public static final int OPTION_UNIT = 8;

    public static final int TYPE_ECHO_REQUEST = 128;
    public static final int TYPE_ECHO_REPLY = 129;
    public static final int TYPE_ROUTER_SOLICITATION = 133;
    public static final int TYPE_ROUTER_ADVERTISEMENT = 134;
    public static final int TYPE_NEIGHBOR_SOLICITATION = 135;
    public static final int TYPE_NEIGHBOR_ADVERTISEMENT = 136;

    private byte[] buf;
    private int off;
    private int len;

    /** Points the view at {@code len} bytes from {@code off}; returns this view. */
    public Icmpv6View wrap(byte[] buf, int off, int len) {
        this.buf = buf;
        this.off = off;
        this.len = len;
        return this;
    }

    /** Points the view at layer {@code i} of {@code layers}. */
    public Icmpv6View wrap(Layers layers, int i) {
        return wrap(layers.buffer(), layers.offset(i), layers.length(i));
    }

    public byte[] buffer() { return buf; }

    public int offset() { return off; }

    public int length() { return len; }

    public int type() { return Bytes.u8(buf, off + TYPE); }

    public int code() { return Bytes.u8(buf, off + CODE); }

    public int typeCode() { return Bytes.u16(buf, off + TYPE); }

    public int checksum() { return Bytes.u16(buf, off + CHECKSUM); }

    /** Type 1-4 quote the offending packet. */
    public boolean isError() { return type() < 128; }
}
