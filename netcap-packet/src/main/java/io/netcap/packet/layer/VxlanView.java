package io.netcap.packet.layer;

/** VXLAN header (RFC 7348) with the group policy bits of draft-smith-vxlan-group-policy. Flyweight: valid until its buffer is reused; bounds are checked by the parser before wrapping. */
public final class VxlanView {
    public static final int FLAGS = 0;
    public static final int GROUP_POLICY_ID = 2;
    public static final int VNI = 4;
    public static final int HEADER_LENGTH = 8;

    private byte[] buf;
    private int off;
    private int len;

    /** Points the view at {@code len} bytes from {@code off}; returns this view. */
    public VxlanView wrap(byte[] buf, int off, int len) {
        this.buf = buf;
        this.off = off;
        this.len = len;
        return this;
    }

    /** Points the view at layer {@code i} of {@code layers}. */
    public VxlanView wrap(Layers layers, int i) {
        return wrap(layers.buffer(), layers.offset(i), layers.length(i));
    }

    public byte[] buffer() { return buf; }

    public int offset() { return off; }

    public int length() { return len; }

    public boolean validIdFlag() { return (Bytes.u8(buf, off) & 0x08) != 0; }

    public int vni() { return Bytes.u24(buf, off + VNI); }

    public boolean gbpExtension() { return (Bytes.u8(buf, off) & 0x80) != 0; }

    /** The original's parser reads D as bit 0x40 and A as bit 0x80 of the second byte; kept for identical records. */
    public boolean gbpDontLearn() { return (Bytes.u8(buf, off + 1) & 0x40) != 0; }

    public boolean gbpApplied() { return (Bytes.u8(buf, off + 1) & 0x80) != 0; }

    public int gbpGroupPolicyId() { return Bytes.u16(buf, off + GROUP_POLICY_ID); }
}
