package io.netcap.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/** Test helpers written independently of the code under test: hex, a reference varint, gzip. */
final class Bytes {
    private Bytes() {}

    /** Parses hex with arbitrary whitespace. */
    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replaceAll("\\s+", ""));
    }

    /** Reference base-128 varint, written from the protobuf encoding description, not from Varint. */
    static byte[] varint(long value) {
        var out = new ByteArrayOutputStream();
        long v = value;
        do {
            int group = (int) (v & 0x7F);
            v >>>= 7;
            out.write(v != 0 ? group | 0x80 : group);
        } while (v != 0);
        return out.toByteArray();
    }

    /** Length-prefixes each payload with {@link #varint} and concatenates. */
    static byte[] frame(byte[]... payloads) {
        var out = new ByteArrayOutputStream();
        for (byte[] p : payloads) {
            out.writeBytes(varint(p.length));
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        var out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] gzip(byte[] data) {
        var out = new ByteArrayOutputStream();
        try (var gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
