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
 *
 * <p>The file is mapped one window at a time and each window is unmapped when reading moves past it:
 * pages of a mapping count towards the process's resident memory for as long as it exists, so mapping
 * a multi-gigabyte capture whole would make the resident set grow with the file.
 */
final class MappedFileInputStream extends InputStream {
    /** Bytes mapped at a time. */
    static final long WINDOW = 32L << 20;

    private final FileChannel channel;
    private final long size;
    private Arena arena;
    private MemorySegment window = MemorySegment.NULL;
    private long windowStart;
    private long position;
    private boolean closed;

    private MappedFileInputStream(FileChannel channel, long size) {
        this.channel = channel;
        this.size = size;
    }

    static MappedFileInputStream open(Path path) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        try {
            return new MappedFileInputStream(ch, ch.size());
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Maps the window holding {@code index} (which is below the file size), unmapping the previous one. */
    private void mapAround(long index) throws IOException {
        unmap();
        long start = index - index % WINDOW;
        long length = Math.min(WINDOW, size - start);
        Arena a = Arena.ofShared();
        try {
            window = channel.map(FileChannel.MapMode.READ_ONLY, start, length, a);
        } catch (IOException | RuntimeException e) {
            a.close();
            window = MemorySegment.NULL;
            throw e;
        }
        arena = a;
        windowStart = start;
    }

    private void unmap() {
        if (arena != null) {
            arena.close();
            arena = null;
        }
        window = MemorySegment.NULL;
    }

    private boolean inWindow(long index) {
        return index >= windowStart && index - windowStart < window.byteSize();
    }

    /** Byte {@code index} of the file, or -1 past its end (for magic detection). */
    int peek(long index) throws IOException {
        if (index < 0 || index >= size) {
            return -1;
        }
        if (!inWindow(index)) {
            mapAround(index);
        }
        return window.get(ValueLayout.JAVA_BYTE, index - windowStart) & 0xff;
    }

    @Override
    public int read() throws IOException {
        ensureOpen();
        if (position >= size) {
            return -1;
        }
        int b = peek(position);
        position++;
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        ensureOpen();
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        long remaining = size - position;
        if (len == 0) {
            return 0;
        }
        if (remaining <= 0) {
            return -1;
        }
        if (!inWindow(position)) {
            mapAround(position);
        }
        // Up to the end of the window; the caller asks again for the rest.
        long inWindow = window.byteSize() - (position - windowStart);
        int n = (int) Math.min(len, Math.min(remaining, inWindow));
        MemorySegment.copy(window, ValueLayout.JAVA_BYTE, position - windowStart, b, off, n);
        position += n;
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        ensureOpen();
        long k = Math.max(0, Math.min(n, size - position));
        position += k;
        return k;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, size - position);
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            unmap();
            channel.close();
        }
    }
}
