package io.netcap.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HexFormat;
import java.util.zip.DataFormatException;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;

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

    /**
     * What a prefix of a multi-member gzip file holds, decoded member by member with a raw inflater
     * (members with a plain 10-byte header, as the writer makes them).
     *
     * @param bytes        decompressed bytes that can be inflated from the prefix
     * @param insideMember whether the prefix ends inside a member rather than after a complete one
     * @param members      complete members in the prefix
     */
    record GzipPrefix(long bytes, boolean insideMember, int members) {}

    static GzipPrefix gzipPrefix(byte[] file, int cut) {
        int p = 0;
        long total = 0;
        int members = 0;
        byte[] out = new byte[1 << 16];
        while (p < cut) {
            if (cut - p < 10) {
                return new GzipPrefix(total, true, members);
            }
            if ((file[p] & 0xff) != 0x1f || (file[p + 1] & 0xff) != 0x8b || file[p + 3] != 0) {
                throw new IllegalArgumentException("no plain gzip member header at " + p);
            }
            Inflater inf = new Inflater(true);
            try {
                inf.setInput(file, p + 10, cut - p - 10);
                while (!inf.finished()) {
                    int n = inf.inflate(out);
                    if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
                        break;
                    }
                    total += n;
                }
                if (!inf.finished()) {
                    return new GzipPrefix(total, true, members);
                }
                int end = p + 10 + (cut - p - 10 - inf.getRemaining()) + 8;
                if (end > cut) {
                    return new GzipPrefix(total, true, members);
                }
                p = end;
                members++;
            } catch (DataFormatException e) {
                throw new IllegalArgumentException(e);
            } finally {
                inf.end();
            }
        }
        return new GzipPrefix(total, false, members);
    }
}
