package io.netcap.kafka;

import io.netcap.io.GzipBlockCompressor;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * One {@code <Type>.ncap.gz} the collector appends to: records gather in a block that becomes one
 * complete gzip member when full and at every {@link #sync()} (docs/container.md, "Gzip members"),
 * so the file is complete at every length {@link #sync()} returned. Reopened after a crash, it is cut
 * back to such a length first, which drops a member cut short and the records written after the last
 * checkpoint (the collector reads them again from Kafka).
 */
final class CollectedFile implements Closeable {
    /** Largest member, as the capture's writer makes them. */
    private static final int MAX_MEMBER = 1 << 20;

    private final Path path;
    private final FileChannel channel;
    private final GzipBlockCompressor gzip;
    private final int blockSize;
    private byte[] block = new byte[16 << 10];
    private int fill;
    /** Not even the header is in the file or the block yet. */
    private boolean empty;

    private CollectedFile(Path path, FileChannel channel, GzipBlockCompressor gzip, int blockSize, boolean empty) {
        this.path = path;
        this.channel = channel;
        this.gzip = gzip;
        this.blockSize = blockSize;
        this.empty = empty;
    }

    /**
     * Opens {@code path}, created if absent, and cuts it back to {@code keep} bytes, the length of the
     * last checkpoint (0 for a file the checkpoint only announced).
     */
    static CollectedFile open(Path path, long keep, int blockSize, int gzipLevel) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            long size = channel.size();
            if (size < keep) {
                throw new IOException(path + ": " + size + " bytes, shorter than the " + keep
                        + " bytes of the last checkpoint; was it changed by someone else?");
            }
            if (size > keep) {
                channel.truncate(keep);
                channel.force(false);
            }
            channel.position(keep);
            return new CollectedFile(path, channel, GzipBlockCompressor.create(gzipLevel), blockSize, keep == 0);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    Path path() {
        return path;
    }

    /** Appends one record ({@code b[off .. off+len)}), after {@code header} when the file is new. */
    void append(byte[] header, byte[] b, int off, int len) throws IOException {
        if (empty) {
            frame(header, 0, header.length);
            empty = false;
        }
        frame(b, off, len);
        if (fill >= blockSize) {
            writeMembers();
        }
    }

    private void frame(byte[] b, int off, int len) {
        if (block.length - fill < len + 5) {
            block = Arrays.copyOf(block, Math.max(block.length * 2, fill + len + 5));
        }
        int v = len;
        while ((v & ~0x7F) != 0) {
            block[fill++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        block[fill++] = (byte) v;
        System.arraycopy(b, off, block, fill, len);
        fill += len;
    }

    private void writeMembers() throws IOException {
        for (int off = 0; off < fill; off += MAX_MEMBER) {
            ByteBuffer member = gzip.compress(block, off, Math.min(MAX_MEMBER, fill - off));
            while (member.hasRemaining()) {
                channel.write(member);
            }
        }
        fill = 0;
    }

    /** Writes the block as a member, forces the file to the device and returns its length. */
    long sync() throws IOException {
        writeMembers();
        channel.force(false);
        return channel.position();
    }

    /** Closes without writing what the block holds, as a crash would leave the file. */
    void abandon() throws IOException {
        gzip.close();
        channel.close();
    }

    @Override
    public void close() throws IOException {
        try {
            sync();
        } finally {
            abandon();
        }
    }
}
