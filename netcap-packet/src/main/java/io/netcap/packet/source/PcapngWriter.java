package io.netcap.packet.source;

import io.netcap.packet.Packet;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a pcapng file (draft-ietf-opsawg-pcapng): one section, one interface without options, so
 * microsecond timestamps (the default {@code if_tsresol}), and an Enhanced Packet Block per packet,
 * little-endian. What {@code net util -mkpacket} writes, as the original does.
 */
public final class PcapngWriter implements Closeable {
    private static final int SHB_LENGTH = 28;
    private static final int IDB_LENGTH = 20;
    private static final int EPB_OVERHEAD = 32;
    private static final int VERSION_MAJOR = 1;

    private final OutputStream out;
    private final int snaplen;

    private PcapngWriter(OutputStream out, int linkType, int snaplen) throws IOException {
        this.out = out;
        this.snaplen = snaplen;
        ByteBuffer b = ByteBuffer.allocate(SHB_LENGTH + IDB_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(PcapngReader.BT_SHB).putInt(SHB_LENGTH).putInt(PcapngReader.BYTE_ORDER_MAGIC)
                .putShort((short) VERSION_MAJOR).putShort((short) 0)
                .putLong(-1) // section length not given
                .putInt(SHB_LENGTH);
        b.putInt(PcapngReader.BT_IDB).putInt(IDB_LENGTH).putShort((short) linkType).putShort((short) 0)
                .putInt(snaplen).putInt(IDB_LENGTH);
        out.write(b.array());
    }

    public static PcapngWriter create(Path file, int linkType, int snaplen) throws IOException {
        if (snaplen <= 0) {
            throw new IllegalArgumentException("snaplen must be positive: " + snaplen);
        }
        return new PcapngWriter(new BufferedOutputStream(Files.newOutputStream(file)), linkType, snaplen);
    }

    /** An Enhanced Packet Block: the packet cut to the snaplen, its data padded to 32 bits. */
    public void write(Packet p) throws IOException {
        int captured = Math.min(p.capturedLength(), snaplen);
        int padded = (captured + 3) & ~3;
        int length = EPB_OVERHEAD + padded;
        long micros = Math.floorDiv(p.timestampNanos(), 1000L);
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(PcapngReader.BT_EPB).putInt(length).putInt(0) // interface 0
                .putInt((int) (micros >>> 32)).putInt((int) micros)
                .putInt(captured).putInt(Math.max(p.wireLength(), captured))
                .put(p.buffer(), p.offset(), captured)
                .position(length - 4);
        b.putInt(length);
        out.write(b.array());
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
