package io.netcap.packet.source;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Builds pcap and pcapng files byte by byte, independently of the readers and the writer, so
 * tests can state expected values computed by hand from the fields they put in.
 */
final class CaptureBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private ByteOrder order;

    private CaptureBytes(ByteOrder order) {
        this.order = order;
    }

    static CaptureBytes pcap(ByteOrder order, int magic, int snaplen, int linkType) {
        CaptureBytes b = new CaptureBytes(order);
        b.put(buf(24, order).putInt(magic).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                .putInt(snaplen).putInt(linkType));
        return b;
    }

    /** A pcap record: header fields as given, then the data. */
    CaptureBytes record(int seconds, int fraction, int caplen, int wirelen, byte[] data) {
        put(buf(16, order).putInt(seconds).putInt(fraction).putInt(caplen).putInt(wirelen));
        out.writeBytes(data);
        return this;
    }

    static CaptureBytes pcapng() {
        return new CaptureBytes(ByteOrder.LITTLE_ENDIAN);
    }

    /** A section header block; later blocks use its byte order. */
    CaptureBytes shb(ByteOrder sectionOrder) {
        order = sectionOrder;
        return block(PcapngReader.BT_SHB, buf(16, order).putInt(PcapngReader.BYTE_ORDER_MAGIC)
                .putShort((short) 1).putShort((short) 0).putLong(-1L).array());
    }

    /** An interface description block; options are already-encoded option bytes (see {@link #option}). */
    CaptureBytes idb(int linkType, int snaplen, byte[]... options) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(buf(8, order).putShort((short) linkType).putShort((short) 0).putInt(snaplen).array());
        for (byte[] o : options) {
            body.writeBytes(o);
        }
        if (options.length > 0) {
            body.writeBytes(option(0, new byte[0]));
        }
        return block(PcapngReader.BT_IDB, body.toByteArray());
    }

    byte[] option(int code, byte[] value) {
        ByteBuffer b = buf(4 + pad(value.length), order).putShort((short) code).putShort((short) value.length);
        b.put(value);
        return b.array();
    }

    byte[] u8(int v) {
        return new byte[] {(byte) v};
    }

    byte[] i64(long v) {
        return buf(8, order).putLong(v).array();
    }

    CaptureBytes epb(int interfaceId, long timestamp, int caplen, int wirelen, byte[] data) {
        ByteBuffer b = buf(20 + pad(data.length), order).putInt(interfaceId).putInt((int) (timestamp >>> 32))
                .putInt((int) timestamp).putInt(caplen).putInt(wirelen);
        b.put(data);
        return block(PcapngReader.BT_EPB, b.array());
    }

    CaptureBytes opb(int interfaceId, long timestamp, int caplen, int wirelen, byte[] data) {
        ByteBuffer b = buf(20 + pad(data.length), order).putShort((short) interfaceId).putShort((short) 0)
                .putInt((int) (timestamp >>> 32)).putInt((int) timestamp).putInt(caplen).putInt(wirelen);
        b.put(data);
        return block(PcapngReader.BT_OPB, b.array());
    }

    CaptureBytes spb(int wirelen, byte[] data) {
        ByteBuffer b = buf(4 + pad(data.length), order).putInt(wirelen);
        b.put(data);
        return block(PcapngReader.BT_SPB, b.array());
    }

    /** Any block: type, total length, body (padded), total length. */
    CaptureBytes block(int type, byte[] body) {
        int total = 12 + pad(body.length);
        ByteBuffer b = buf(total, order).putInt(type).putInt(total);
        b.put(body);
        b.putInt(total - 4, total);
        return put(b);
    }

    /** Raw bytes, e.g. damage. */
    CaptureBytes raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    int size() {
        return out.size();
    }

    private CaptureBytes put(ByteBuffer b) {
        out.writeBytes(b.array());
        return this;
    }

    static int pad(int n) {
        return (n + 3) & ~3;
    }

    private static ByteBuffer buf(int n, ByteOrder order) {
        return ByteBuffer.allocate(n).order(order);
    }

    static byte[] data(int n, int seed) {
        byte[] d = new byte[n];
        for (int i = 0; i < n; i++) {
            d[i] = (byte) (seed + i);
        }
        return d;
    }
}
