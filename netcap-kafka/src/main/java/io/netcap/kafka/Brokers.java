package io.netcap.kafka;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * Whether a Kafka client holds a connection to a broker, from its own {@code connection-count} metric. Kafka's
 * clients retry an address that does not answer for as long as they run, without a word; the tools say so.
 */
final class Brokers {
    private Brokers() {}

    /** True when the client's {@code connection-count} in {@code group} is above 0, or when it has no such metric. */
    static boolean connected(Map<MetricName, ? extends Metric> metrics, String group) {
        for (var e : metrics.entrySet()) {
            if (e.getKey().name().equals("connection-count") && e.getKey().group().equals(group)) {
                return !(e.getValue().metricValue() instanceof Number n) || n.doubleValue() > 0;
            }
        }
        return true;
    }

    /** The notice of a silent broker, after {@code quiet}. */
    static String silent(String brokers, Duration quiet) {
        return "kafka: no broker at " + brokers + " has answered for "
                + (quiet.toMillis() % 1000 == 0 ? quiet.toSeconds() + " s" : quiet.toMillis() + " ms");
    }

    /** The notice of a broker that answers after {@link #silent}. */
    static String answers(String brokers) {
        return "kafka: a broker at " + brokers + " answers now";
    }
}
