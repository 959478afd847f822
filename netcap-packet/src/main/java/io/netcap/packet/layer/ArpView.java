package io.netcap.packet.layer;

/** ARP message (RFC 826). Flyweight: valid until its buffer is reused; bounds are checked by the parser before wrapping. */
public final class ArpView {
    public static final int HTYPE = 0;
    public static final int PTYPE = 2;
    public static final int HLEN = 4;
    public static final int PLEN = 5;
    public static final int OPER = 6;
    public static final int ADDRESSES = 8;
    public static final int FIXED_LENGTH = 8;

    private byte[] buf;
    private int off;
    private int len;

    /** Points the view at {@code len} bytes from {@code off}; returns this view. */
    public ArpView wrap(byte[] buf, int off, int len) {
        this.buf = buf;
        this.off = off;
        this.len = len;
        return this;
    }

    /** Points the view at layer {@code i} of {@code layers}. */
    public ArpView wrap(Layers layers, int i) {
        return wrap(layers.buffer(), layers.offset(i), layers.length(i));
    }

    public byte[] buffer() { return buf; }

    public int offset() { return off; }

    public int length() { return len; }

    public int addrType() { return Bytes.u16(buf, off + HTYPE); }

    public int protocol() { return Bytes.u16(buf, off + PTYPE); }

    public int hwAddressSize() { return Bytes.u8(buf, off + HLEN); }

    public int protocolAddressSize() { return Bytes.u8(buf, off + PLEN); }

    public int operation() { return Bytes.u16(buf, off + OPER); }

    /** Fixed part plus the four addresses. */
    public int messageLength() { return FIXED_LENGTH + 2 * (hwAddressSize() + protocolAddressSize()); }

    public int srcHwOffset() { return off + ADDRESSES; }

    public int srcProtocolOffset() { return srcHwOffset() + hwAddressSize(); }

    public int dstHwOffset() { return srcProtocolOffset() + protocolAddressSize(); }

    public int dstProtocolOffset() { return dstHwOffset() + hwAddressSize(); }
}
