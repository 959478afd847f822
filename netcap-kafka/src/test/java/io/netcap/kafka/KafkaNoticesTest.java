package io.netcap.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.io.WriterOptions;
import io.netcap.types.RecordType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code collect -kafka} and {@code capture -kafka} with no broker at their address say so, instead of waiting
 * without a word (Kafka's clients retry for ever, the producer's first failure comes after a minute). With a broker
 * that answers they say nothing: {@code KafkaRecordsTest}.
 */
class KafkaNoticesTest {
    @TempDir
    Path tmp;

    /** An address where connections are refused: a port that was free a moment ago. */
    private static String closedAddress() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return "127.0.0.1:" + s.getLocalPort();
        }
    }

    private static void await(List<String> notices) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (notices.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(1000); // a second period: still one notice
    }

    @Test
    void aCollectorWhoseBrokerNeverAnswersSaysSoOnce() throws Exception {
        String brokers = closedAddress();
        List<String> notices = new CopyOnWriteArrayList<>();
        KafkaCollector c = new KafkaCollector(KafkaCollector.Config.of(brokers, "quiet.", "g", tmp.resolve("out")))
                .withNotices(notices::add, Duration.ofMillis(500));
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                c.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        await(notices);
        c.stop();
        t.join(Duration.ofSeconds(30));
        assertThat(t.isAlive()).isFalse();
        assertThat(notices).containsExactly("kafka: no broker at " + brokers + " has answered for 500 ms; still trying"
                + " (check -kafka, Ctrl-C stops)");
    }

    @Test
    void aPublisherWithRecordsWaitingAndNoBrokerSaysSoOnceAndNotBeforeTheFirstRecord() throws Exception {
        String brokers = closedAddress();
        List<String> notices = new CopyOnWriteArrayList<>();
        KafkaPublisher p = new KafkaPublisher(new KafkaPublisher.Config(brokers, "quiet.", "s1", 1 << 20,
                Duration.ofSeconds(1), Map.of("max.block.ms", "3000"), 0, (short) 0))
                .withNotices(notices::add, Duration.ofMillis(500));
        p.start(WriterOptions.defaults("test"));
        Thread.sleep(1500);
        assertThat(notices).as("nothing to send yet: a quiet link, not a silent broker").isEmpty();
        p.accept(RecordType.TCP, new byte[0], 0, 1);
        await(notices);
        p.close();
        assertThat(notices).containsExactly("kafka: no broker at " + brokers + " has answered for 500 ms; the records"
                + " wait (up to 1 MiB), each at most 2 minutes (check -kafka)");
    }
}
