package io.netcap.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real single-node KRaft broker in the test JVM (Kafka's own test kit), about 20 s to start; one per
 * test class ({@link #perTestClass()}). Three partitions per topic by default, so that keys matter; no
 * auto-creation.
 */
public final class Broker implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
    private KafkaClusterTestKit cluster;
    private Admin admin;

    /** A broker, started. */
    public Broker() throws Exception {
        launch();
    }

    private Broker(boolean started) {} // not started: perTestClass

    /**
     * A broker for a test class, started before its first test and closed after its last:
     * {@code @RegisterExtension static final Broker broker = Broker.perTestClass();}
     */
    public static Broker perTestClass() {
        return new Broker(false);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        launch();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (cluster != null) {
            close();
        }
    }

    private void launch() throws Exception {
        cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                // without these the group coordinator's topics need three brokers and no group ever forms
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("num.partitions", "3")
                // topics are created by the publisher, never by the broker on first use
                .setConfigProp("auto.create.topics.enable", "false")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        admin = cluster.admin();
    }

    public String bootstrap() {
        return cluster.bootstrapServers();
    }

    /** The broker goes away (its controller stays); {@link #start()} brings it back on the same port. */
    void stop() {
        var broker = cluster.brokers().values().iterator().next();
        broker.shutdown();
        broker.awaitShutdown();
    }

    void start() throws Exception {
        cluster.brokers().values().iterator().next().startup();
        cluster.waitForReadyBrokers();
    }

    /** Creates {@code topics} with three partitions each, as an operator would before the sensors start. */
    public void createTopics(String... topics) throws Exception {
        var created = admin.createTopics(java.util.Arrays.stream(topics)
                .map(t -> new org.apache.kafka.clients.admin.NewTopic(t, 3, (short) 1)).toList());
        for (var f : created.values().values()) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                    throw e;
                }
            }
        }
    }

    /** Number of partitions of {@code topic}. */
    public int partitions(String topic) throws Exception {
        return admin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic).partitions().size();
    }

    /** Log end offset of every partition of every topic starting with {@code prefix}. */
    Map<TopicPartition, Long> endOffsets(String prefix) throws Exception {
        Set<String> topics = admin.listTopics().names().get().stream().filter(t -> t.startsWith(prefix))
                .collect(Collectors.toSet());
        Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
        for (TopicDescription d : admin.describeTopics(topics).allTopicNames().get().values()) {
            d.partitions().forEach(p -> specs.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest()));
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(specs).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    /** Consumer settings for tests: a crashed member is out of the group after 6 s (the broker's minimum), not 45 s. */
    static Map<String, String> quickGroup() {
        return Map.of("session.timeout.ms", "6000", "heartbeat.interval.ms", "1000");
    }

    /** Waits until {@code collector} has read every record now in the topics of {@code prefix}. */
    public void awaitCaughtUp(KafkaCollector collector, String prefix, Duration timeout) throws Exception {
        Map<TopicPartition, Long> ends = endOffsets(prefix);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Map<TopicPartition, Long> at = collector.positions();
            if (ends.entrySet().stream().allMatch(e -> e.getValue() == 0 || at.getOrDefault(e.getKey(), 0L) >= e.getValue())) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("collector did not catch up with " + ends + " in " + timeout + ": at " + collector.positions());
    }

    @Override
    public void close() throws Exception {
        try {
            admin.close();
            cluster.close();
        } finally {
            admin = null;
            cluster = null;
        }
    }
}
