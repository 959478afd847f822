package io.netcap.kafka;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netcap.io.RecordReader;
import io.netcap.io.RecordWriter;
import io.netcap.io.WriterOptions;
import io.netcap.types.RecordType;
import io.netcap.types.TCP;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Throughput through a real broker (BENCHMARKS.md, "Kafka"): N TCP records written by the plain file
 * writer, then published, then collected with the collector crashed half-way and restarted; prints
 * records/s and MB/s of each and checks that the collected file holds all N exactly once. Runs only
 * with {@code -Dnetcap.kafka.bench.records=N}:
 * {@code ./mvnw -pl netcap-kafka -am test -Dtest=KafkaBench -Dsurefire.failIfNoSpecifiedTests=false -Dnetcap.kafka.bench.records=10000000}.
 */
class KafkaBench {
    private static final int CHUNK = 64 << 10;

    @TempDir
    Path tmp;

    @Test
    void throughput() throws Exception {
        long n = Long.getLong("netcap.kafka.bench.records", 0);
        assumeTrue(n > 0, "benchmark: set -Dnetcap.kafka.bench.records=N");
        List<byte[]> chunks = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        long bytes = chunks(n, chunks, counts);
        report("records generated", n, bytes, 0);

        long t0 = System.nanoTime();
        try (RecordWriter w = RecordWriter.create(tmp.resolve("file"), RecordType.TCP, WriterOptions.defaults("bench"))) {
            for (int i = 0; i < chunks.size(); i++) {
                w.writeFramed(chunks.get(i), 0, chunks.get(i).length, counts.get(i));
            }
        }
        report("file writer (gzip 1)", n, bytes, System.nanoTime() - t0);

        try (Broker broker = new Broker()) {
            KafkaPublisher tap = new KafkaPublisher(KafkaPublisher.Config.of(broker.bootstrap(), "bench.", "s1")
                    .withBufferBytes(256L << 20));
            tap.start(WriterOptions.defaults("bench"));
            t0 = System.nanoTime();
            for (int i = 0; i < chunks.size(); i++) {
                while (tap.queuedBytes() > 128 << 20) {
                    Thread.sleep(1); // the bench feeds as fast as the sender takes, so nothing is dropped
                }
                tap.accept(RecordType.TCP, chunks.get(i), chunks.get(i).length, counts.get(i));
            }
            if (!tap.awaitDelivered(30, TimeUnit.MINUTES)) {
                throw new AssertionError("not delivered: " + tap.stats());
            }
            report("producer (acked)", n, bytes, System.nanoTime() - t0);
            tap.close();
            System.out.println("producer " + tap.stats());
            chunks.clear();

            Path out = tmp.resolve("collected");
            KafkaCollector.Config config = KafkaCollector.Config.of(broker.bootstrap(), "bench.", "bench", out)
                    .with(Duration.ofSeconds(2), 1 << 20, Broker.quickGroup());
            t0 = System.nanoTime();
            KafkaCollector first = new KafkaCollector(config);
            Thread t = start(first);
            while (first.positions().values().stream().mapToLong(Long::longValue).sum() < n / 2) {
                Thread.sleep(50);
            }
            first.crash();
            t.join();
            long crashed = System.nanoTime();
            KafkaCollector second = new KafkaCollector(config);
            t = start(second);
            broker.awaitCaughtUp(second, "bench.", Duration.ofMinutes(30));
            second.stop();
            t.join();
            long elapsed = System.nanoTime() - t0;
            report("collector (with restart)", n, bytes, elapsed);
            System.out.printf(Locale.ROOT, "collector restart (crash to caught up): %.1f s of the %.1f s%n",
                    (System.nanoTime() - crashed) / 1e9, elapsed / 1e9);
            long read = 0;
            try (RecordReader r = RecordReader.open(out.resolve("s1").resolve("TCP.ncap.gz"))) {
                while (r.next() != null) {
                    read++;
                }
            }
            System.out.println("collected records " + read + " of " + n + ", file " + Files.size(out.resolve("s1").resolve("TCP.ncap.gz")) + " bytes");
            if (read != n) {
                throw new AssertionError("collected " + read + " records, expected " + n);
            }
        }
    }

    private static Thread start(KafkaCollector c) {
        return Thread.ofPlatform().start(() -> {
            try {
                c.run();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /** Engine-like 64 KiB chunks of TCP records of a few thousand flows; returns the record bytes (without framing). */
    private static long chunks(long n, List<byte[]> chunks, List<Integer> counts) throws IOException {
        ByteArrayOutputStream chunk = new ByteArrayOutputStream(CHUNK + 256);
        int inChunk = 0;
        long bytes = 0;
        for (long i = 0; i < n; i++) {
            TCP r = TCP.newBuilder().setTimestamp(1_700_000_000_000_000_000L + i * 1000)
                    .setSrcPort(1024 + (int) (i % 4000)).setDstPort(i % 3 == 0 ? 443 : 80)
                    .setSeqNum((int) i).setAckNum((int) (i * 7)).setDataOffset(5).setACK(true).setPSH(i % 2 == 0)
                    .setWindow(64240).setChecksum((int) (i & 0xFFFF)).setPayloadSize((int) (i % 1400)).build();
            bytes += r.getSerializedSize();
            r.writeDelimitedTo(chunk);
            if (++inChunk > 0 && chunk.size() >= CHUNK - 64) {
                chunks.add(chunk.toByteArray());
                counts.add(inChunk);
                chunk.reset();
                inChunk = 0;
            }
        }
        if (inChunk > 0) {
            chunks.add(chunk.toByteArray());
            counts.add(inChunk);
        }
        return bytes;
    }

    private static void report(String what, long n, long bytes, long nanos) {
        if (nanos == 0) {
            System.out.printf(Locale.ROOT, "%-26s %,d records, %.1f MB of records%n", what, n, bytes / 1e6);
            return;
        }
        double s = nanos / 1e9;
        System.out.printf(Locale.ROOT, "%-26s %8.1f s %,12.0f records/s %8.1f MB/s%n", what, s, n / s, bytes / 1e6 / s);
    }
}
