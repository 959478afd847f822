package io.netcap.packet.layer;

/** Ethernet II / IEEE 802.3 header (IEEE 802.3 clause 3). Flyweight: valid until its buffer is reused; bounds are checked by the parser before wrapping. */
public final class EthernetView {
    public static final int DST = 0;
    public static final int SRC = 6;
    public static final int TYPE = 12;
    public static final int HEADER_LENGTH = 14;
    /** Values up to 1500 are an 802.3 length, from 0x0600 on an EtherType. */
    public static final int MAX_8023_LENGTH = 1500;
    public static final int MIN_ETHERTYPE = 0x0600;

    private byte[] buf;
    private int off;
    private int len;

    /** Points the view at {@code len} bytes from {@code off}; returns this view. */
    public EthernetView wrap(byte[] buf, int off, int len) {
        this.buf = buf;
        this.off = off;
        this.len = len;
        return this;
    }

    /** Points the view at layer {@code i} of {@code layers}. */
    public EthernetView wrap(Layers layers, int i) {
        return wrap(layers.buffer(), layers.offset(i), layers.length(i));
    }

    public byte[] buffer() { return buf; }

    public int offset() { return off; }

    public int length() { return len; }

    public String dstMac() { return Addresses.mac(buf, off + DST); }

    public String srcMac() { return Addresses.mac(buf, off + SRC); }

    /** The raw type/length field. */
    public int typeOrLength() { return Bytes.u16(buf, off + TYPE); }

    public boolean isIeee8023() { return typeOrLength() <= MAX_8023_LENGTH; }
}
