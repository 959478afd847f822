package io.netcap.packet.source;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file read through a memory mapping: each bulk read is one copy from the page cache into the
 * caller's array, where a channel read into a heap array costs two (through a direct buffer).
 */
final class MappedFileInputStream extends InputStream {
    private final Arena arena;
    private final MemorySegment file;
    private long position;
    private boolean closed;

    private MappedFileInputStream(Arena arena, MemorySegment file) {
        this.arena = arena;
        this.file = file;
    }

    static MappedFileInputStream open(Path path) throws IOException {
        Arena arena = Arena.ofShared();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            MemorySegment segment = size == 0 ? MemorySegment.NULL : ch.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
            return new MappedFileInputStream(arena, segment);
        } catch (IOException | RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /** Byte {@code index} of the file, or -1 past its end (for magic detection). */
    int peek(long index) {
        return index < file.byteSize() ? file.get(ValueLayout.JAVA_BYTE, index) & 0xff : -1;
    }

    @Override
    public int read() throws IOException {
        ensureOpen();
        return position < file.byteSize() ? file.get(ValueLayout.JAVA_BYTE, position++) & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        ensureOpen();
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        long remaining = file.byteSize() - position;
        if (len == 0) {
            return 0;
        }
        if (remaining <= 0) {
            return -1;
        }
        int n = (int) Math.min(len, remaining);
        MemorySegment.copy(file, ValueLayout.JAVA_BYTE, position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        ensureOpen();
        long k = Math.max(0, Math.min(n, file.byteSize() - position));
        position += k;
        return k;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, file.byteSize() - position);
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            arena.close();
        }
    }
}
