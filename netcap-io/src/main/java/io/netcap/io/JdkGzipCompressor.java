package io.netcap.io;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Gzip members from the JDK's zlib: a raw ({@code nowrap}) {@link Deflater} with the header, CRC-32
 * and ISIZE written here (RFC 1952 section 2.3), so the framing is the same as libdeflate's. The
 * fallback when libdeflate is not installed.
 */
final class JdkGzipCompressor implements GzipBlockCompressor {
    static final int HEADER_SIZE = 10;
    static final int TRAILER_SIZE = 8;
    /** OS byte 255: "unknown", as libdeflate writes it. */
    private static final int OS_UNKNOWN = 255;

    private final int level;
    private final Deflater deflater;
    private final CRC32 crc = new CRC32();
    private byte[] out = new byte[0];
    private boolean closed;

    JdkGzipCompressor(int level) {
        if (level < -1 || level > 9) {
            throw new IllegalArgumentException("gzip level must be -1..9, got " + level);
        }
        this.level = level;
        this.deflater = new Deflater(level, true);
    }

    @Override
    public ByteBuffer compress(byte[] in, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, in.length);
        if (closed) {
            throw new IllegalStateException("compressor is closed");
        }
        int need = HEADER_SIZE + bound(len) + TRAILER_SIZE;
        if (out.length < need) {
            out = new byte[Math.max(need, Math.min(2 * out.length, HEADER_SIZE + bound(WriterOptions.DEFAULT_BLOCK_SIZE) + TRAILER_SIZE))];
        }
        header(out, level);
        deflater.reset();
        deflater.setInput(in, off, len);
        deflater.finish();
        int p = HEADER_SIZE;
        while (true) {
            p += deflater.deflate(out, p, out.length - TRAILER_SIZE - p);
            if (deflater.finished()) {
                break;
            }
            if (p == out.length - TRAILER_SIZE) {
                out = Arrays.copyOf(out, out.length * 2); // not reached while the bound holds
            }
        }
        crc.reset();
        crc.update(in, off, len);
        writeIntLE(out, p, (int) crc.getValue());
        writeIntLE(out, p + 4, len); // ISIZE: the input size modulo 2^32
        return ByteBuffer.wrap(out, 0, p + TRAILER_SIZE);
    }

    /**
     * Upper bound of raw deflate output: zlib's {@code deflateBound()} for the default window and
     * memory level, less its 6 bytes of zlib wrapper. The loop in {@link #compress} grows the buffer
     * should a zlib other than the bundled one need more.
     */
    static int bound(int len) {
        return len + (len >> 12) + (len >> 14) + (len >> 25) + 13 - 6;
    }

    /** ID1 ID2 CM=8 FLG=0 MTIME=0 XFL OS (RFC 1952 section 2.3.1). */
    static void header(byte[] b, int level) {
        b[0] = 0x1f;
        b[1] = (byte) 0x8b;
        b[2] = 8;
        b[3] = 0;
        b[4] = 0;
        b[5] = 0;
        b[6] = 0;
        b[7] = 0;
        // XFL: 2 = slowest/best, 4 = fastest
        b[8] = (byte) (level >= 0 && level < 2 ? 4 : level >= 8 ? 2 : 0);
        b[9] = (byte) OS_UNKNOWN;
    }

    private static void writeIntLE(byte[] b, int p, int v) {
        b[p] = (byte) v;
        b[p + 1] = (byte) (v >>> 8);
        b[p + 2] = (byte) (v >>> 16);
        b[p + 3] = (byte) (v >>> 24);
    }

    @Override
    public String name() { return "jdk"; }

    @Override
    public int level() { return level; }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            deflater.end();
        }
    }
}
