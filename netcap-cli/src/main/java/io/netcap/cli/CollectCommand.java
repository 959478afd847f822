package io.netcap.cli;

import io.netcap.cli.sensor.Collector;
import io.netcap.cli.sensor.KeyFiles;
import io.netcap.cli.sensor.SensorDatagram.Rejection;
import io.netcap.cli.sensor.Sodium;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code net collect}: the collection server of the sensor path (docs/scale-out.md, "Sensors"). Runs
 * until stopped; a stop closes every file complete and prints what was received and dropped.
 */
@Command(name = "collect", description = "Receive audit records from sensors (net agent) over UDP.",
        footer = {"", "Examples:", "  net collect -gen-keypair", "  net collect -privkey priv.key -addr 127.0.0.1:1335 -out records"})
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

    /** "truncated 1, forged 2, ..." */
    private static String describe(Map<Rejection, Long> dropped) {
        StringBuilder sb = new StringBuilder();
        dropped.forEach((why, n) -> sb.append(sb.isEmpty() ? "" : ", ")
                .append(why.name().toLowerCase(Locale.ROOT).replace('_', ' ')).append(' ').append(n));
        return sb.toString();
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
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
            try (Collector collector = new Collector(Addresses.parse("-addr", addr), secret, Path.of(out), sodium,
                    new PrintStream(System.err, true))) {
                this.collector = collector;
                Thread receiver = Thread.ofPlatform().name("netcap-collect").start(() -> {
                    try {
                        collector.run();
                    } catch (IOException e) {
                        err.println("collect: " + e.getMessage());
                    } finally {
                        stopped.countDown();
                    }
                });
                err.println("listening on udp " + collector.address());
                err.flush();
                UntilStopped.await(stopped, () -> {
                    collector.close();
                    receiver.join();
                    err.println("received " + collector.batches() + " batches, " + collector.records()
                            + " records; dropped datagrams: " + describe(collector.dropped()));
                    err.flush();
                });
            }
            return 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            err.println("collect: " + IoReason.describe(e));
            return 1;
        }
    }
}
