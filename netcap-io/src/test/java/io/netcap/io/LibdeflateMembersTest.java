package io.netcap.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With libdeflate, {@link MultiMemberGzipInputStream} returns what the inflater alone returns, byte for
 * byte, and fails as it fails: on whole streams, on every cut of a stream of members of several sizes
 * (one empty, one whose compressed bytes are more than libdeflate first looks at, one larger than it is
 * given, one with optional header fields) and on damage anywhere in it. The largest member libdeflate is
 * given is 1 MiB here (8 MiB in use), so that a stream of 2.7 MB crosses it: each case reads the stream
 * twice, and 700 cases of an 11 MB stream took 100 s. Where damaged deflate data ends the stream, zlib drops what it inflated in the call
 * that fails, which depends on how its input was cut into pieces: there the two may end apart by less
 * than one read.
 */
class LibdeflateMembersTest {
    private static final int MAX_MEMBER = 1 << 20;
    private static byte[] stream;

    @BeforeAll
    static void needsLibdeflate() throws IOException {
        if (LibdeflateMembers.open().isEmpty()) {
            System.out.println("SKIPPED: libdeflate is not installed (Debian package libdeflate0)");
            Assumptions.abort("libdeflate is not installed");
        }
        SplittableRandom r = new SplittableRandom(11);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int size : new int[] {300_000, 0, 900_000, 3 * MAX_MEMBER / 2, 5_000}) {
            byte[] data = new byte[size];
            for (int i = 0; i < size; i++) {
                data[i] = (byte) (i % 3 == 0 ? r.nextInt(256) : i / 1000); // partly compressible
            }
            ByteArrayOutputStream m = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(m)) {
                gz.write(data);
            }
            all.write(m.toByteArray());
            if (size == 900_000) {
                assertThat(m.size()).as("compressed member").isGreaterThan(MultiMemberGzipInputStream.FIRST_LOOK);
            }
        }
        // a member whose header has FEXTRA, FNAME and FCOMMENT (RFC 1952 section 2.3)
        all.write(new byte[] {0x1f, (byte) 0x8b, 8, 4 | 8 | 16, 0, 0, 0, 0, 0, 3, 2, 0, 'x', 'y', 'n', 0, 'c', 0,
            3, 0, 0, 0, 0, 0, 0, 0, 0, 0}); // the deflate data of nothing (one fixed-Huffman block), CRC-32 and ISIZE 0
        stream = all.toByteArray();
    }

    @Test
    void wholeStreamIsTheSame() {
        Outcome fast = read(stream, true);
        assertThat(fast.failure()).isNull();
        assertThat(fast.bytes()).isEqualTo(read(stream, false).bytes());
    }

    @Test
    void everyCutEndsTheSame() {
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 400; i++) {
            int cut = i < 40 ? i : r.nextInt(stream.length);
            read(Arrays.copyOf(stream, cut), true).assertLike(read(Arrays.copyOf(stream, cut), false), "cut at " + cut);
        }
    }

    @Test
    void damageAnywhereEndsTheSame() {
        SplittableRandom r = new SplittableRandom(6);
        for (int i = 0; i < 300; i++) {
            byte[] damaged = stream.clone();
            int at = r.nextInt(damaged.length);
            damaged[at] ^= (byte) (1 + r.nextInt(255));
            read(damaged, true).assertLike(read(damaged, false), "byte " + at + " changed");
        }
    }

    /** What a reader gets: the bytes before the failure, and the failure's class and message. */
    record Outcome(byte[] bytes, String failure) {
        void assertLike(Outcome zlib, String what) {
            assertThat(failure).as(what).isEqualTo(zlib.failure);
            int common = Math.min(bytes.length, zlib.bytes.length);
            assertThat(Arrays.equals(bytes, 0, common, zlib.bytes, 0, common)).as(what + ": same bytes").isTrue();
            if (failure == null || !failure.startsWith("ZipException")) {
                assertThat(bytes.length).as(what).isEqualTo(zlib.bytes.length);
            } else {
                assertThat(Math.abs(bytes.length - zlib.bytes.length)).as(what).isLessThan(READ);
            }
        }
    }

    private static final int READ = 50_000;

    private static Outcome read(byte[] gz, boolean libdeflate) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String failure = null;
        try (InputStream in = new MultiMemberGzipInputStream(new ByteArrayInputStream(gz), 64 << 10,
                libdeflate ? LibdeflateMembers.open().orElseThrow() : null, MAX_MEMBER)) {
            byte[] b = new byte[READ];
            for (int n; (n = in.read(b, 0, b.length)) >= 0; ) {
                out.write(b, 0, n);
            }
        } catch (IOException e) {
            failure = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        return new Outcome(out.toByteArray(), failure);
    }
}
