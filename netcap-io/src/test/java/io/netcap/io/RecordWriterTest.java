package io.netcap.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.netcap.types.Header;
import io.netcap.types.RecordType;
import io.netcap.types.UDP;
import io.netcap.types.Type;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecordWriterTest {
    private static final long CREATED = 1_600_000_000_000_000_000L;

    private static WriterOptions opts(boolean compress) {
        return new WriterOptions(compress, 1, "in.pcap", "v0.6.11", true, CREATED, true);
    }

    private static List<Message> readAll(Path file) throws Exception {
        List<Message> out = new ArrayList<>();
        try (var r = RecordReader.open(file)) {
            for (Message m : r) {
                out.add(m);
            }
            assertThat(r.truncation()).isEmpty();
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void emptyFileIsRemovedOnClose(boolean compress, @TempDir Path dir) throws Exception {
        Path path;
        try (var w = RecordWriter.create(dir, RecordType.UDP, opts(compress))) {
            path = w.path();
            assertThat(path).exists(); // created with its header at once
            assertThat(path.getFileName()).hasToString(compress ? "UDP.ncap.gz" : "UDP.ncap");
        }
        assertThat(path).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void emptyFileIsKeptWithoutRemoveEmpty(boolean compress, @TempDir Path dir) throws Exception {
        Path path;
        try (var w = RecordWriter.create(dir, RecordType.VRRPv2, opts(compress).withRemoveEmpty(false))) {
            path = w.path();
        }
        assertThat(path.getFileName()).hasToString(compress ? "VRRP.ncap.gz" : "VRRP.ncap");
        try (var r = RecordReader.open(path)) {
            Header h = r.header();
            assertThat(h.getType()).isEqualTo(Type.NC_VRRPv2);
            assertThat(h.getCreated()).isEqualTo(CREATED);
            assertThat(h.getInputSource()).isEqualTo("in.pcap");
            assertThat(h.getVersion()).isEqualTo("v0.6.11");
            assertThat(h.getContainsPayloads()).isTrue();
            assertThat(r.next()).isNull();
            assertThat(r.truncation()).isEmpty();
        }
    }

    @Test
    void headerIsReadableBeforeAnythingElseIsFlushed(@TempDir Path dir) throws Exception {
        try (var w = RecordWriter.create(dir, RecordType.UDP, opts(true))) {
            w.write(UDP.newBuilder().setLength(8).build()); // stays in memory
            byte[] snapshot = Files.readAllBytes(w.path());
            // the header went out as a complete gzip member: a clean end, nothing cut
            try (var r = RecordReader.open(new ByteArrayInputStream(snapshot), "UDP.ncap.gz")) {
                assertThat(r.type()).isEqualTo(RecordType.UDP);
                assertThat(r.next()).isNull();
                assertThat(r.truncation()).isEmpty();
            }
        }
    }

    @Test
    void flushLeavesACompleteGzipFile(@TempDir Path dir) throws Exception {
        try (var w = RecordWriter.create(dir, RecordType.UDP, opts(true))) {
            for (int i = 1; i <= 1000; i++) {
                w.write(UDP.newBuilder().setTimestamp(i).setSrcPort(i).build());
            }
            w.flush();
            // what a reader sees if the process dies now: the members written so far, each complete
            byte[] snapshot = Files.readAllBytes(w.path());
            try (var r = RecordReader.open(new ByteArrayInputStream(snapshot), "UDP.ncap.gz")) {
                int n = 0;
                for (Message m; (m = r.next()) != null; ) {
                    assertThat(((UDP) m).getSrcPort()).isEqualTo(++n);
                }
                assertThat(n).isEqualTo(1000);
                assertThat(r.truncation()).isEmpty();
            }
            // and without the last byte, the cut is reported at the record boundary
            byte[] cut = java.util.Arrays.copyOf(snapshot, snapshot.length - 1);
            try (var r = RecordReader.open(new ByteArrayInputStream(cut), "UDP.ncap.gz")) {
                int n = 0;
                while (r.next() != null) {
                    n++;
                }
                assertThat(n).isEqualTo(1000);
                assertThat(r.truncation()).contains(new Truncation(r.offset(), Truncation.Reason.GZIP_CUT, true));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 1, 9})
    void everyGzipLevelRoundTrips(int level, @TempDir Path dir) throws Exception {
        List<Message> written = new ArrayList<>();
        try (var w = RecordWriter.create(dir, RecordType.UDP, opts(true).withGzipLevel(level))) {
            for (int i = 0; i < 5000; i++) {
                UDP u = UDP.newBuilder().setTimestamp(i * 1000L).setSrcPort(i % 65536).setDstIP("10.0.0." + i % 256).build();
                w.write(u);
                written.add(u);
            }
        }
        assertThat(readAll(dir.resolve("UDP.ncap.gz"))).isEqualTo(written);
    }

    @Test
    void gzipLevelIsValidated() {
        assertThatThrownBy(() -> opts(true).withGzipLevel(10)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void recordsLargerThanABlockAndAcrossBlocks(boolean compress, @TempDir Path dir) throws Exception {
        List<Message> written = new ArrayList<>();
        try (var w = RecordWriter.create(dir, RecordType.UDP, opts(compress))) {
            int[] sizes = {10, WriterOptions.DEFAULT_BLOCK_SIZE - 3, 300_000, 3 * WriterOptions.DEFAULT_BLOCK_SIZE, 0, 700_000, 700_000, 5};
            for (int i = 0; i < sizes.length; i++) {
                byte[] payload = new byte[sizes[i]];
                java.util.Arrays.fill(payload, (byte) i);
                UDP u = UDP.newBuilder().setTimestamp(i + 1).setPayload(ByteString.copyFrom(payload)).build();
                w.write(u);
                written.add(u);
            }
            assertThat(w.count()).isEqualTo(sizes.length);
        }
        assertThat(readAll(dir.resolve(compress ? "UDP.ncap.gz" : "UDP.ncap"))).isEqualTo(written);
    }

    @Test
    void closeTwiceAndWriteAfterClose(@TempDir Path dir) throws Exception {
        var w = RecordWriter.create(dir, RecordType.UDP, opts(false));
        w.write(UDP.getDefaultInstance());
        w.close();
        w.close();
        assertThatThrownBy(() -> w.write(UDP.getDefaultInstance())).isInstanceOf(java.io.IOException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(w::flush).isInstanceOf(java.io.IOException.class);
        assertThat(readAll(w.path())).containsExactly(UDP.getDefaultInstance());
    }

    @Test
    void existingFileIsTruncated(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("TCP.ncap"), new byte[10_000]);
        try (var w = RecordWriter.create(dir, RecordType.TCP, WorkedExampleTest.exampleOptions())) {
            w.write(WorkedExampleTest.exampleRecord());
        }
        assertThat(Files.readAllBytes(dir.resolve("TCP.ncap"))).isEqualTo(WorkedExampleTest.TCP_NCAP);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void concurrentWritersKeepEveryRecordIntact(boolean compress, @TempDir Path dir) throws Exception {
        int threads = 8;
        int perThread = 20_000;
        Path path;
        try (var w = RecordWriter.create(dir, RecordType.UDP, opts(compress));
             ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            path = w.path();
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        // varying sizes (payload 0..299 bytes) so records straddle block ends at random
                        UDP u = UDP.newBuilder().setSrcPort(thread).setDstPort(i)
                                .setPayload(ByteString.copyFrom(new byte[(i * 7 + thread) % 300])).build();
                        if (i % 2 == 0) {
                            w.write(u);
                        } else {
                            byte[] b = u.toByteArray();
                            w.writeSerialized(b, 0, b.length);
                        }
                        if (i % 5000 == 4999) {
                            w.flush();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
            assertThat(w.count()).isEqualTo((long) threads * perThread);
        }
        Set<Long> seen = new HashSet<>();
        try (var r = RecordReader.open(path)) {
            for (Message m; (m = r.next()) != null; ) {
                UDP u = (UDP) m;
                assertThat(u.getPayload().size()).isEqualTo((u.getDstPort() * 7 + u.getSrcPort()) % 300);
                assertThat(seen.add((long) u.getSrcPort() << 32 | u.getDstPort())).as("duplicate").isTrue();
            }
            assertThat(r.truncation()).isEmpty();
        }
        assertThat(seen).hasSize(threads * perThread);
    }

    /** Framed chunks of many records, larger than a block in total, read back as the records in order. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void framedChunksReadBackRecordByRecord(boolean compress, @TempDir Path dir) throws Exception {
        int chunks = 40;
        int perChunk = 1000;
        Path path;
        try (var w = RecordWriter.create(dir, RecordType.UDP, opts(compress))) {
            path = w.path();
            for (int c = 0; c < chunks; c++) {
                var framed = new java.io.ByteArrayOutputStream();
                framed.write(new byte[] {7, 7, 7}); // leading bytes not part of the chunk
                for (int i = 0; i < perChunk; i++) {
                    UDP u = UDP.newBuilder().setSrcPort(c).setDstPort(i)
                            .setPayload(ByteString.copyFrom(new byte[(c * 31 + i) % 200])).build();
                    u.writeDelimitedTo(framed);
                }
                byte[] b = framed.toByteArray();
                w.writeFramed(b, 3, b.length - 3, perChunk);
            }
            assertThat(w.count()).isEqualTo((long) chunks * perChunk);
        }
        List<Message> all = readAll(path);
        assertThat(all).hasSize(chunks * perChunk);
        for (int k = 0; k < all.size(); k++) {
            UDP u = (UDP) all.get(k);
            assertThat(u.getSrcPort()).isEqualTo(k / perChunk);
            assertThat(u.getDstPort()).isEqualTo(k % perChunk);
            assertThat(u.getPayload().size()).isEqualTo((u.getSrcPort() * 31 + u.getDstPort()) % 200);
        }
    }
}
