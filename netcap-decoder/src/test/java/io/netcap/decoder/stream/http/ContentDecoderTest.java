package io.netcap.decoder.stream.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;

/** Gzip members built by hand (RFC 1952 2.3) and fed a byte at a time or whole. */
class ContentDecoderTest {
    private static final byte[] TEXT = "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.US_ASCII);

    /** A gzip member with FEXTRA, FNAME, FCOMMENT and FHCRC set, around raw deflate data of {@code data}. */
    private static byte[] member(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 4 | 8 | 16 | 2, 0, 0, 0, 0, 0, 3});
        out.writeBytes(new byte[] {3, 0, 'a', 'b', 'c'}); // FEXTRA: XLEN 3
        out.writeBytes("name.txt\0".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes("a comment\0".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new byte[] {0x12, 0x34}); // FHCRC, not checked (Go does not check it either)
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        try (DeflaterOutputStream d = new DeflaterOutputStream(raw, new Deflater(9, true))) {
            d.write(data);
        }
        out.writeBytes(raw.toByteArray());
        CRC32 crc = new CRC32();
        crc.update(data);
        int c = (int) crc.getValue();
        out.writeBytes(new byte[] {(byte) c, (byte) (c >> 8), (byte) (c >> 16), (byte) (c >> 24),
            (byte) data.length, (byte) (data.length >> 8), (byte) (data.length >> 16), (byte) (data.length >> 24)});
        return out.toByteArray();
    }

    private static ContentDecoder decode(byte[] in, int piece, long cap, ByteArrayOutputStream out) {
        ContentDecoder d = new ContentDecoder(ContentDecoder.Coding.GZIP, cap, out::write);
        for (int i = 0; i < in.length; i += piece) {
            d.write(in, i, Math.min(piece, in.length - i));
        }
        d.close();
        return d;
    }

    @Test
    void headerFieldsAndSeveralMembersAnyHowSplit() throws IOException {
        byte[] two = concat(member(TEXT), member(TEXT));
        for (int piece : new int[] {1, 2, 3, 7, two.length}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ContentDecoder d = decode(two, piece, 1 << 20, out);
            assertThat(out.toByteArray()).as("piece %d", piece).isEqualTo(concat(TEXT, TEXT));
            assertThat(d.finished()).isTrue();
            assertThat(d.failed()).isFalse();
        }
    }

    @Test
    void truncatedGarbledAndCappedMembers() throws IOException {
        byte[] m = member(TEXT);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(decode(Arrays.copyOf(m, m.length - 3), 1, 1 << 20, out).failed()).isTrue(); // trailer cut
        assertThat(out.toByteArray()).isEqualTo(TEXT);
        assertThat(decode(concat(m, "junk".getBytes(StandardCharsets.US_ASCII)), 5, 1 << 20,
                new ByteArrayOutputStream()).failed()).isTrue(); // Go: "gzip: invalid header"
        byte[] lengthWrong = m.clone();
        lengthWrong[lengthWrong.length - 1] = 1;
        assertThat(decode(lengthWrong, 4, 1 << 20, new ByteArrayOutputStream()).failed()).isTrue();
        ByteArrayOutputStream capped = new ByteArrayOutputStream();
        ContentDecoder d = decode(m, 1, 10, capped);
        assertThat(d.capped()).isTrue();
        assertThat(capped.toByteArray()).isEqualTo(Arrays.copyOf(TEXT, 10));
        assertThat(decode("not gzip".getBytes(StandardCharsets.US_ASCII), 1, 100, new ByteArrayOutputStream())
                .failed()).isTrue();
    }

    @Test
    void onlyTheWantedBytesAreInflatedAndTheRestGoesUnchecked() throws IOException {
        byte[] text = "0123456789".repeat(1000).getBytes(StandardCharsets.US_ASCII);
        byte[] m = member(text);
        m[m.length - 5] ^= 0x55; // the CRC-32: not reached
        for (int piece : new int[] {1, 100, m.length}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ContentDecoder d = new ContentDecoder(ContentDecoder.Coding.GZIP, 1 << 20, out::write);
            d.want(512);
            for (int i = 0; i < m.length; i += piece) {
                d.write(m, i, Math.min(piece, m.length - i));
            }
            d.close();
            assertThat(out.toByteArray()).as("piece %d", piece).isEqualTo(Arrays.copyOf(text, 512));
            assertThat(d.failed()).isFalse();
            assertThat(d.capped()).isFalse();
        }
    }

    @Test
    void codingNames() {
        assertThat(ContentDecoder.of("gzip")).isEqualTo(ContentDecoder.Coding.GZIP);
        assertThat(ContentDecoder.of(" X-GZIP ")).isEqualTo(ContentDecoder.Coding.GZIP);
        assertThat(ContentDecoder.of("Deflate")).isEqualTo(ContentDecoder.Coding.DEFLATE);
        assertThat(ContentDecoder.of("br")).isEqualTo(ContentDecoder.Coding.IDENTITY);
        assertThat(ContentDecoder.of("gzip, deflate")).isEqualTo(ContentDecoder.Coding.IDENTITY);
        assertThat(ContentDecoder.of("")).isEqualTo(ContentDecoder.Coding.IDENTITY);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
