package io.netcap.decoder.app;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** A small big-endian byte builder for hand-made protocol messages in tests. */
final class Bytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static Bytes of() {
        return new Bytes();
    }

    Bytes u8(int... vs) {
        for (int v : vs) out.write(v);
        return this;
    }

    Bytes u16(int v) {
        return u8(v >> 8, v & 0xff);
    }

    Bytes u32(long v) {
        return u16((int) (v >>> 16) & 0xffff).u16((int) v & 0xffff);
    }

    Bytes u16le(int v) {
        return u8(v & 0xff, v >> 8);
    }

    Bytes u32le(long v) {
        return u16le((int) v & 0xffff).u16le((int) (v >>> 16) & 0xffff);
    }

    Bytes ascii(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
        return this;
    }

    Bytes raw(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    Bytes zeros(int n) {
        out.writeBytes(new byte[n]);
        return this;
    }

    /** DNS name as uncompressed labels ending in the root label. */
    Bytes name(String dotted) {
        for (String l : dotted.split("\\.")) {
            if (!l.isEmpty()) u8(l.length()).ascii(l);
        }
        return u8(0);
    }

    int size() {
        return out.size();
    }

    byte[] get() {
        return out.toByteArray();
    }
}
