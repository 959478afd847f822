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
 * Writes a classic pcap file (version 2.4, host-independent little-endian). Microsecond
 * timestamps by default, as libpcap and the original's error captures; nanosecond on request.
 * Packets longer than the snaplen are cut to it (their wire length is kept). Thread-safe: each
 * packet is written whole.
 */
public final class PcapWriter implements Closeable {
    private static final int VERSION_MAJOR = 2;
    private static final int VERSION_MINOR = 4;
    private static final int RECORD_HEADER_LENGTH = 16;
    private static final int BUFFER = 1 << 20;

    private final OutputStream out;
    private final int linkType;
    private final int snaplen;
    private final boolean nanos;
    private final ByteBuffer header;
    private long count;
    private boolean closed;

    private PcapWriter(OutputStream out, int linkType, int snaplen, boolean nanos, ByteOrder order) throws IOException {
        if (snaplen <= 0) {
            throw new IllegalArgumentException("snaplen must be positive: " + snaplen);
        }
        this.out = out;
        this.linkType = linkType;
        this.snaplen = snaplen;
        this.nanos = nanos;
        this.header = ByteBuffer.allocate(RECORD_HEADER_LENGTH).order(order);
        ByteBuffer file = ByteBuffer.allocate(PcapReader.FILE_HEADER_LENGTH).order(order);
        file.putInt(nanos ? PcapReader.MAGIC_NANOS : PcapReader.MAGIC_MICROS)
                .putShort((short) VERSION_MAJOR).putShort((short) VERSION_MINOR)
                .putInt(0) // thiszone: timestamps are UTC
                .putInt(0) // sigfigs
                .putInt(snaplen)
                .putInt(linkType);
        out.write(file.array());
    }

    /** A microsecond-resolution, little-endian pcap file. */
    public static PcapWriter create(Path file, int linkType, int snaplen) throws IOException {
        return create(file, linkType, snaplen, false, ByteOrder.LITTLE_ENDIAN);
    }

    /** A pcap file with the given timestamp resolution and byte order. */
    public static PcapWriter create(Path file, int linkType, int snaplen, boolean nanos, ByteOrder order)
            throws IOException {
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), BUFFER);
        try {
            return new PcapWriter(out, linkType, snaplen, nanos, order);
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /** A pcap stream on any output (closed with the writer). */
    public static PcapWriter create(OutputStream out, int linkType, int snaplen, boolean nanos, ByteOrder order)
            throws IOException {
        return new PcapWriter(out, linkType, snaplen, nanos, order);
    }

    /** Writes a packet; its link type is not checked against the file's (pcap has one per file). */
    public void write(Packet packet) throws IOException {
        write(packet.timestampNanos(), packet.buffer(), packet.offset(), packet.capturedLength(), packet.wireLength());
    }

    /** Writes one record: {@code buf[off..off+len)} captured of a {@code wireLength}-byte frame. */
    public synchronized void write(long timestampNanos, byte[] buf, int off, int len, int wireLength)
            throws IOException {
        if (closed) {
            throw new IOException("pcap writer closed");
        }
        int caplen = Math.min(len, snaplen);
        long seconds = Math.floorDiv(timestampNanos, 1_000_000_000L);
        long fraction = Math.floorMod(timestampNanos, 1_000_000_000L);
        header.clear();
        header.putInt((int) seconds)
                .putInt((int) (nanos ? fraction : fraction / 1_000))
                .putInt(caplen)
                .putInt(Math.max(wireLength, caplen));
        out.write(header.array());
        out.write(buf, off, caplen);
        count++;
    }

    /** Packets written. */
    public synchronized long count() {
        return count;
    }

    public int linkType() {
        return linkType;
    }

    public synchronized void flush() throws IOException {
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        if (!closed) {
            closed = true;
            out.close();
        }
    }
}
