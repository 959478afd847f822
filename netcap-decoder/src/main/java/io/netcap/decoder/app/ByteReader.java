package io.netcap.decoder.app;

import java.util.Arrays;

/**
 * Bounds-checked big-endian reads over {@code buf[off .. off+len)}. Every read checks its range
 * against the window and raises {@link Malformed} instead of an index exception.
 */
public final class ByteReader {
    private final byte[] buf;
    private final int off;
    private final int len;

    public ByteReader(byte[] buf, int off, int len) throws Malformed {
        if (buf == null || off < 0 || len < 0 || off > buf.length - len) throw new Malformed("badRange");
        this.buf = buf;
        this.off = off;
        this.len = len;
    }

    public int length() {
        return len;
    }

    public byte[] array() {
        return buf;
    }

    /** Absolute index in the array of relative position {@code pos}. */
    public int abs(int pos) {
        return off + pos;
    }

    public boolean has(int pos, int n) {
        return pos >= 0 && n >= 0 && pos <= len - n;
    }

    public void need(int pos, int n, String reason) throws Malformed {
        if (!has(pos, n)) throw new Malformed(reason);
    }

    public int u8(int pos) throws Malformed {
        need(pos, 1, "truncated");
        return buf[off + pos] & 0xff;
    }

    public int u16(int pos) throws Malformed {
        need(pos, 2, "truncated");
        return ((buf[off + pos] & 0xff) << 8) | (buf[off + pos + 1] & 0xff);
    }

    public int u24(int pos) throws Malformed {
        need(pos, 3, "truncated");
        return ((buf[off + pos] & 0xff) << 16) | ((buf[off + pos + 1] & 0xff) << 8) | (buf[off + pos + 2] & 0xff);
    }

    /** Unsigned 32-bit value in a long. */
    public long u32(int pos) throws Malformed {
        need(pos, 4, "truncated");
        return ((long) (buf[off + pos] & 0xff) << 24) | ((buf[off + pos + 1] & 0xff) << 16)
                | ((buf[off + pos + 2] & 0xff) << 8) | (buf[off + pos + 3] & 0xff);
    }

    /** 32 bits as a Java int (for uint32 proto fields, which carry the same bits). */
    public int i32(int pos) throws Malformed {
        return (int) u32(pos);
    }

    public long u64(int pos) throws Malformed {
        need(pos, 8, "truncated");
        return (u32(pos) << 32) | u32(pos + 4);
    }

    public int u16le(int pos) throws Malformed {
        need(pos, 2, "truncated");
        return (buf[off + pos] & 0xff) | ((buf[off + pos + 1] & 0xff) << 8);
    }

    public long u32le(int pos) throws Malformed {
        need(pos, 4, "truncated");
        return (buf[off + pos] & 0xff) | ((buf[off + pos + 1] & 0xff) << 8)
                | ((buf[off + pos + 2] & 0xff) << 16) | ((long) (buf[off + pos + 3] & 0xff) << 24);
    }

    public long u64le(int pos) throws Malformed {
        return u32le(pos) | (u32le(pos + 4) << 32);
    }

    public byte[] bytes(int pos, int n) throws Malformed {
        need(pos, n, "truncated");
        return Arrays.copyOfRange(buf, off + pos, off + pos + n);
    }

    /** A sub-window; positions in it are relative to {@code pos}. */
    public ByteReader slice(int pos, int n) throws Malformed {
        need(pos, n, "truncated");
        return new ByteReader(buf, off + pos, n);
    }

    /** Bytes as a Latin-1 string: one char per byte, so raw protocol bytes survive unchanged. */
    public String latin1(int pos, int n) throws Malformed {
        need(pos, n, "truncated");
        return new String(buf, off + pos, n, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** Bytes as UTF-8 text (malformed sequences replaced), for fields the original stores as Go strings. */
    public String utf8(int pos, int n) throws Malformed {
        need(pos, n, "truncated");
        return new String(buf, off + pos, n, java.nio.charset.StandardCharsets.UTF_8);
    }
}
