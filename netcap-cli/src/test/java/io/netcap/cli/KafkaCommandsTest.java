package io.netcap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.kafka.Broker;
import io.netcap.testing.Corpus;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code net capture -kafka} and {@code net collect -kafka} as commands, against a real in-process
 * broker (docs/scale-out.md, "Kafka"): what the collector writes dumps as what the capture wrote.
 */
class KafkaCommandsTest {
    @RegisterExtension
    static final Broker broker = Broker.perTestClass();

    @TempDir
    Path tmp;

    @Test
    void captureToKafkaThenCollectGivesTheSameRecords() throws Exception {
        // The test broker does not create topics on first use: the capture creates them, TCP made ahead is kept.
        broker.createTopics("netcap.TCP");
        Path out = tmp.resolve("out");
        Run c = CaptureCommandTest.capture(Map.of(), "-read", Corpus.pcaps().resolve("zeek__bro.org.pcap").toString(),
                "-out", out.toString(), "-quiet", "-kafka", broker.bootstrap(), "-kafka-sensor", "s1",
                "-kafka-partitions", "2", "-kafka-replication", "1");
        assertThat(c.status()).as(c.err()).isZero();
        String summary = Files.readString(out.resolve("summary.json"));
        assertThat(summary).as(c.err()).contains("\"kafka\": {").contains("\"dropped\": 0").contains("\"failed\": 0");
        assertThat(broker.partitions("netcap.IPv4")).isEqualTo(2);
        assertThat(broker.partitions("netcap.TCP")).isEqualTo(3);

        CommandLine cmd = Net.commandLine(null, Map.of());
        CollectCommand collect = (CollectCommand) cmd.getSubcommands().get("collect").getCommand();
        StringWriter err = new StringWriter();
        cmd.setErr(new PrintWriter(err, true));
        Path collected = tmp.resolve("collected");
        int[] status = {-1};
        Thread server = Thread.ofPlatform().start(() -> status[0] = cmd.execute("collect", "-kafka", broker.bootstrap(),
                "-out", collected.toString(), "-kafka-group", "cli"));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (collect.kafkaCollector == null && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(collect.kafkaCollector).as(err.toString()).isNotNull();
        broker.awaitCaughtUp(collect.kafkaCollector, "netcap.", Duration.ofSeconds(120));
        collect.stopped.countDown();
        server.join();
        assertThat(status[0]).as(err.toString()).isZero();
        assertThat(err.toString()).contains("collected records ").contains("garbled 0");
        assertThat(records(collected.resolve("s1"))).isEqualTo(records(out));
    }

    /** {@code dump -json} lines per record file, sorted: the multiset of records. */
    private static Map<String, List<String>> records(Path dir) throws IOException {
        Map<String, List<String>> out = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.filter(f -> f.toString().endsWith(".ncap.gz")).toList()) {
                out.put(f.getFileName().toString(),
                        Run.net("dump", "-read", f.toString(), "-json").lines().stream().sorted().toList());
            }
        }
        assertThat(out).isNotEmpty();
        return out;
    }
}
