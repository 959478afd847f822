package io.netcap.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.netcap.types.RecordType;
import io.netcap.types.TCP;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Files of one gzip member per block, from either compressor: readable by RecordReader (also through
 * a pipe), by the JDK's GZIPInputStream and by gzip itself; cuts and damage in later members reported.
 */
class GzipMembersTest {
    private static final long CREATED = 1_650_000_000_000_000_000L;

    private static WriterOptions opts(boolean compress, int level) {
        return new WriterOptions(compress, level, "members.pcap", "v0.6.11", true, CREATED, false);
    }

    /** Records of 40 to 1500 bytes, half of them compressible, about 3.5 MiB in all, and one above a block. */
    private static List<TCP> records() {
        SplittableRandom rnd = new SplittableRandom(7);
        List<TCP> list = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            byte[] payload = new byte[rnd.nextInt(0, 1500)];
            if (i % 2 == 0) {
                rnd.nextBytes(payload);
            } else {
                Arrays.fill(payload, (byte) (i % 7));
            }
            list.add(TCP.newBuilder().setTimestamp(CREATED + i).setSrcPort(i).setDstPort(443)
                    .setSrcIP("10.0.0." + i % 250).setPayload(ByteString.copyFrom(payload)).build());
            if (i == 2500) {
                byte[] huge = new byte[WriterOptions.DEFAULT_BLOCK_SIZE + 12345];
                rnd.nextBytes(huge);
                list.add(TCP.newBuilder().setTimestamp(1).setPayload(ByteString.copyFrom(huge)).build());
            }
        }
        return list;
    }

    /** Writes the records, flushing now and then, with the compressor named; returns the file. */
    private static Path write(Path dir, String compressor, int level, List<TCP> records) throws IOException {
        try (var w = compressor == null
                ? RecordWriter.create(dir, RecordType.TCP, opts(false, level))
                : RecordWriter.create(dir, RecordType.TCP, opts(true, level), Compressors.of(compressor, level), null)) {
            for (int i = 0; i < records.size(); i++) {
                w.write(records.get(i));
                if (i % 1700 == 999) {
                    w.flush();
                }
            }
            return w.path();
        }
    }

    private static List<Message> readAll(RecordReader r) throws IOException {
        List<Message> got = new ArrayList<>();
        for (Message m; (m = r.next()) != null; ) {
            got.add(m);
        }
        return got;
    }

    @ParameterizedTest
    @CsvSource({"jdk, -1", "jdk, 0", "jdk, 1", "jdk, 6", "jdk, 9",
            "libdeflate, -1", "libdeflate, 0", "libdeflate, 1", "libdeflate, 6", "libdeflate, 9", "isal, 1"})
    void compressorMakesOneStandardMemberPerCall(String name, int level) throws Exception {
        SplittableRandom rnd = new SplittableRandom(level + 100);
        byte[] random = new byte[WriterOptions.DEFAULT_BLOCK_SIZE + 12345];
        rnd.nextBytes(random);
        byte[] text = new byte[WriterOptions.DEFAULT_BLOCK_SIZE];
        for (int i = 0; i < text.length; i++) {
            text[i] = (byte) ("abcabd".charAt(i % 6) + (i % 1000 == 0 ? 1 : 0));
        }
        try (GzipBlockCompressor c = Compressors.of(name, level)) {
            assertThat(c.name()).isEqualTo(name);
            assertThat(c.level()).isEqualTo(level);
            // sizes up and down, so the buffers grow and are reused
            // random: above a block and incompressible, so it leaves as stored blocks
            for (byte[] data : List.of(new byte[0], new byte[] {42}, Arrays.copyOf(text, 5000), random, text,
                    new byte[70_000],
                    Arrays.copyOfRange(random, 17, 30000), Arrays.copyOf(text, 16 << 10))) {
                ByteBuffer member = c.compress(data, 0, data.length);
                byte[] gz = new byte[member.remaining()];
                member.get(gz);
                // the common framing: no optional fields, MTIME 0, OS 255 (unknown)
                assertThat(Arrays.copyOf(gz, 8)).isEqualTo(Bytes.hex("1f8b0800 00000000"));
                assertThat(gz[9] & 0xff).isEqualTo(255);
                // XFL: 4 (fastest) for levels 0 and 1, 2 (best) for 8 and 9, else 0
                assertThat(gz[8]).isEqualTo((byte) (level == 0 || level == 1 ? 4 : level >= 8 ? 2 : 0));
                try (var in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
                    assertThat(in.readAllBytes()).isEqualTo(data);
                }
                assertThat(Bytes.gzipPrefix(gz, gz.length)).isEqualTo(new Bytes.GzipPrefix(data.length, false, 1));
            }
            // an offset into the array
            ByteBuffer member = c.compress(text, 3, 100);
            byte[] gz = new byte[member.remaining()];
            member.get(gz);
            try (var in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
                assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(text, 3, 103));
            }
        }
    }

    @Test
    void closedCompressorRefusesWork() throws Exception {
        var c = GzipBlockCompressor.jdk(1);
        c.close();
        c.close();
        assertThatThrownBy(() -> c.compress(new byte[1], 0, 1)).isInstanceOf(IllegalStateException.class);
        var l = Compressors.of(Compressors.LIBDEFLATE, 1);
        l.close();
        l.close();
        assertThatThrownBy(() -> l.compress(new byte[1], 0, 1)).isInstanceOf(IOException.class);
    }

    @Test
    void closedIsalCompressorRefusesWork() throws Exception {
        var i = Compressors.of(Compressors.ISAL, 1);
        i.close();
        i.close();
        assertThatThrownBy(() -> i.compress(new byte[1], 0, 1)).isInstanceOf(IOException.class);
    }

    @Test
    void isalServesLevelOneOnly() {
        for (int level : new int[] {-1, 0, 2, 6, 9}) {
            assertThat(GzipBlockCompressor.isal(level)).as("level " + level).isEmpty();
        }
    }

    @Test
    void defaultChoiceFollowsTheProperty() {
        String old = System.getProperty(GzipBlockCompressor.PROPERTY);
        try {
            System.setProperty(GzipBlockCompressor.PROPERTY, "jdk");
            try (var c = GzipBlockCompressor.create(1)) {
                assertThat(c.name()).isEqualTo("jdk");
            }
            String fallback = GzipBlockCompressor.libdeflateProblem().isEmpty() ? "libdeflate" : "jdk";
            String isal = GzipBlockCompressor.isalProblem().isEmpty() ? "isal" : fallback;
            System.setProperty(GzipBlockCompressor.PROPERTY, "libdeflate");
            try (var c = GzipBlockCompressor.create(1)) {
                assertThat(c.name()).isEqualTo(fallback);
            }
            System.setProperty(GzipBlockCompressor.PROPERTY, "isal");
            try (var c = GzipBlockCompressor.create(1)) {
                assertThat(c.name()).isEqualTo(isal);
            }
            try (var c = GzipBlockCompressor.create(6)) {
                assertThat(c.name()).as("ISA-L does not serve level 6").isEqualTo(fallback);
            }
            System.clearProperty(GzipBlockCompressor.PROPERTY);
            try (var c = GzipBlockCompressor.create(1)) {
                assertThat(c.name()).isEqualTo(isal);
            }
            for (int level : new int[] {-1, 0, 6, 9}) {
                try (var c = GzipBlockCompressor.create(level)) {
                    assertThat(c.name()).as("level " + level).isEqualTo(fallback);
                    assertThat(c.level()).isEqualTo(level);
                }
            }
            assertThat(GzipBlockCompressor.preferred(1)).isEqualTo(isal);
            assertThat(GzipBlockCompressor.preferred(6)).isEqualTo(fallback);
        } finally {
            if (old != null) {
                System.setProperty(GzipBlockCompressor.PROPERTY, old);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"jdk, 1", "jdk, 6", "libdeflate, 1", "libdeflate, 6", "isal, 1"})
    void filesReadBackEverywhere(String compressor, int level, @TempDir Path dir) throws Exception {
        List<TCP> records = records();
        byte[] plain = Files.readAllBytes(write(dir.resolve("plain"), null, level, records));
        Path gz = write(dir.resolve("gz"), compressor, level, records);
        byte[] file = Files.readAllBytes(gz);
        Bytes.GzipPrefix whole = Bytes.gzipPrefix(file, file.length);
        assertThat(whole.bytes()).isEqualTo(plain.length);
        assertThat(whole.members()).as("header, 1 MiB blocks, flushes, the huge record").isGreaterThan(6);
        assertThat(file.length).isLessThan(plain.length * 3 / 4);

        try (var r = RecordReader.open(gz)) {
            assertThat(readAll(r)).isEqualTo(records);
            assertThat(r.truncation()).isEmpty();
            assertThat(r.offset()).isEqualTo(plain.length);
        }
        try (var in = new GZIPInputStream(new FileInputStream(gz.toFile()))) {
            assertThat(in.readAllBytes()).isEqualTo(plain);
        }
        try (var r = RecordReader.open(new PipeLikeInputStream(file), "TCP.ncap.gz")) {
            assertThat(readAll(r)).isEqualTo(records);
            assertThat(r.truncation()).isEmpty();
        }
        // a pipe whose reads end where members end, as when reading a file while it is being written
        int[] memberEnds = memberEnds(file);
        try (var r = RecordReader.open(new PipeLikeInputStream(file, memberEnds), "TCP.ncap.gz")) {
            assertThat(readAll(r)).isEqualTo(records);
            assertThat(r.truncation()).isEmpty();
        }
        // Not asserted for GZIPInputStream on this stream: whether it reads past a member when
        // available() is 0 depends on the JDK build (JDK-7036144, reverted by JDK-8381670).
        assertThat(systemGunzip(gz)).isEqualTo(plain);
    }

    /**
     * {@code -compression-block-size}: every member holds at most a block of the stream (the huge record too, cut), a
     * smaller block makes more members, and the stream is the same (our reader, {@code gzip -dc}).
     */
    @ParameterizedTest
    @CsvSource({"4096", "65536"})
    void theBlockSizeBoundsEveryMember(int blockSize, @TempDir Path dir) throws Exception {
        List<TCP> records = records();
        byte[] plain = Files.readAllBytes(write(dir.resolve("plain"), null, 1, records));
        Path gz;
        try (var w = RecordWriter.create(dir.resolve("gz"), RecordType.TCP, opts(true, 1).withBlockSize(blockSize))) {
            for (TCP r : records) {
                w.write(r);
            }
            gz = w.path();
        }
        List<Long> sizes = memberSizes(Files.readAllBytes(gz));
        assertThat(sizes).allMatch(n -> n >= 1 && n <= blockSize, "every member holds 1.." + blockSize + " bytes");
        assertThat(sizes.stream().mapToLong(Long::longValue).sum()).isEqualTo(plain.length);
        assertThat(sizes.size()).isGreaterThanOrEqualTo((int) (plain.length / blockSize));
        try (var r = RecordReader.open(gz)) {
            assertThat(readAll(r)).isEqualTo(records);
        }
        assertThat(systemGunzip(gz)).isEqualTo(plain);
        assertThatThrownBy(() -> opts(true, 1).withBlockSize(4095)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * The uncompressed size of each member, in order, as the JDK's inflater finds them: a member is a plain 10-byte
     * header (what the writer writes), raw deflate data, and CRC-32 and ISIZE, which must agree with what was inflated.
     */
    private static List<Long> memberSizes(byte[] file) throws java.util.zip.DataFormatException {
        List<Long> sizes = new ArrayList<>();
        byte[] out = new byte[1 << 16];
        for (int p = 0; p < file.length; ) {
            assertThat(file[p] & 0xFF).isEqualTo(0x1f);
            assertThat(file[p + 1] & 0xFF).isEqualTo(0x8b);
            assertThat(file[p + 3]).as("no optional header fields").isZero();
            java.util.zip.Inflater inflater = new java.util.zip.Inflater(true);
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            inflater.setInput(file, p + 10, file.length - p - 10);
            long size = 0;
            while (!inflater.finished()) {
                int n = inflater.inflate(out);
                assertThat(n > 0 || !inflater.needsInput()).as("member at %d cut short", p).isTrue();
                crc.update(out, 0, n);
                size += n;
            }
            int end = file.length - inflater.getRemaining();
            inflater.end();
            ByteBuffer trailer = ByteBuffer.wrap(file, end, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            assertThat(trailer.getInt() & 0xFFFFFFFFL).isEqualTo(crc.getValue());
            assertThat(trailer.getInt() & 0xFFFFFFFFL).isEqualTo(size);
            sizes.add(size);
            p = end + 8;
        }
        return sizes;
    }

    /** {@code gzip -dc file}; skips the test when there is no gzip command. */
    private static byte[] systemGunzip(Path file) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder("gzip", "-dc", file.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            System.out.println("SKIPPED: no gzip command: " + e.getMessage());
            Assumptions.abort("no gzip command");
            throw e;
        }
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("gzip -dc exit status").isZero();
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {Compressors.JDK, Compressors.LIBDEFLATE, Compressors.ISAL})
    void cutsAroundEveryMemberBoundary(String compressor, @TempDir Path dir) throws Exception {
        List<TCP> records = records().subList(0, 3000);
        byte[] plain = Files.readAllBytes(write(dir.resolve("plain"), null, 1, records));
        byte[] file = Files.readAllBytes(write(dir.resolve("gz"), compressor, 1, records));
        // start offsets of the records in the plain stream (index 0 = header), and the end
        long[] starts = new long[records.size() + 2];
        for (int i = 1; i < starts.length; i++) {
            int len = (int) readVarint(plain, starts[i - 1]);
            starts[i] = starts[i - 1] + Bytes.varint(len).length + len;
        }
        TreeSet<Integer> cuts = new TreeSet<>();
        int p = 0;
        while (p < file.length) {
            for (int d : new int[] {-9, -8, -5, -4, -1, 0, 1, 2, 9, 10, 11, 500}) {
                if (p + d >= 0 && p + d <= file.length) {
                    cuts.add(p + d);
                }
            }
            p = nextMember(file, p);
        }
        new SplittableRandom(3).ints(40, 0, file.length).forEach(cuts::add);
        cuts.add(file.length);

        int clean = 0;
        int cutInside = 0;
        for (int cut : cuts) {
            Bytes.GzipPrefix ref = Bytes.gzipPrefix(file, cut);
            String what = compressor + " cut at " + cut + " of " + file.length + " (" + ref + ")";
            if (ref.bytes() < starts[1]) {
                assertThatThrownBy(() -> RecordReader.open(new PipeLikeInputStream(Arrays.copyOf(file, cut)), "TCP.ncap.gz"))
                        .as(what).isInstanceOf(CorruptRecordException.class);
                continue;
            }
            int complete = 0;
            while (complete < records.size() && starts[complete + 2] <= ref.bytes()) {
                complete++;
            }
            try (var r = RecordReader.open(new PipeLikeInputStream(Arrays.copyOf(file, cut)), "TCP.ncap.gz")) {
                assertThat(readAll(r)).as(what).isEqualTo(records.subList(0, complete));
                if (!ref.insideMember() && ref.bytes() == starts[complete + 1]) {
                    assertThat(r.truncation()).as(what).isEmpty();
                    clean++;
                } else {
                    cutInside += ref.insideMember() ? 1 : 0;
                    Truncation t = r.truncation().orElseThrow(() -> new AssertionError(what + ": no truncation"));
                    assertThat(t.offset()).as(what).isEqualTo(starts[complete + 1]);
                    assertThat(t.gzipCut()).as(what).isEqualTo(ref.insideMember());
                }
            }
        }
        assertThat(clean).as("cuts after complete members").isGreaterThan(3);
        assertThat(cutInside).as("cuts inside members").isGreaterThan(20);
    }

    private static int[] memberEnds(byte[] file) {
        List<Integer> ends = new ArrayList<>();
        for (int p = 0; p < file.length; ) {
            p = nextMember(file, p);
            ends.add(p);
        }
        return ends.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int nextMember(byte[] file, int p) {
        // a member's end, found with the reference decoder: the prefix that holds one more member
        int members = Bytes.gzipPrefix(file, p).members();
        int lo = p + 1;
        int hi = file.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Bytes.gzipPrefix(file, mid).members() > members) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    private static long readVarint(byte[] b, long at) {
        long v = 0;
        for (int i = 0; ; i++) {
            int x = b[(int) at + i];
            v |= (long) (x & 0x7f) << (7 * i);
            if (x >= 0) {
                return v;
            }
        }
    }

    @Test
    void damagedTrailerOfALaterMemberNamesTheOffset(@TempDir Path dir) throws Exception {
        List<TCP> records = records().subList(0, 2000);
        byte[] file = Files.readAllBytes(write(dir, Compressors.JDK, 1, records));
        int second = nextMember(file, nextMember(file, 0)); // end of the header member, end of the first data member
        long inflated = Bytes.gzipPrefix(file, second).bytes();
        byte[] bad = file.clone();
        bad[second - 8] ^= 1; // CRC-32 of the member
        assertThatThrownBy(() -> {
            try (var r = RecordReader.open(new PipeLikeInputStream(bad), "TCP.ncap.gz")) {
                readAll(r);
            }
        }).isInstanceOfSatisfying(CorruptRecordException.class, e -> {
            assertThat(e.offset()).isEqualTo(inflated);
            assertThat(e.getMessage()).contains("corrupt gzip data: Corrupt GZIP trailer");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"00 00 00 00", "68 65 6c 6c 6f", "1f 8b 07", "1f"})
    void bytesAfterTheLastMember(String tail, @TempDir Path dir) throws Exception {
        List<TCP> records = records().subList(0, 100);
        byte[] file = Files.readAllBytes(write(dir, Compressors.JDK, 1, records));
        long size = Bytes.gzipPrefix(file, file.length).bytes();
        byte[] bad = Bytes.concat(file, Bytes.hex(tail));
        try (var r = RecordReader.open(new PipeLikeInputStream(bad), "TCP.ncap.gz")) {
            if (tail.equals("1f")) {
                // the start of a member header, then the end: a cut, not damage
                assertThat(readAll(r)).isEqualTo(records);
                assertThat(r.truncation()).contains(new Truncation(size, Truncation.Reason.GZIP_CUT, true));
                return;
            }
            assertThatThrownBy(() -> readAll(r)).isInstanceOfSatisfying(CorruptRecordException.class, e -> {
                assertThat(e.offset()).isEqualTo(size);
                assertThat(e.getMessage()).contains("corrupt gzip data");
            });
        }
    }

    @Test
    void optionalHeaderFieldsAreSkippedAndTheHeaderCrcChecked() throws Exception {
        byte[] data = WorkedExampleTest.TCP_NCAP;
        // FLG = FHCRC | FEXTRA | FNAME | FCOMMENT, XLEN = 3
        byte[] header = Bytes.concat(Bytes.hex("1f 8b 08 1e 00 00 00 00 00 03  03 00 41 42 43"),
                "TCP.ncap\0".getBytes(), "a comment\0".getBytes());
        CRC32 hcrc = new CRC32();
        hcrc.update(header);
        int h = (int) hcrc.getValue();
        byte[] member = Bytes.concat(header, new byte[] {(byte) h, (byte) (h >> 8)}, rawDeflate(data), trailer(data));
        // a second member with a plain header
        byte[] file = Bytes.concat(member, Bytes.gzip(Arrays.copyOfRange(data, 0x1e, 0x50)));
        try (var r = RecordReader.open(new PipeLikeInputStream(file), "TCP.ncap.gz")) {
            assertThat(readAll(r)).containsExactly(WorkedExampleTest.exampleRecord(), WorkedExampleTest.exampleRecord());
            assertThat(r.truncation()).isEmpty();
        }
        byte[] bad = member.clone();
        bad[header.length] ^= 1;
        assertThatThrownBy(() -> RecordReader.open(new ByteArrayInputStream(bad), "TCP.ncap.gz"))
                .isInstanceOfSatisfying(CorruptRecordException.class,
                        e -> assertThat(e.getMessage()).contains("invalid gzip header: Corrupt GZIP header"));
    }

    @Test
    void reservedFlagsAreRejected() {
        byte[] file = Bytes.gzip(WorkedExampleTest.TCP_NCAP);
        file[3] = (byte) 0x20;
        assertThatThrownBy(() -> RecordReader.open(new ByteArrayInputStream(file), "TCP.ncap.gz"))
                .isInstanceOfSatisfying(CorruptRecordException.class,
                        e -> assertThat(e.getMessage()).contains("invalid gzip header: reserved gzip header flags"));
    }

    private static byte[] rawDeflate(byte[] data) {
        Deflater d = new Deflater(6, true);
        d.setInput(data);
        d.finish();
        var out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return out.toByteArray();
    }

    private static byte[] trailer(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        int c = (int) crc.getValue();
        int n = data.length;
        return new byte[] {(byte) c, (byte) (c >> 8), (byte) (c >> 16), (byte) (c >> 24),
                (byte) n, (byte) (n >> 8), (byte) (n >> 16), (byte) (n >> 24)};
    }

    /**
     * A pipe as a reader sees it: {@code available()} is always 0 and reads return a few bytes at a
     * time, never crossing one of the {@code stops}, so nothing can be learned about what follows a
     * member without reading it.
     */
    static final class PipeLikeInputStream extends InputStream {
        private final byte[] data;
        private final int[] stops;
        private final SplittableRandom rnd = new SplittableRandom(11);
        private int pos;

        PipeLikeInputStream(byte[] data) {
            this(data, new int[0]);
        }

        PipeLikeInputStream(byte[] data, int[] stops) {
            this.data = data;
            this.stops = stops;
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (pos == data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, data.length - pos), rnd.nextInt(1, 9000));
            for (int stop : stops) {
                if (stop > pos) {
                    n = Math.min(n, stop - pos);
                    break;
                }
            }
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public int available() {
            return 0;
        }
    }
}
