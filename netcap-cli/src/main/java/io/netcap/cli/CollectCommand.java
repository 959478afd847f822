package io.netcap.cli;

import io.netcap.cli.sensor.Collector;
import io.netcap.cli.sensor.KeyFiles;
import io.netcap.cli.sensor.Sodium;
import io.netcap.kafka.KafkaCollector;
import io.netcap.kafka.Topics;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code net collect}: the collection server of the sensor path (docs/scale-out.md, "Sensors"). Runs
 * until stopped; a stop closes every file complete and prints what was received and dropped.
 */
@Command(name = "collect", description = "Receive audit records from sensors (net agent) over UDP, or from Kafka.",
        footer = {"", "Examples:", "  net collect -gen-keypair", "  net collect -privkey priv.key -addr 127.0.0.1:1335 -out records",
                "  net collect -kafka localhost:9092 -out records"})
public final class CollectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-addr", "--addr"}, paramLabel = "<host:port>", description = "UDP address to listen on")
    String addr = "127.0.0.1:1335";

    @Option(names = {"-privkey", "--privkey"}, paramLabel = "<file>", description = "the collector's private key file")
    String privkey = "";

    @Option(names = {"-gen-keypair", "--gen-keypair"}, arity = "0..1", fallbackValue = "true",
            description = "write a key pair (pub.key, priv.key) to the current directory and exit")
    boolean genKeypair;

    @Option(names = {"-out", "--out"}, paramLabel = "<dir>", description = "directory of the per-sensor record directories")
    String out = ".";

    @Option(names = {"-kafka", "--kafka"}, paramLabel = "<host:port,...>",
            description = "read the records from these Kafka brokers instead of UDP (topics of -kafka-topic-prefix)")
    String kafka = "";

    @Option(names = {"-kafka-topic-prefix", "--kafka-topic-prefix"}, paramLabel = "<prefix>",
            description = "the topics to read: this prefix and a record type (netcap.TCP)")
    String kafkaTopicPrefix = Topics.DEFAULT_PREFIX;

    @Option(names = {"-kafka-group", "--kafka-group"}, paramLabel = "<id>",
            description = "Kafka consumer group; the committed offsets are the group's")
    String kafkaGroup = "netcap-collect";

    @Option(names = {"-membuf-size", "--membuf-size"}, hidden = true)
    int membufSize;

    @Option(names = {"-h", "-help", "--help"}, description = "print usage and exit")
    boolean help;

    /** The working directory the key pair goes to; tests set their own. */
    Path keyDir = Path.of("");

    /** Released by a stop; tests release it instead of a signal. */
    final CountDownLatch stopped = new CountDownLatch(1);

    /** The running collector, for tests to follow its counts. */
    volatile Collector collector;

    /** The running Kafka collector, for tests. */
    volatile KafkaCollector kafkaCollector;

    /** "truncated 1, forged 2, ..." */
    private static String describe(Map<?, Long> counts) {
        StringBuilder sb = new StringBuilder();
        counts.forEach((what, n) -> sb.append(sb.isEmpty() ? "" : ", ")
                .append((what instanceof Enum<?> e ? e.name() : what.toString()).toLowerCase(Locale.ROOT).replace('_', ' '))
                .append(' ').append(n));
        return sb.toString();
    }

    /** The records of Kafka's topics into record files (docs/scale-out.md, "Kafka"). */
    private int collectKafka(PrintWriter err) throws InterruptedException {
        String invalid = Topics.invalidPrefix(kafkaTopicPrefix);
        if (invalid != null) {
            err.println(invalid);
            return 2;
        }
        try {
            KafkaCollector c = new KafkaCollector(KafkaCollector.Config.of(kafka, kafkaTopicPrefix, kafkaGroup, Path.of(out)))
                    .withNotices(err::println, Duration.ofSeconds(10));
            this.kafkaCollector = c;
            err.println("reading Kafka topics " + kafkaTopicPrefix + "* at " + kafka + " into " + out);
            err.flush();
            serve(c::run, c::stop, () -> err.println("collected " + describe(c.stats())), err);
            return 0;
        } catch (IOException | KafkaException e) {
            err.println("collect: " + IoReason.describe(e));
            return 1;
        }
    }

    /** What {@link #serve} runs, and how it stops it. */
    private interface Body {
        void run() throws IOException;
    }

    /**
     * Runs {@code body} on its own thread until it ends or a signal (or a test) releases {@link #stopped};
     * then calls {@code stop}, waits for the body and reports. A signal's exit waits for that.
     */
    private void serve(Body body, Body stop, Runnable report, PrintWriter err) throws InterruptedException, IOException {
        Thread worker = Thread.ofPlatform().name("netcap-collect").start(() -> {
            try {
                body.run();
            } catch (IOException | RuntimeException e) {
                err.println("collect: " + IoReason.describe(e));
            } finally {
                stopped.countDown();
            }
        });
        UntilStopped.await(stopped, () -> {
            stop.run();
            worker.join();
            report.run();
            err.flush();
        });
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        if (!kafka.isEmpty()) {
            return collectKafka(err);
        }
        java.net.InetSocketAddress at = Addresses.parse("-addr", addr, err); // a value error before anything starts
        if (at == null) {
            return GoFlags.USAGE_ERROR;
        }
        try {
            Sodium sodium = Sodium.get();
            if (genKeypair) {
                KeyFiles.generate(keyDir.toAbsolutePath(), sodium);
                err.println("wrote keys");
                return 0;
            }
            if (privkey.isEmpty()) {
                err.println("no path to private key specified: give -privkey priv.key (net collect -gen-keypair writes one)");
                return 1;
            }
            byte[] secret = KeyFiles.read(Path.of(privkey));
            try (Collector collector = new Collector(at, secret, Path.of(out), sodium,
                    new PrintStream(System.err, true))) {
                this.collector = collector;
                err.println("listening on udp " + collector.address());
                err.flush();
                serve(collector::run, collector::close, () -> err.println("received " + collector.batches() + " batches, "
                        + collector.records() + " records; dropped datagrams: " + describe(collector.dropped())
                        + collector.unwritten()), err);
            }
            return 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            err.println("collect: " + IoReason.describe(e));
            return 1;
        }
    }
}
