package io.netcap.kafka;

import io.netcap.engine.RecordTap;
import io.netcap.io.FramedRecords;
import io.netcap.io.WriterOptions;
import io.netcap.types.RecordType;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * {@code capture -kafka}: publishes every record, as it reaches its file, to the topic of its type
 * (docs/scale-out.md, "Kafka"). One record per message: the value is the record's protobuf encoding
 * (the bytes behind its varint length in the file), the key its flow ({@link FlowKeys}), the headers
 * the sensor, a sequence number per record type and the file header.
 *
 * <p>The capture never waits for Kafka. Chunks are copied into a queue of at most
 * {@code bufferBytes}; a chunk that does not fit is dropped and counted. One sender thread feeds the
 * idempotent producer ({@code acks=all}), whose own buffer holds what an absent broker has not taken
 * yet and which retries until the delivery timeout. Records the producer gives up on are counted as
 * failed; the counts go to {@code summary.json}. The sender creates each topic before its first
 * record ({@link TopicCreator}), so the broker's auto-creation is not needed.
 */
public final class KafkaPublisher implements RecordTap {
    /**
     * Where and how to publish. {@code partitions} and {@code replication} are those of the topics this
     * publisher creates; 0 leaves them to the broker's defaults.
     */
    public record Config(String brokers, String topicPrefix, String sensor, long bufferBytes, Duration closeTimeout,
                         Map<String, String> producerOverrides, int partitions, short replication) {
        public static Config of(String brokers, String topicPrefix, String sensor) {
            return new Config(brokers, topicPrefix, sensor, 64L << 20, Duration.ofMinutes(2), Map.of(), 0, (short) 0);
        }

        public Config withProducer(Map<String, String> overrides) {
            return new Config(brokers, topicPrefix, sensor, bufferBytes, closeTimeout, overrides, partitions, replication);
        }

        public Config withBufferBytes(long bytes) {
            return new Config(brokers, topicPrefix, sensor, bytes, closeTimeout, producerOverrides, partitions, replication);
        }

        /** The partitions and replication factor of the topics created (0: the broker's default). */
        public Config withTopics(int partitions, short replication) {
            return new Config(brokers, topicPrefix, sensor, bufferBytes, closeTimeout, producerOverrides, partitions, replication);
        }
    }

    private record Chunk(RecordType type, byte[] data, long firstSequence) {}

    private static final Chunk END = new Chunk(null, new byte[0], 0);

    private final Config config;
    private final Producer<byte[], byte[]> producer;
    private final BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final long[] sequence = new long[RecordType.values().length];
    private final String[] topics = new String[RecordType.values().length];
    private final byte[][] fileHeaders = new byte[RecordType.values().length][];
    private final byte[] sensor;
    private final Thread sender;
    private final TopicCreator creator;

    private final AtomicLong records = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong droppedQueueFull = new AtomicLong();
    private final AtomicLong droppedRefused = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    /** Why records failed, at most {@link #REASONS} distinct reasons kept. */
    private final Map<String, Long> failures = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int REASONS = 16;
    /** Told when records wait and no broker has answered for {@link #quietAfter}, and once one answers after that. */
    private java.util.function.Consumer<String> notices;
    private Duration quietAfter = Duration.ofSeconds(10);
    private volatile boolean closing;

    public KafkaPublisher(Config config) {
        this.config = config;
        this.sensor = config.sensor().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (RecordType t : RecordType.values()) {
            topics[t.ordinal()] = Topics.topic(config.topicPrefix(), t);
        }
        Properties producerConfig = producerProperties(config);
        this.producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer());
        // waits for a topic as long as the producer waits for its metadata
        Duration wait = Duration.ofMillis(Long.parseLong(producerConfig.getProperty(ProducerConfig.MAX_BLOCK_MS_CONFIG)));
        this.creator = new TopicCreator(TopicCreator.adminConfig(config.brokers(),
                producerConfig.getProperty(ProducerConfig.CLIENT_ID_CONFIG), wait), config.partitions(), config.replication(), wait);
        this.sender = Thread.ofPlatform().name("netcap-kafka-sender").daemon(true).unstarted(this::send);
    }

    /** At-least-once without duplicates from retries: idempotence, all in-sync replicas, lz4 batches. */
    static Properties producerProperties(Config config) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.brokers());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "netcap-" + config.sensor());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 << 10));
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(32L << 20));
        // Waiting for a new topic's metadata (auto-creation takes seconds on a busy broker) or for room in a
        // buffer that an absent broker does not drain blocks the sender thread this long, never the capture.
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "60000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000");
        p.putAll(config.producerOverrides());
        return p;
    }

    /**
     * The producer and the topic creation wait for an absent broker a minute each before anything is counted as
     * failed; with this, {@code notices} is told once records wait and no broker has answered for {@code after}.
     */
    public KafkaPublisher withNotices(java.util.function.Consumer<String> notices, Duration after) {
        this.notices = notices;
        this.quietAfter = after;
        return this;
    }

    @Override
    public void start(WriterOptions options) {
        for (RecordType t : RecordType.values()) {
            fileHeaders[t.ordinal()] = options.header(t).toByteArray();
        }
        sender.start();
        if (notices != null) {
            Thread.ofPlatform().name("netcap-kafka-watch").daemon(true).start(this::watch);
        }
    }

    /** Until a broker answers or the publisher closes: a quiet link (no records yet) is no silent broker. */
    private void watch() {
        long since = 0;
        boolean told = false;
        while (!closing) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
            if (records.get() == 0) {
                continue;
            }
            long now = System.nanoTime();
            since = since == 0 ? now : since;
            if (acked.get() > 0 || creator.connected() || Brokers.connected(producer.metrics(), "producer-metrics")) {
                if (told) {
                    notices.accept(Brokers.answers(config.brokers()));
                }
                return;
            }
            if (!told && now - since >= quietAfter.toNanos()) {
                notices.accept(Brokers.silent(config.brokers(), quietAfter) + "; the records wait (up to "
                        + (config.bufferBytes() >> 20) + " MiB), each at most 2 minutes (check -kafka)");
                told = true;
            }
        }
    }

    @Override
    public void accept(RecordType type, byte[] data, int length, int n) {
        records.addAndGet(n);
        // Each type comes from one writer thread, so its sequence needs no lock.
        long first = sequence[type.ordinal()];
        sequence[type.ordinal()] = first + n;
        if (queuedBytes.addAndGet(length) > config.bufferBytes()) {
            queuedBytes.addAndGet(-length);
            droppedQueueFull.addAndGet(n);
            return;
        }
        queue.add(new Chunk(type, java.util.Arrays.copyOf(data, length), first));
    }

    private void send() {
        try {
            while (true) {
                Chunk c = queue.take();
                if (c == END) {
                    return;
                }
                queuedBytes.addAndGet(-c.data().length);
                sendChunk(c);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sendChunk(Chunk c) {
        int t = c.type().ordinal();
        creator.ensure(topics[t]);
        long[] seq = {c.firstSequence()};
        FramedRecords.forEach(c.data(), c.data().length, (d, off, len) -> {
            byte[] value = java.util.Arrays.copyOfRange(d, off, off + len);
            List<Header> headers = List.of(new RecordHeader(Topics.SENSOR, sensor),
                    new RecordHeader(Topics.SEQUENCE, Topics.sequence(seq[0]++)),
                    new RecordHeader(Topics.FILE_HEADER, fileHeaders[t]));
            ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topics[t], null, null,
                    FlowKeys.of(c.type(), d, off, len), value, headers);
            try {
                producer.send(r, (meta, error) -> {
                    if (error == null) {
                        acked.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                        String why = error.getClass().getSimpleName() + ": " + error.getMessage();
                        if (failures.size() < REASONS || failures.containsKey(why)) {
                            failures.merge(why, 1L, Long::sum);
                        }
                    }
                });
            } catch (KafkaException e) {
                // buffer full for max.block.ms, or no metadata for the topic in that time: the broker is away
                droppedRefused.incrementAndGet();
            }
        });
    }

    @Override
    public void close() throws IOException {
        closing = true;
        long deadline = System.nanoTime() + config.closeTimeout().toNanos();
        queue.add(END);
        try {
            if (sender.isAlive() || sender.getState() != Thread.State.NEW) {
                sender.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            }
            if (sender.isAlive()) {
                sender.interrupt();
                sender.join(1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Waits for the outstanding sends until the deadline; what is left then fails in its callback.
        producer.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        creator.close();
        long lost = 0;
        for (Chunk c; (c = queue.poll()) != null; ) {
            if (c != END) {
                lost += FramedRecords.forEach(c.data(), c.data().length, (d, off, len) -> {});
            }
        }
        droppedQueueFull.addAndGet(lost);
    }

    /** A second at most in a worker's chunk, so that the records of a quiet live link are published. */
    @Override
    public Duration handOverInterval() {
        return Duration.ofSeconds(1);
    }

    @Override
    public String name() {
        return "kafka";
    }

    /** {@code records} handed over = {@code acked} + {@code dropped} + {@code failed} after {@link #close()}. */
    @Override
    public Map<String, Long> stats() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("records", records.get());
        m.put("acked", acked.get());
        m.put("dropped", droppedQueueFull.get() + droppedRefused.get());
        m.put("failed", failed.get());
        return m;
    }

    /** The producer's reasons for the failed records, with their counts (a few distinct reasons). */
    public Map<String, Long> failures() {
        return Map.copyOf(failures);
    }

    /** The topics that could not be created, with the reason (a few). */
    public Map<String, String> topicFailures() {
        return creator.failures();
    }

    /** Bytes of chunks waiting for the sender thread. */
    long queuedBytes() {
        return queuedBytes.get();
    }

    /** Waits until every record handed over so far is acknowledged or given up; for tests and benchmarks. */
    boolean awaitDelivered(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (System.nanoTime() < deadline) {
            if (acked.get() + failed.get() + droppedQueueFull.get() + droppedRefused.get() >= records.get()) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }
}
