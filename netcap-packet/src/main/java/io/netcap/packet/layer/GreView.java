package io.netcap.packet.layer;

/** GRE header (RFC 2784, key and sequence RFC 2890, routing RFC 1701, enhanced GRE ack RFC 2637). Flyweight: valid until its buffer is reused; bounds are checked by the parser before wrapping. */
public final class GreView {
    public static final int FLAGS = 0;
    public static final int PROTOCOL = 2;
    public static final int OPTIONAL = 4;
    public static final int MIN_HEADER_LENGTH = 4;
    public static final int CHECKSUM_PRESENT = 0x80;
    public static final int ROUTING_PRESENT = 0x40;
    public static final int KEY_PRESENT = 0x20;
    public static final int SEQ_PRESENT = 0x10;
    public static final int STRICT_SOURCE_ROUTE = 0x08;
    public static final int ACK_PRESENT = 0x80;
    /** Source route entries: address family, SRE offset, SRE length, then the routing information. */
    public static final int SRE_HEADER_LENGTH = 4;

    private byte[] buf;
    private int off;
    private int len;

    /** Points the view at {@code len} bytes from {@code off}; returns this view. */
    public GreView wrap(byte[] buf, int off, int len) {
        this.buf = buf;
        this.off = off;
        this.len = len;
        return this;
    }

    /** Points the view at layer {@code i} of {@code layers}. */
    public GreView wrap(Layers layers, int i) {
        return wrap(layers.buffer(), layers.offset(i), layers.length(i));
    }

    public byte[] buffer() { return buf; }

    public int offset() { return off; }

    public int length() { return len; }

    private int b0() { return Bytes.u8(buf, off); }

    private int b1() { return Bytes.u8(buf, off + 1); }

    public boolean checksumPresent() { return (b0() & CHECKSUM_PRESENT) != 0; }

    public boolean routingPresent() { return (b0() & ROUTING_PRESENT) != 0; }

    public boolean keyPresent() { return (b0() & KEY_PRESENT) != 0; }

    public boolean seqPresent() { return (b0() & SEQ_PRESENT) != 0; }

    public boolean strictSourceRoute() { return (b0() & STRICT_SOURCE_ROUTE) != 0; }

    public boolean ackPresent() { return (b1() & ACK_PRESENT) != 0; }

    public int recursionControl() { return b0() & 0x07; }

    public int flags() { return b1() >>> 3; }

    public int version() { return b1() & 0x07; }

    public int protocol() { return Bytes.u16(buf, off + PROTOCOL); }

    /** Offset of the checksum/offset word, or -1. */
    public int checksumOffset() { return checksumPresent() || routingPresent() ? off + OPTIONAL : -1; }

    public int keyOffset() { return keyPresent() ? off + OPTIONAL + (checksumOffset() >= 0 ? 4 : 0) : -1; }

    public int seqOffset() {
        if (!seqPresent()) {
            return -1;
        }
        return off + OPTIONAL + (checksumOffset() >= 0 ? 4 : 0) + (keyPresent() ? 4 : 0);
    }

    /** Offset of the first source route entry (only meaningful with the routing bit). */
    public int routingOffset() {
        return off + OPTIONAL + (checksumOffset() >= 0 ? 4 : 0) + (keyPresent() ? 4 : 0) + (seqPresent() ? 4 : 0);
    }
}
