package io.netcap.decoder.tls;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Builds TLS hello records byte by byte (RFC 8446 4.1.2/4.1.3 layout) for hand-made tests. */
final class HelloBytes {
    private HelloBytes() {}

    static final class Buf {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Buf u8(int v) {
            out.write(v);
            return this;
        }

        Buf u16(int v) {
            return u8(v >> 8).u8(v & 0xff);
        }

        Buf u24(int v) {
            return u8(v >> 16).u8((v >> 8) & 0xff).u8(v & 0xff);
        }

        Buf bytes(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        byte[] get() {
            return out.toByteArray();
        }
    }

    static byte[] ext(int type, byte[] body) {
        return new Buf().u16(type).u16(body.length).bytes(body).get();
    }

    static byte[] sni(String host) {
        byte[] h = host.getBytes(StandardCharsets.US_ASCII);
        return ext(0, new Buf().u16(h.length + 3).u8(0).u16(h.length).bytes(h).get());
    }

    static byte[] u16ListExt(int type, List<Integer> values) {
        Buf b = new Buf().u16(values.size() * 2);
        values.forEach(b::u16);
        return ext(type, b.get());
    }

    static byte[] alpn(String... protos) {
        Buf list = new Buf();
        for (String p : protos) list.u8(p.length()).bytes(p.getBytes(StandardCharsets.US_ASCII));
        byte[] l = list.get();
        return ext(16, new Buf().u16(l.length).bytes(l).get());
    }

    static byte[] supportedVersions(int... versions) {
        Buf b = new Buf().u8(versions.length * 2);
        for (int v : versions) b.u16(v);
        return ext(43, b.get());
    }

    static byte[] points(int... formats) {
        Buf b = new Buf().u8(formats.length);
        for (int v : formats) b.u8(v);
        return ext(11, b.get());
    }

    /** A complete handshake record with one ClientHello. */
    static byte[] clientHello(int version, List<Integer> ciphers, List<byte[]> extensions) {
        Buf body = new Buf().u16(version).bytes(new byte[32]).u8(32).bytes(new byte[32]).u16(ciphers.size() * 2);
        ciphers.forEach(body::u16);
        body.u8(1).u8(0);
        Buf ex = new Buf();
        extensions.forEach(ex::bytes);
        byte[] e = ex.get();
        body.u16(e.length).bytes(e);
        byte[] hello = body.get();
        byte[] hs = new Buf().u8(1).u24(hello.length).bytes(hello).get();
        return new Buf().u8(22).u16(0x0301).u16(hs.length).bytes(hs).get();
    }

    static byte[] serverHello(int version, int cipher, List<byte[]> extensions) {
        Buf body = new Buf().u16(version).bytes(new byte[32]).u8(0).u16(cipher).u8(0);
        Buf ex = new Buf();
        extensions.forEach(ex::bytes);
        byte[] e = ex.get();
        if (!extensions.isEmpty()) body.u16(e.length).bytes(e);
        byte[] hello = body.get();
        byte[] hs = new Buf().u8(2).u24(hello.length).bytes(hello).get();
        return new Buf().u8(22).u16(0x0303).u16(hs.length).bytes(hs).get();
    }
}
