package io.netcap.packet.layer;

/** IEEE 802.11 MAC header (IEEE 802.11-2020 9.2). The record's Type is the 6-bit type/subtype value of the original's parser: main type in the low 2 bits, subtype in the high 4. Flyweight: valid until its buffer is reused; bounds are checked by the parser before wrapping. */
public final class Dot11View {
    public static final int FRAME_CONTROL = 0;
    public static final int FLAGS = 1;
    public static final int DURATION_ID = 2;
    public static final int ADDRESS1 = 4;
    public static final int ADDRESS2 = 10;
    public static final int ADDRESS3 = 16;
    public static final int SEQUENCE_CONTROL = 22;
    public static final int ADDRESS4 = 24;
    public static final int MIN_LENGTH = 10;
    public static final int TYPE_MGMT = 0;
    public static final int TYPE_CTRL = 1;
    public static final int TYPE_DATA = 2;
    public static final int FLAG_TO_DS = 0x01;
    public static final int FLAG_FROM_DS = 0x02;
    public static final int FLAG_PROTECTED = 0x40;
    public static final int FLAG_ORDER = 0x80;
    /** Control subtypes (type values) that carry a transmitter address. */
    private static final int CTRL_RTS = 0x2D;
    private static final int CTRL_PS_POLL = 0x29;
    private static final int CTRL_CF_END = 0x39;
    private static final int CTRL_CF_END_ACK = 0x3D;
    private static final int CTRL_BLOCK_ACK_REQ = 0x21;
    private static final int CTRL_BLOCK_ACK = 0x25;

    private byte[] buf;
    private int off;
    private int len;

    /** Points the view at {@code len} bytes from {@code off}; returns this view. */
    public Dot11View wrap(byte[] buf, int off, int len) {
        this.buf = buf;
        this.off = off;
        this.len = len;
        return this;
    }

    /** Points the view at layer {@code i} of {@code layers}. */
    public Dot11View wrap(Layers layers, int i) {
        return wrap(layers.buffer(), layers.offset(i), layers.length(i));
    }

    public byte[] buffer() { return buf; }

    public int offset() { return off; }

    public int length() { return len; }

    /** Type and subtype as one 6-bit value (frame control bits 2-7). */
    public int type() { return Bytes.u8(buf, off) >>> 2; }

    public int mainType() { return type() & 0x03; }

    public int proto() { return Bytes.u8(buf, off) & 0x03; }

    public int flags() { return Bytes.u8(buf, off + FLAGS); }

    public int durationId() { return Bytes.u16le(buf, off + DURATION_ID); }

    /** QoS data subtypes (subtype bit 3 of a data frame). */
    public boolean qos() { return (type() & 0x23) == 0x22; }

    /** Data frames with subtype bit 2 set carry no data (null function and its QoS form). */
    public boolean hasNoData() { return mainType() == TYPE_DATA && (type() & 0x10) != 0; }

    public boolean hasAddress2() {
        int t = type();
        return mainType() != TYPE_CTRL || t == CTRL_RTS || t == CTRL_PS_POLL || t == CTRL_CF_END
                || t == CTRL_CF_END_ACK || t == CTRL_BLOCK_ACK_REQ || t == CTRL_BLOCK_ACK;
    }

    public boolean hasAddress3() { return mainType() != TYPE_CTRL; }

    public boolean hasAddress4() {
        return mainType() == TYPE_DATA && (flags() & (FLAG_TO_DS | FLAG_FROM_DS)) == (FLAG_TO_DS | FLAG_FROM_DS);
    }

    /** Offset (relative) of the QoS control field, valid when {@link #qos()}. */
    public int qosOffset() { return hasAddress4() ? ADDRESS4 + 6 : ADDRESS4; }

    public boolean hasHtControl() {
        return (flags() & FLAG_ORDER) != 0 && (qos() || mainType() == TYPE_MGMT);
    }

    /** Relative offset of the HT control field, valid when {@link #hasHtControl()}. */
    public int htControlOffset() { return qos() ? qosOffset() + 2 : ADDRESS4; }

    /** Length of the MAC header for this frame type (without HT control beyond what the flags announce). */
    public int headerLength() {
        if (!hasAddress3()) {
            return hasAddress2() ? ADDRESS2 + 6 : MIN_LENGTH;
        }
        int n = ADDRESS4;
        if (hasAddress4()) {
            n += 6;
        }
        if (qos()) {
            n += 2;
        }
        if (hasHtControl()) {
            n += 4;
        }
        return n;
    }

    public String address(int relOffset) { return Addresses.mac(buf, off + relOffset); }

    public int sequenceNumber() { return Bytes.u16le(buf, off + SEQUENCE_CONTROL) >>> 4; }

    public int fragmentNumber() { return Bytes.u16le(buf, off + SEQUENCE_CONTROL) & 0x0F; }
}
