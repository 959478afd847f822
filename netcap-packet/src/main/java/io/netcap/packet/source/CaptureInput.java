package io.netcap.packet.source;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A large, compacting read buffer over a capture stream. Readers parse records in place and hand
 * out packets that slice {@link #buf}; the buffer is only moved or refilled inside a later
 * {@link #require(int)}, which is what makes the packets' aliasing contract hold.
 *
 * <p>{@code Packet} carries a {@code byte[]}, so the bytes are copied once, in bulk, from the
 * stream (a memory-mapped file for plain files) rather than per packet.
 */
final class CaptureInput implements Closeable {
    /**
     * Read granularity: large enough that per-read costs vanish, small enough that the records
     * just copied in are still in the CPU cache when they are parsed (measured: 512 KiB read
     * the benchmark capture faster than 4 MiB). It grows for the rare larger record.
     */
    static final int DEFAULT_CAPACITY = 512 << 10;
    /** The largest record a reader may ask to hold at once. */
    static final int MAX_CAPACITY = 64 << 20;

    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle SHORT_LE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT_BE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);

    private final InputStream in;
    byte[] buf;
    /** Index of the next unread byte in {@link #buf}. */
    int pos;
    /** End of the valid bytes in {@link #buf}. */
    int limit;
    /** Stream offset of {@code buf[0]}. */
    private long base;
    private boolean eof;

    CaptureInput(InputStream in) {
        this(in, DEFAULT_CAPACITY);
    }

    CaptureInput(InputStream in, int capacity) {
        this.in = in;
        this.buf = new byte[capacity];
    }

    /** Stream offset of the next unread byte. */
    long offset() {
        return base + pos;
    }

    int available() {
        return limit - pos;
    }

    /**
     * Makes at least {@code n} bytes available from {@link #pos}; false when the stream ends first
     * (then {@link #available()} tells how many there are). Invalidates earlier slices of the buffer.
     */
    boolean require(int n) throws IOException {
        return limit - pos >= n || fill(n);
    }

    private boolean fill(int n) throws IOException {
        if (n > MAX_CAPACITY) {
            throw new IllegalArgumentException("record of " + n + " bytes exceeds the read buffer");
        }
        int remaining = limit - pos;
        if (n > buf.length) {
            byte[] bigger = new byte[Math.min(MAX_CAPACITY, Math.max(n, buf.length * 2))];
            System.arraycopy(buf, pos, bigger, 0, remaining);
            buf = bigger;
        } else if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, remaining);
        }
        base += pos;
        pos = 0;
        limit = remaining;
        while (limit < n && !eof) {
            int r = in.read(buf, limit, buf.length - limit);
            if (r < 0) {
                eof = true;
            } else {
                limit += r;
            }
        }
        return limit >= n;
    }

    /** Skips {@code n} bytes; returns how many could be skipped (fewer only at the end of the stream). */
    long skip(long n) throws IOException {
        int inBuffer = limit - pos;
        if (n <= inBuffer) {
            pos += (int) n;
            return n;
        }
        long skipped = inBuffer;
        base += limit;
        pos = 0;
        limit = 0;
        while (skipped < n && !eof) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, n - skipped));
            if (r < 0) {
                eof = true;
            } else {
                skipped += r;
                base += r;
            }
        }
        return skipped;
    }

    /** Discards everything up to the end of the stream; returns the final stream offset. */
    long drain() throws IOException {
        skip(Long.MAX_VALUE);
        return offset();
    }

    int intAt(int index, boolean bigEndian) {
        return bigEndian ? (int) INT_BE.get(buf, index) : (int) INT_LE.get(buf, index);
    }

    int u16At(int index, boolean bigEndian) {
        return Short.toUnsignedInt(bigEndian ? (short) SHORT_BE.get(buf, index) : (short) SHORT_LE.get(buf, index));
    }

    /** The first bytes' raw little-endian value, for magic detection. */
    int rawIntLE(int index) {
        return (int) INT_LE.get(buf, index);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
