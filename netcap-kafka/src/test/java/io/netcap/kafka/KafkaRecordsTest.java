package io.netcap.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.netcap.engine.CaptureJob;
import io.netcap.engine.RecordDecoding;
import io.netcap.engine.Summary;
import io.netcap.engine.TestConfig;
import io.netcap.engine.config.CaptureConfig;
import io.netcap.io.RecordReader;
import io.netcap.io.WriterOptions;
import io.netcap.testing.Corpus;
import io.netcap.types.Header;
import io.netcap.types.RecordType;
import io.netcap.types.TCP;
import io.netcap.types.UDP;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code capture -kafka} and {@code collect -kafka} against a real broker (docs/scale-out.md, "Kafka"):
 * the collected files hold exactly the records of the capture's files, also when the collector crashes
 * and restarts, and a capture whose broker goes away and comes back finishes with every record counted.
 * One broker for the class (about 20 s to start); each test uses its own topic prefix and group.
 */
class KafkaRecordsTest {
    @RegisterExtension
    static final Broker broker = Broker.perTestClass();

    @TempDir
    Path tmp;

    /** The publisher of the last {@link #capture}, for its failure reasons. */
    private KafkaPublisher lastTap;
    /** What the publishers of {@link #capture} told of a silent broker. */
    private final List<String> notices = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Test
    void collectedFilesHoldTheRecordsOfTheCapturesFiles() throws Exception {
        Path pcaps = Corpus.pcaps();
        Map<String, Path> sensors = Map.of(
                "sensor-a", pcaps.resolve("zeek__bro.org.pcap"),
                "sensor-b", pcaps.resolve("chrissanders-packets__http_espn.pcapng"),
                "sensor-c", pcaps.resolve("suricata-verify__10.7.29.101_49898-178.63.41.150_25.pcap"));
        String prefix = "rt.";
        for (var s : sensors.entrySet()) {
            Summary summary = capture(s.getValue(), tmp.resolve("capture").resolve(s.getKey()), prefix, s.getKey());
            Map<String, Long> kafka = summary.taps().get("kafka");
            assertThat(kafka.get("records")).isEqualTo(summary.totalRecords());
            assertThat(kafka.get("acked")).as(kafka + " " + lastTap.failures()).isEqualTo(summary.totalRecords());
            assertThat(kafka.get("dropped")).isZero();
            assertThat(kafka.get("failed")).isZero();
            assertThat(Files.readString(tmp.resolve("capture").resolve(s.getKey()).resolve("summary.json")))
                    .contains("\"kafka\": {\n    \"records\": " + summary.totalRecords());
        }
        assertThat(notices).as("a broker that answers is not reported as silent").isEmpty();
        Path collected = tmp.resolve("collected");
        List<String> notices = new java.util.concurrent.CopyOnWriteArrayList<>();
        KafkaCollector collector = collectAll(collector(prefix, "rt", collected, Duration.ofSeconds(1), 1 << 20)
                .withNotices(notices::add, Duration.ofSeconds(5)), prefix);
        for (String sensor : sensors.keySet()) {
            assertSameRecords(tmp.resolve("capture").resolve(sensor), collected.resolve(sensor));
        }
        assertThat(collector.stats()).containsEntry("garbled", 0L).containsEntry("bad sensor", 0L);
        assertThat(notices).as("a broker that answers is not reported as silent").isEmpty();
    }

    @Test
    void aCollectorKilledTwiceMidRunWritesEveryRecordExactlyOnce() throws Exception {
        String prefix = "crash.";
        Path capture = tmp.resolve("capture");
        Summary summary = capture(Corpus.pcaps().resolve("suricata-verify__http-mime-truncated_input.pcap"),
                capture, prefix, "s1");
        assertThat(summary.taps().get("kafka").get("acked")).as(summary.taps() + " " + lastTap.failures())
                .isEqualTo(summary.totalRecords());
        long total = summary.totalRecords();
        Path collected = tmp.resolve("collected");

        // small members and frequent checkpoints: the kill leaves members beyond the last checkpoint
        KafkaCollector first = collector(prefix, "crash", collected, Duration.ofMillis(200), 4 << 10);
        Thread t1 = runInThread(first);
        awaitRead(first, total / 3);
        first.crash();
        t1.join();
        // a member cut short by the crash
        Path torn;
        try (Stream<Path> s = Files.list(collected.resolve("s1"))) {
            torn = s.filter(p -> p.toString().endsWith(".ncap.gz")).sorted().findFirst().orElseThrow();
        }
        Files.write(torn, new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff, 0x55}, StandardOpenOption.APPEND);

        KafkaCollector second = collector(prefix, "crash", collected, Duration.ofMillis(200), 4 << 10);
        Thread t2 = runInThread(second);
        awaitRead(second, total / 3);
        t2.interrupt(); // killed without a clean close
        t2.join();

        collectAll(collector(prefix, "crash", collected, Duration.ofMillis(200), 4 << 10), prefix);
        assertSameRecords(capture, collected.resolve("s1"));
    }

    @Test
    void aCaptureWhoseBrokerGoesAwayAndComesBackCountsEveryRecord() throws Exception {
        String prefix = "away.";
        broker.createTopics(prefix + "TCP"); // this test is about the broker going away, not about topic creation
        KafkaPublisher tap = new KafkaPublisher(KafkaPublisher.Config.of(broker.bootstrap(), prefix, "s1")
                .withProducer(Map.of("delivery.timeout.ms", "60000", "request.timeout.ms", "5000")));
        tap.start(WriterOptions.defaults("synthetic"));
        int seq = 0;
        seq = sendTcp(tap, seq, 2000);
        assertThat(tap.awaitDelivered(180, java.util.concurrent.TimeUnit.SECONDS)).as(tap.stats().toString()).isTrue();
        broker.stop();
        try {
            seq = sendTcp(tap, seq, 2000);
            Thread.sleep(2000);
        } finally {
            broker.start();
        }
        seq = sendTcp(tap, seq, 2000);
        tap.close();
        Map<String, Long> stats = tap.stats();
        assertThat(stats.get("records")).isEqualTo(seq);
        assertThat(stats.get("acked") + stats.get("dropped") + stats.get("failed")).isEqualTo(seq);
        assertThat(stats.get("acked")).isGreaterThanOrEqualTo(4000);

        Path collected = tmp.resolve("collected");
        collectAll(collector(prefix, "away", collected, Duration.ofSeconds(1), 1 << 20), prefix);
        // at-least-once without duplicates: the idempotent producer's retries leave one copy each
        List<Integer> seqs = new ArrayList<>();
        try (RecordReader r = RecordReader.open(collected.resolve("s1").resolve("TCP.ncap.gz"))) {
            for (Message m : r) {
                seqs.add(((TCP) m).getSeqNum());
            }
        }
        assertThat(seqs).doesNotHaveDuplicates().hasSize((int) (long) stats.get("acked"));
    }

    @Test
    void thePublisherCreatesItsTopicsAndUsesExistingOnesAsTheyAre() throws Exception {
        String prefix = "made.";
        broker.createTopics(prefix + "TCP"); // three partitions, made by an operator
        KafkaPublisher tap = new KafkaPublisher(KafkaPublisher.Config.of(broker.bootstrap(), prefix, "s1")
                .withTopics(2, (short) 1));
        tap.start(WriterOptions.defaults("synthetic"));
        sendTcp(tap, 0, 100);
        byte[] udp = UDP.newBuilder().setSrcPort(53).setDstPort(5353).build().toByteArray();
        byte[] chunk = new byte[udp.length + 1];
        chunk[0] = (byte) udp.length;
        System.arraycopy(udp, 0, chunk, 1, udp.length);
        tap.accept(RecordType.UDP, chunk, chunk.length, 1);
        tap.close();
        assertThat(tap.stats()).containsEntry("records", 101L).containsEntry("acked", 101L);
        assertThat(tap.topicFailures()).isEmpty();
        assertThat(broker.partitions(prefix + "TCP")).isEqualTo(3);
        assertThat(broker.partitions(prefix + "UDP")).isEqualTo(2);
    }

    @Test
    void aTopicThatCannotBeCreatedIsReportedAndItsRecordsFail() throws Exception {
        String prefix = "bad topic."; // a space: the broker refuses the name (net capture checks the prefix first)
        KafkaPublisher tap = new KafkaPublisher(KafkaPublisher.Config.of(broker.bootstrap(), prefix, "s1")
                .withProducer(Map.of("max.block.ms", "3000")));
        tap.start(WriterOptions.defaults("synthetic"));
        sendTcp(tap, 0, 10);
        tap.close();
        assertThat(tap.topicFailures()).containsOnlyKeys(prefix + "TCP");
        assertThat(tap.topicFailures().get(prefix + "TCP")).startsWith("InvalidTopicException");
        assertThat(tap.stats().get("acked")).isZero();
    }

    @Test
    void messagesThatAreNotRecordsAreCountedAndSkipped() throws Exception {
        String prefix = "bad.";
        byte[] header = WriterOptions.defaults("x").header(RecordType.TCP).toByteArray();
        byte[] good = TCP.newBuilder().setSeqNum(1).setSrcPort(1).setDstPort(2).build().toByteArray();
        broker.createTopics(prefix + "NoSuchType", prefix + "TCP", prefix + "UDP"); // this producer is not ours
        java.util.Properties p = new java.util.Properties();
        p.put("bootstrap.servers", broker.bootstrap());
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<byte[], byte[]>(p,
                new org.apache.kafka.common.serialization.ByteArraySerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            send(producer, prefix + "NoSuchType", good, "s1", header);                     // unknown topic
            send(producer, prefix + "TCP", good, null, header);                            // no sensor
            send(producer, prefix + "TCP", good, "..", header);                            // not a plain name
            send(producer, prefix + "TCP", new byte[] {(byte) 0xff, (byte) 0xff}, "s1", header); // not protobuf
            send(producer, prefix + "UDP", good, "s1", header);                            // a TCP file header for UDP
            send(producer, prefix + "TCP", good, "s1", header);                            // the one record
        }
        Path collected = tmp.resolve("collected");
        KafkaCollector c = collectAll(collector(prefix, "bad", collected, Duration.ofSeconds(1), 1 << 20), prefix);
        assertThat(c.stats()).containsEntry("records", 1L).containsEntry("unknown topic", 1L)
                .containsEntry("bad sensor", 2L).containsEntry("garbled", 2L);
        try (RecordReader r = RecordReader.open(collected.resolve("s1").resolve("TCP.ncap.gz"))) {
            assertThat(r.next()).isEqualTo(TCP.parseFrom(good));
            assertThat(r.next()).isNull();
        }
        assertThat(collected.resolve("s1").resolve("UDP.ncap.gz")).doesNotExist();
    }

    private static void send(org.apache.kafka.clients.producer.Producer<byte[], byte[]> producer, String topic,
                             byte[] value, String sensor, byte[] fileHeader) throws Exception {
        List<org.apache.kafka.common.header.Header> headers = new ArrayList<>();
        if (sensor != null) {
            headers.add(new org.apache.kafka.common.header.internals.RecordHeader(Topics.SENSOR,
                    sensor.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        headers.add(new org.apache.kafka.common.header.internals.RecordHeader(Topics.FILE_HEADER, fileHeader));
        producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, null, null, null, value, headers)).get();
    }

    /** {@code n} TCP records with sequence numbers {@code from ..}, framed as the engine's chunks are. */
    private static int sendTcp(KafkaPublisher tap, int from, int n) throws IOException {
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        for (int i = from; i < from + n; i++) {
            TCP.newBuilder().setSeqNum(i).setSrcPort(40000 + i % 50).setDstPort(80).build().writeDelimitedTo(chunk);
        }
        byte[] b = chunk.toByteArray();
        tap.accept(RecordType.TCP, b, b.length, n);
        return from + n;
    }

    private Summary capture(Path pcap, Path out, String prefix, String sensor) throws Exception {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        // no topics made ahead: the broker does not create them, the publisher does
        KafkaPublisher tap = new KafkaPublisher(KafkaPublisher.Config.of(broker.bootstrap(), prefix, sensor))
                .withNotices(notices::add, Duration.ofSeconds(10));
        lastTap = tap;
        return new CaptureJob(RecordDecoding::new, quiet, quiet).onEngine(e -> e.tap(tap)).run(config(pcap, out));
    }

    /** The defaults of {@code net capture -quiet} with two workers. */
    private static CaptureConfig config(Path pcap, Path out) {
        return TestConfig.of(pcap, out).workers(2).build();
    }

    private static KafkaCollector collector(String prefix, String group, Path out, Duration checkpoint, int block)
            throws IOException {
        return new KafkaCollector(KafkaCollector.Config.of(broker.bootstrap(), prefix, group, out)
                .with(checkpoint, block, Broker.quickGroup()));
    }

    /** Runs {@code c} until it has read everything now in the topics of {@code prefix}, then stops it cleanly. */
    private static KafkaCollector collectAll(KafkaCollector c, String prefix) throws Exception {
        Thread t = runInThread(c);
        broker.awaitCaughtUp(c, prefix, Duration.ofSeconds(120));
        c.stop();
        t.join();
        return c;
    }

    private static Thread runInThread(KafkaCollector collector) {
        return Thread.ofPlatform().name("collector").start(() -> {
            try {
                collector.run();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private static void awaitRead(KafkaCollector c, long records) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (c.positions().values().stream().mapToLong(Long::longValue).sum() < records) {
            assertThat(System.nanoTime()).as("collector reads").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** Every record file of {@code expected} has a twin in {@code actual} with the same header and the same multiset of records. */
    private static void assertSameRecords(Path expected, Path actual) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(expected)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".ncap.gz")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        try (Stream<Path> s = Files.list(actual)) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted())
                    .containsExactlyElementsOf(files.stream().map(p -> p.getFileName().toString()).toList());
        }
        for (Path f : files) {
            Path twin = actual.resolve(f.getFileName());
            Header h1;
            Header h2;
            Map<ByteString, Integer> want;
            Map<ByteString, Integer> got;
            try (RecordReader a = RecordReader.open(f); RecordReader b = RecordReader.open(twin)) {
                h1 = a.header();
                h2 = b.header();
                want = multiset(a);
                got = multiset(b);
                assertThat(b.truncation()).as(twin.toString()).isEmpty();
            }
            assertThat(h2).as(twin.toString()).isEqualTo(h1);
            assertThat(got).as(twin + ": %d records, %d expected", total(got), total(want)).isEqualTo(want);
        }
    }

    private static int total(Map<ByteString, Integer> m) {
        return m.values().stream().mapToInt(Integer::intValue).sum();
    }

    private static Map<ByteString, Integer> multiset(RecordReader r) throws IOException {
        Map<ByteString, Integer> m = new TreeMap<>(ByteString.unsignedLexicographicalComparator());
        for (Message x; (x = r.next()) != null; ) {
            m.merge(x.toByteString(), 1, Integer::sum);
        }
        return m;
    }
}
