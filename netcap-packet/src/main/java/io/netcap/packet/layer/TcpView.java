package io.netcap.packet.layer;

/** TCP header (RFC 9293, ECN bits RFC 3168, NS RFC 3540). Flyweight: valid until its buffer is reused; bounds are checked by the parser before wrapping. */
public final class TcpView {
    public static final int SRC_PORT = 0;
    public static final int DST_PORT = 2;
    public static final int SEQ = 4;
    public static final int ACK = 8;
    public static final int DATA_OFFSET = 12;
    public static final int FLAGS = 13;
    public static final int WINDOW = 14;
    public static final int CHECKSUM = 16;
    public static final int URGENT = 18;
    public static final int OPTIONS = 20;
    public static final int MIN_HEADER_LENGTH = 20;
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK_FLAG = 0x10;
    public static final int URG = 0x20;
    public static final int ECE = 0x40;
    public static final int CWR = 0x80;
    public static final int OPTION_END = 0;
    public static final int OPTION_NOP = 1;

    private byte[] buf;
    private int off;
    private int len;

    /** Points the view at {@code len} bytes from {@code off}; returns this view. */
    public TcpView wrap(byte[] buf, int off, int len) {
        this.buf = buf;
        this.off = off;
        this.len = len;
        return this;
    }

    /** Points the view at layer {@code i} of {@code layers}. */
    public TcpView wrap(Layers layers, int i) {
        return wrap(layers.buffer(), layers.offset(i), layers.length(i));
    }

    public byte[] buffer() { return buf; }

    public int offset() { return off; }

    public int length() { return len; }

    public int srcPort() { return Bytes.u16(buf, off + SRC_PORT); }

    public int dstPort() { return Bytes.u16(buf, off + DST_PORT); }

    public int seq() { return Bytes.u32(buf, off + SEQ); }

    public int ack() { return Bytes.u32(buf, off + ACK); }

    /** Header length in 32-bit words. */
    public int dataOffset() { return Bytes.u8(buf, off + DATA_OFFSET) >>> 4; }

    public boolean ns() { return (Bytes.u8(buf, off + DATA_OFFSET) & 0x01) != 0; }

    /** The eight flag bits FIN..CWR of byte 13. */
    public int flags() { return Bytes.u8(buf, off + FLAGS); }

    public boolean flag(int bit) { return (flags() & bit) != 0; }

    public int window() { return Bytes.u16(buf, off + WINDOW); }

    public int checksum() { return Bytes.u16(buf, off + CHECKSUM); }

    public int urgent() { return Bytes.u16(buf, off + URGENT); }
}
