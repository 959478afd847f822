package io.netcap.packet.layer;

/** Linux usbmon packet header (little-endian; 48 bytes, 64 in the memory-mapped variant of link type 220). Flyweight: valid until its buffer is reused; bounds are checked by the parser before wrapping. */
public final class UsbView {
    public static final int ID = 0;
    public static final int EVENT_TYPE = 8;
    public static final int TRANSFER_TYPE = 9;
    public static final int ENDPOINT = 10;
    public static final int DEVICE = 11;
    public static final int BUS_ID = 12;
    public static final int SETUP_FLAG = 14;
    public static final int DATA_FLAG = 15;
    public static final int TS_SEC = 16;
    public static final int TS_USEC = 24;
    public static final int STATUS = 28;
    public static final int URB_LENGTH = 32;
    public static final int DATA_LENGTH = 36;
    public static final int SETUP = 40;
    public static final int INTERVAL = 48;
    public static final int START_FRAME = 52;
    public static final int XFER_FLAGS = 56;
    public static final int NDESC = 60;
    public static final int HEADER_LENGTH = 48;
    public static final int MMAPPED_HEADER_LENGTH = 64;
    /** Direction values of the record (the original's enum: 1 = in, 2 = out). */
    public static final int DIRECTION_IN = 1;
    public static final int DIRECTION_OUT = 2;

    private byte[] buf;
    private int off;
    private int len;

    /** Points the view at {@code len} bytes from {@code off}; returns this view. */
    public UsbView wrap(byte[] buf, int off, int len) {
        this.buf = buf;
        this.off = off;
        this.len = len;
        return this;
    }

    /** Points the view at layer {@code i} of {@code layers}. */
    public UsbView wrap(Layers layers, int i) {
        return wrap(layers.buffer(), layers.offset(i), layers.length(i));
    }

    public byte[] buffer() { return buf; }

    public int offset() { return off; }

    public int length() { return len; }

    public long id() { return Bytes.u64le(buf, off + ID); }

    public int eventType() { return Bytes.u8(buf, off + EVENT_TYPE); }

    public int transferType() { return Bytes.u8(buf, off + TRANSFER_TYPE); }

    public int direction() { return (Bytes.u8(buf, off + ENDPOINT) & 0x80) != 0 ? DIRECTION_IN : DIRECTION_OUT; }

    public int endpointNumber() { return Bytes.u8(buf, off + ENDPOINT) & 0x7F; }

    public int deviceAddress() { return Bytes.u8(buf, off + DEVICE); }

    public int busId() { return Bytes.u16le(buf, off + BUS_ID); }

    /** A setup packet follows when the setup flag byte is 0 (usbmon's convention). */
    public boolean setup() { return Bytes.u8(buf, off + SETUP_FLAG) == 0; }

    public boolean data() { return Bytes.u8(buf, off + DATA_FLAG) == 0; }

    public long timestampSec() { return Bytes.u64le(buf, off + TS_SEC); }

    public int timestampUsec() { return Bytes.u32le(buf, off + TS_USEC); }

    public int status() { return Bytes.u32le(buf, off + STATUS); }

    public int urbLength() { return Bytes.u32le(buf, off + URB_LENGTH); }

    public int urbDataLength() { return Bytes.u32le(buf, off + DATA_LENGTH); }

    /** The following four only exist in the 64-byte memory-mapped header. */
    public int urbInterval() { return Bytes.u32le(buf, off + INTERVAL); }

    public int urbStartFrame() { return Bytes.u32le(buf, off + START_FRAME); }

    public int urbCopyOfTransferFlags() { return Bytes.u32le(buf, off + XFER_FLAGS); }

    public int isoNumDesc() { return Bytes.u32le(buf, off + NDESC); }
}
