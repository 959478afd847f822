package io.netcap.packet.layer;

/** Linux cooked capture headers: SLL (16 bytes, protocol at 14) and SLL2 (20 bytes, protocol at 0). Flyweight: valid until its buffer is reused; bounds are checked by the parser before wrapping. */
public final class LinuxSllView {
    public static final int SLL_PACKET_TYPE = 0;
    public static final int SLL_ARPHRD = 2;
    public static final int SLL_ADDR_LEN = 4;
    public static final int SLL_ADDR = 6;
    public static final int SLL_PROTOCOL = 14;
    public static final int SLL_HEADER_LENGTH = 16;
    public static final int SLL2_PROTOCOL = 0;
    public static final int SLL2_IFINDEX = 4;
    public static final int SLL2_ARPHRD = 8;
    public static final int SLL2_PACKET_TYPE = 10;
    public static final int SLL2_ADDR_LEN = 11;
    public static final int SLL2_ADDR = 12;
    public static final int SLL2_HEADER_LENGTH = 20;
    /** Protocol values below 0x0600 that are not EtherTypes (linux/if_ether.h). */
    public static final int PROTO_8023 = 0x0001;
    public static final int PROTO_8022 = 0x0004;

    private byte[] buf;
    private int off;
    private int len;

    /** Points the view at {@code len} bytes from {@code off}; returns this view. */
    public LinuxSllView wrap(byte[] buf, int off, int len) {
        this.buf = buf;
        this.off = off;
        this.len = len;
        return this;
    }

    /** Points the view at layer {@code i} of {@code layers}. */
    public LinuxSllView wrap(Layers layers, int i) {
        return wrap(layers.buffer(), layers.offset(i), layers.length(i));
    }

    public byte[] buffer() { return buf; }

    public int offset() { return off; }

    public int length() { return len; }

    public int sllProtocol() { return Bytes.u16(buf, off + SLL_PROTOCOL); }

    public int sll2Protocol() { return Bytes.u16(buf, off + SLL2_PROTOCOL); }
}
