package io.netcap.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code collect -kafka} with no broker at its address says so, instead of waiting without a word. */
class KafkaCollectorNoticesTest {
    @TempDir
    Path tmp;

    @Test
    void aBrokerThatNeverAnswersIsReportedOnce() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort(); // free once closed: connections are refused
        }
        String brokers = "127.0.0.1:" + closed;
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
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (notices.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(1000); // a second period: still one notice
        c.stop();
        t.join(Duration.ofSeconds(30));
        assertThat(t.isAlive()).isFalse();
        assertThat(notices).containsExactly("kafka: no broker at " + brokers + " has answered for 500 ms; still trying"
                + " (check -kafka, Ctrl-C stops)");
    }
}
