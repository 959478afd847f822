package io.netcap.kafka;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates each topic before its first record is sent (docs/scale-out.md, "Kafka"), so that publishing
 * does not depend on the broker's auto-creation, which may be off and was slow on a busy broker. A topic
 * that exists is used as it is. Partitions and replication factor 0 leave them to the broker's defaults
 * ({@code num.partitions}, {@code default.replication.factor}). After a creation timed out no more are
 * tried, so brokers that are away cost the wait once, not once per topic.
 */
final class TopicCreator implements AutoCloseable {
    /** At most this many distinct reasons are kept. */
    private static final int REASONS = 16;

    private final Admin admin;
    private final Optional<Integer> partitions;
    private final Optional<Short> replication;
    private final Duration timeout;
    private final Set<String> done = new HashSet<>();
    private final Map<String, String> failures = new LinkedHashMap<>();
    /** A creation timed out: the brokers are away, and the producer's own wait for metadata decides. */
    private boolean away;

    TopicCreator(Map<String, Object> adminConfig, int partitions, short replication, Duration timeout) {
        Properties p = new Properties();
        p.putAll(adminConfig);
        this.admin = Admin.create(p);
        this.partitions = partitions > 0 ? Optional.of(partitions) : Optional.empty();
        this.replication = replication > 0 ? Optional.of(replication) : Optional.empty();
        this.timeout = timeout;
    }

    /** The admin client's settings: the producer's brokers and client id, a bound on each request. */
    static Map<String, Object> adminConfig(String brokers, String clientId, Duration timeout) {
        return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                AdminClientConfig.CLIENT_ID_CONFIG, clientId + "-admin",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    }

    /**
     * Creates {@code topic} unless this creator already did or found it; waits at most the timeout. A
     * failure is remembered and the topic is not tried again: the producer then meets the broker's
     * auto-creation, or counts the records as failed.
     */
    void ensure(String topic) {
        if (away || !done.add(topic)) {
            return;
        }
        int ms = (int) timeout.toMillis();
        try {
            admin.createTopics(List.of(new NewTopic(topic, partitions, replication)),
                    new CreateTopicsOptions().timeoutMs(ms)).all().get(ms, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                away = e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException;
                fail(topic, e.getCause());
            }
        } catch (TimeoutException e) {
            away = true;
            fail(topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(topic, e);
        }
    }

    private synchronized void fail(String topic, Throwable why) {
        if (failures.size() < REASONS) {
            failures.put(topic, why.getClass().getSimpleName() + (why.getMessage() != null ? ": " + why.getMessage() : ""));
        }
    }

    /** Topics not created, with the reason (a few). */
    synchronized Map<String, String> failures() {
        return Map.copyOf(failures);
    }

    /** Whether the admin client holds a connection to a broker. */
    boolean connected() {
        return Brokers.connected(admin.metrics(), "admin-client-metrics");
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
