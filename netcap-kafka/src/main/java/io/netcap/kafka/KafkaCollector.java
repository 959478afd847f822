package io.netcap.kafka;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.netcap.types.Header;
import io.netcap.types.RecordType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * {@code collect -kafka}: reads every topic of the prefix and appends each record to
 * {@code OUT/<sensor>/<Type>.ncap.gz} (docs/scale-out.md, "Kafka"). Every checkpoint interval it
 * completes and forces the files, then records their lengths and the partitions' next offsets in the
 * {@link Checkpoint}, then commits those offsets to the group. After a crash the files are cut back to
 * the checkpoint and reading resumes at its offsets, so each record is in the files exactly once.
 *
 * <p>Confined to the thread that calls {@link #run()}; {@link #stop()} may come from any thread.
 */
public final class KafkaCollector {
    /** Where to read and write. */
    public record Config(String brokers, String topicPrefix, String group, Path out, Duration checkpointInterval,
                         int blockSize, int gzipLevel, Map<String, String> consumerOverrides) {
        public static Config of(String brokers, String topicPrefix, String group, Path out) {
            return new Config(brokers, topicPrefix, group, out, Duration.ofSeconds(2), 1 << 20, 1, Map.of());
        }

        public Config with(Duration checkpointInterval, int blockSize, Map<String, String> consumerOverrides) {
            return new Config(brokers, topicPrefix, group, out, checkpointInterval, blockSize, gzipLevel, consumerOverrides);
        }
    }

    private final Config config;
    private final Checkpoint durable;
    private final Consumer<byte[], byte[]> consumer;
    /** Next offset per partition, read but not yet in a checkpoint. */
    private final Map<TopicPartition, Long> positions = new HashMap<>();
    /** {@link #positions} after each poll, for other threads. */
    private final Map<TopicPartition, Long> published = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, CollectedFile> open = new HashMap<>();
    private volatile boolean stop;
    private volatile boolean crash;
    /** {@link #run()} is closing the consumer. */
    private boolean done;
    /** Told when no broker has answered for {@link #quietAfter}, and again once one does; null: nothing told. */
    private java.util.function.Consumer<String> notices;
    private Duration quietAfter = Duration.ofSeconds(10);

    private long records;
    private long garbled;
    private long badSensor;
    private long unknownTopic;
    private long commitFailures;
    private long checkpoints;

    public KafkaCollector(Config config) throws IOException {
        this.config = config;
        Files.createDirectories(config.out());
        this.durable = Checkpoint.read(config.out());
        // Every file back to its checkpoint now, not when its type's next record comes: there may be none.
        for (Checkpoint.FileState f : durable.files.values()) {
            Path path = config.out().resolve(f.path());
            if (Files.exists(path) || f.length() > 0) {
                CollectedFile.open(path, f.length(), config.blockSize(), config.gzipLevel()).abandon();
            }
        }
        this.consumer = new KafkaConsumer<>(consumerProperties(config), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    static Properties consumerProperties(Config config) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.brokers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, config.group());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "netcap-collect");
        // offsets are committed by the checkpoint only, after the records are in the files
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // a sensor's new record type (a new topic) is subscribed within seconds, not Kafka's default 5 minutes
        p.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "3000");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        p.putAll(config.consumerOverrides());
        return p;
    }

    /**
     * The consumer retries an unreachable broker for ever without a word; with this, {@code notices} is told when no
     * broker has answered for {@code after} (a wrong address, a broker not up yet), and once one answers after that.
     */
    public KafkaCollector withNotices(java.util.function.Consumer<String> notices, Duration after) {
        this.notices = notices;
        this.quietAfter = after;
        return this;
    }

    /** Reads until {@link #stop()}, then completes the files and checkpoints. A crash (an interrupt) leaves the files as they are. */
    public void run() throws IOException {
        boolean clean = false;
        try {
            consumer.subscribe(Topics.pattern(config.topicPrefix()), new Rebalance());
            long interval = config.checkpointInterval().toNanos();
            long last = System.nanoTime();
            long quietSince = last;
            boolean told = false;
            try {
                while (!stop) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                        take(r);
                        positions.put(new TopicPartition(r.topic(), r.partition()), r.offset() + 1);
                    }
                    if (notices != null && quietSince != 0) {
                        if (Brokers.connected(consumer.metrics(), "consumer-metrics")) {
                            if (told) {
                                notices.accept(Brokers.answers(config.brokers()));
                            }
                            quietSince = 0; // told once, as the consumer retries quietly after that
                        } else if (!told && System.nanoTime() - quietSince >= quietAfter.toNanos()) {
                            notices.accept(Brokers.silent(config.brokers(), quietAfter)
                                    + "; still trying (check -kafka, Ctrl-C stops)");
                            told = true;
                        }
                    }
                    published.putAll(positions);
                    if (System.nanoTime() - last >= interval) {
                        checkpoint();
                        last = System.nanoTime();
                    }
                }
            } catch (WakeupException e) {
                // stop() or crash()
            }
            if (!crash) {
                checkpoint();
                clean = true;
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (InterruptException e) {
            // the thread was interrupted: end as a crash would, without completing anything
            Thread.interrupted();
        } finally {
            // Closing leaves the group, which revokes the partitions: nothing may be checkpointed then,
            // least of all after a crash, when the files do not hold what was read.
            done = true;
            for (CollectedFile f : open.values()) {
                if (clean) {
                    f.close();
                } else {
                    f.abandon();
                }
            }
            open.clear();
            consumer.close(clean ? Duration.ofSeconds(5) : Duration.ZERO);
        }
    }

    /** Ends {@link #run()} cleanly; from any thread. */
    public void stop() {
        stop = true;
        consumer.wakeup();
    }

    /** Ends {@link #run()} as a crash would: nothing completed, checkpointed or committed. For tests. */
    void crash() {
        crash = true;
        stop();
    }

    private void take(ConsumerRecord<byte[], byte[]> r) {
        RecordType type = Topics.type(config.topicPrefix(), r.topic()).orElse(null);
        if (type == null) {
            unknownTopic++;
            return;
        }
        String sensor = text(r.headers(), Topics.SENSOR);
        if (!Topics.validSensor(sensor)) {
            badSensor++;
            return;
        }
        byte[] value = r.value();
        if (value == null || !wellFormed(value)) {
            garbled++;
            return;
        }
        try {
            CollectedFile file = file(sensor, type, r.headers());
            if (file == null) {
                garbled++;
                return;
            }
            file.append(r.headers().lastHeader(Topics.FILE_HEADER).value(), value, 0, value.length);
            records++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Protobuf wire format through to the end: what {@code net dump} needs to read the record back. */
    private static boolean wellFormed(byte[] value) {
        try {
            CodedInputStream in = CodedInputStream.newInstance(value);
            int tag;
            while ((tag = in.readTag()) != 0) {
                in.skipField(tag);
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String text(Headers headers, String name) {
        var h = headers.lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** The file of {@code sensor} and {@code type}; a new one is announced in the checkpoint before it is created. Null: no valid file header. */
    private CollectedFile file(String sensor, RecordType type, Headers headers) throws IOException {
        String key = Checkpoint.key(sensor, type.fileName());
        CollectedFile f = open.get(key);
        if (f != null) {
            return f;
        }
        Checkpoint.FileState state = durable.files.get(key);
        if (state == null) {
            var h = headers.lastHeader(Topics.FILE_HEADER);
            if (h == null || !headerOf(h.value(), type)) {
                return null;
            }
            Path dir = config.out().resolve(sensor);
            Files.createDirectories(dir);
            String name = freeName(dir, type.fileName());
            state = new Checkpoint.FileState(sensor, type.fileName(), sensor + "/" + name, 0);
            durable.files.put(key, state);
            durable.write(config.out());
        }
        f = CollectedFile.open(config.out().resolve(state.path()), state.length(), config.blockSize(), config.gzipLevel());
        if (state.length() == 0) {
            Checkpoint.forceDirectory(f.path().getParent());
        }
        open.put(key, f);
        return f;
    }

    private static boolean headerOf(byte[] b, RecordType type) {
        try {
            return b != null && Header.parseFrom(b).getType() == type.type();
        } catch (InvalidProtocolBufferException e) {
            return false;
        }
    }

    /** {@code TCP.ncap.gz}, or {@code TCP.1.ncap.gz} ... when a file not of this collector has the name. */
    private static String freeName(Path dir, String base) {
        String name = base + ".ncap.gz";
        for (int i = 1; Files.exists(dir.resolve(name)); i++) {
            name = base + "." + i + ".ncap.gz";
        }
        return name;
    }

    /** Files complete and forced, then their lengths and the offsets in the checkpoint, then the commit. */
    private void checkpoint() {
        try {
            for (Map.Entry<String, CollectedFile> e : open.entrySet()) {
                Checkpoint.FileState s = durable.files.get(e.getKey());
                durable.files.put(e.getKey(), new Checkpoint.FileState(s.sensor(), s.type(), s.path(), e.getValue().sync()));
            }
            durable.offsets.putAll(positions);
            durable.write(config.out());
            checkpoints++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        for (TopicPartition tp : consumer.assignment()) {
            Long next = positions.get(tp);
            if (next != null) {
                commit.put(tp, new OffsetAndMetadata(next));
            }
        }
        if (!commit.isEmpty()) {
            try {
                consumer.commitSync(commit);
            } catch (WakeupException e) {
                stop = true; // the checkpoint holds the offsets; the group's copy catches up on the next start
                commitFailures++;
            } catch (KafkaException e) {
                commitFailures++;
            }
        }
    }

    /**
     * Revoked partitions are checkpointed while still ours; an assigned one starts at the later of
     * our checkpoint and the group's commit (another collector may have gone on with it since).
     */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (done) {
                return;
            }
            checkpoint();
            positions.keySet().removeAll(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            positions.keySet().removeAll(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty() || done) {
                return;
            }
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions));
            for (TopicPartition tp : partitions) {
                Long local = durable.offsets.get(tp);
                OffsetAndMetadata c = committed.get(tp);
                long target = Math.max(local == null ? -1 : local, c == null ? -1 : c.offset());
                if (target >= 0) {
                    consumer.seek(tp, target);
                    positions.put(tp, target);
                }
            }
        }
    }

    /** The next offset to read per partition, as of the last poll; from any thread. */
    public Map<TopicPartition, Long> positions() {
        return Map.copyOf(published);
    }

    /** The counts for the last line of {@code net collect}. */
    public Map<String, Long> stats() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("records", records);
        m.put("checkpoints", checkpoints);
        m.put("garbled", garbled);
        m.put("bad sensor", badSensor);
        m.put("unknown topic", unknownTopic);
        m.put("failed commits", commitFailures);
        return m;
    }
}
