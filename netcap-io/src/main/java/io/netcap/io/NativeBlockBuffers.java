package io.netcap.io;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The native input and output buffers of a native gzip compressor: each block is copied into
 * {@link #in()}, the member is written to {@link #out()}. Both grow with the largest block seen,
 * doubling up to the writer's block size, so a writer whose blocks grow from 16 KiB to 1 MiB
 * reallocates a handful of times. The arena is shared because successive blocks of one writer are
 * compressed by different threads.
 */
final class NativeBlockBuffers implements AutoCloseable {
    /** Output space that always holds the member of an input of the given size. */
    @FunctionalInterface
    interface Bound {
        long of(long inputSize) throws IOException;
    }

    private final Bound bound;
    private final long alignment;
    private Arena arena;
    private MemorySegment in = MemorySegment.NULL;
    private MemorySegment out = MemorySegment.NULL;

    NativeBlockBuffers(Bound bound, long alignment) {
        this.bound = bound;
        this.alignment = alignment;
    }

    /**
     * Copies {@code data[off .. off+len)} to the start of {@link #in()}, growing both buffers first when
     * needed; returns whether they were allocated anew (their earlier contents are then gone).
     */
    boolean load(byte[] data, int off, int len) throws IOException {
        boolean grown = false;
        if (arena == null || in.byteSize() < len) {
            long size = Math.max(len, Math.max(4096, Math.min(2 * in.byteSize(), WriterOptions.DEFAULT_BLOCK_SIZE)));
            long outSize = bound.of(size);
            close();
            arena = Arena.ofShared();
            in = arena.allocate(size, alignment);
            out = arena.allocate(outSize, alignment);
            grown = true;
        }
        MemorySegment.copy(data, off, in, ValueLayout.JAVA_BYTE, 0, len);
        return grown;
    }

    MemorySegment in() {
        return in;
    }

    MemorySegment out() {
        return out;
    }

    @Override
    public void close() {
        if (arena != null) {
            arena.close();
            arena = null;
        }
        in = MemorySegment.NULL;
        out = MemorySegment.NULL;
    }
}
