package io.netcap.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netcap.cli.sensor.KeyFiles;
import io.netcap.cli.sensor.Libsodium;
import io.netcap.cli.sensor.Sodium;
import io.netcap.packet.source.LiveCapture;
import io.netcap.testing.Corpus;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Two agents (one over IPv4, one over IPv6) send the records of two corpus captures through a relay that
 * garbles, cuts and repeats some datagrams; the collector's files hold exactly what {@code net capture}
 * writes for those captures, and every bad datagram is counted.
 */
class AgentCollectTest {
    private static final String V4_CAPTURE = "zeek__get-gzip.pcap";
    private static final String V6_CAPTURE = "chrissanders-packets__http_ip4and6.pcapng";
    /** A classic pcap file of 751 packets, fed through a pipe in two parts. */
    private static final String SLOW_CAPTURE = "zeek__bro.org.pcap";

    @TempDir
    Path tmp;

    @BeforeEach
    void libsodium() {
        Libsodium.require();
    }

    @Test
    void genKeypairWritesBothKeysIntoTheWorkingDirectory() {
        CommandLine cmd = Net.commandLine(null, Map.of());
        ((CollectCommand) cmd.getSubcommands().get("collect").getCommand()).keyDir = tmp;
        StringWriter err = new StringWriter();
        cmd.setErr(new PrintWriter(err, true));
        assertThat(cmd.execute("collect", "-gen-keypair")).isZero();
        assertThat(err.toString()).isEqualTo("wrote keys\n");
        assertThat(tmp.resolve("pub.key")).exists();
        assertThat(tmp.resolve("priv.key")).exists();
    }

    @Test
    void missingKeysAreOneLineErrors() {
        assertThat(Run.net("collect").err()).startsWith("no path to private key specified");
        Run agent = Run.net("agent", "-read", "x.pcap");
        assertThat(agent.status()).isEqualTo(1);
        assertThat(agent.err()).startsWith("need public key of server");
        assertThat(Run.net("collect", "-privkey", tmp.resolve("none").toString()).err())
                .contains("No such file or directory");
    }

    @Test
    void flagsOfRecordFilesAreRefusedAndTheAgentTakesOneInput() throws Exception {
        KeyFiles.generate(tmp, Sodium.get());
        String key = tmp.resolve("pub.key").toString();
        String pcap = Corpus.pcaps().resolve(V4_CAPTURE).toString();
        for (String flag : List.of("-kafka=127.0.0.1:1", "-parquet", "-labels=attacks.yml")) {
            assertThat(Run.net("agent", "-pubkey", key, "-read", pcap, flag).status()).as(flag).isEqualTo(2);
        }
        Run both = Run.net("agent", "-pubkey", key, "-read", pcap, "-iface", "lo");
        assertThat(both.status()).isEqualTo(2);
        assertThat(both.err()).startsWith("-read and -iface exclude each other: give one input");
        Run badName = Run.net("agent", "-pubkey", key, "-read", pcap, "-client", "bad/name");
        assertThat(badName.status()).isEqualTo(2);
        assertThat(badName.err()).startsWith("-client bad/name: allowed are 1..64 of");
        assertThat(Run.net("agent", "-pubkey", key, "-read", pcap, "-interval", "0s").err())
                .startsWith("-interval 0s: must be positive");
    }

    @Test
    void twoSensorsThroughAHostileRelayGiveTheCapturesRecords() throws Exception {
        Path out = tmp.resolve("collected");
        Collecting c = collect(out, "[::]:0");
        CollectCommand collect = c.command();
        StringWriter err = c.err();
        int[] status = c.status();
        Thread server = c.thread();
        int port = c.port();
        Relay v4;
        Relay v6;
        try {
            v4 = new Relay(new InetSocketAddress("127.0.0.1", 0), new InetSocketAddress("127.0.0.1", port));
            v6 = new Relay(new InetSocketAddress("::1", 0), new InetSocketAddress("::1", port));
        } catch (IOException e) {
            collect.stopped.countDown();
            server.join();
            assumeTrue(false, "no IPv6 loopback: " + e);
            return;
        }
        Run a = Run.net("agent", "-pubkey", tmp.resolve("pub.key").toString(), "-client", "sensor4",
                "-read", Corpus.pcaps().resolve(V4_CAPTURE).toString(), "-addr", "127.0.0.1:" + v4.port(), "-max", "1000");
        Run b = Run.net("agent", "-pubkey", tmp.resolve("pub.key").toString(), "-client", "sensor6",
                "-read", Corpus.pcaps().resolve(V6_CAPTURE).toString(), "-addr", "[::1]:" + v6.port(), "-max", "1000");
        assertThat(a.status()).as(a.err()).isZero();
        assertThat(b.status()).as(b.err()).isZero();
        // every datagram the relays sent is either written or dropped; wait until the counts settle there
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long last = -1;
        while (System.nanoTime() < deadline) {
            long sent = v4.sent() + v6.sent();
            long handled = handled(collect);
            if (handled == sent && sent == last) {
                break;
            }
            last = sent;
            Thread.sleep(100);
        }
        v4.close();
        v6.close();
        int expected = v4.forwarded.get() + v6.forwarded.get();
        collect.stopped.countDown();
        server.join(10_000);
        assertThat(status[0]).as(err.toString()).isZero();
        String summary = err.toString();
        int bad = v4.garbled.get() + v6.garbled.get();
        int cut = v4.cut.get() + v6.cut.get();
        int replayed = v4.replayed.get() + v6.replayed.get();
        assertThat(bad).isPositive();
        assertThat(cut).isPositive();
        assertThat(replayed).isPositive();
        assertThat(summary).contains("received " + expected + " batches")
                .contains("dropped datagrams: truncated " + cut + ", forged " + bad + ", replayed " + replayed
                        + ", garbled 0, bad client 0");
        assertSameRecords(V4_CAPTURE, out.resolve("sensor4"));
        assertSameRecords(V6_CAPTURE, out.resolve("sensor6"));
    }

    /**
     * The agent reads a capture from a pipe that the test fills in two parts: the collector has records of
     * the first part while the agent still waits for the second, and in the end all of them.
     */
    @Test
    void theAgentSendsWhileTheCaptureRuns() throws Exception {
        Path fifo = tmp.resolve("capture.pipe");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        } catch (IOException e) {
            assumeTrue(false, "no mkfifo to make a pipe: " + e.getMessage());
            return;
        }
        assumeTrue(mkfifo.waitFor() == 0, "mkfifo failed");
        Path out = tmp.resolve("collected");
        Collecting c = collect(out, "127.0.0.1:0");
        List<byte[]> pcap = PcapRecords.split(Files.readAllBytes(Corpus.pcaps().resolve(SLOW_CAPTURE)));
        // one worker, so the reader hands the first 256 packets over as one batch while it waits for the rest
        int first = 400;
        Run[] agent = {null};
        Thread sensor = Thread.ofPlatform().start(() -> agent[0] = Run.net("agent", "-pubkey",
                tmp.resolve("pub.key").toString(), "-client", "slow", "-read", fifo.toString(),
                "-addr", "127.0.0.1:" + c.port(), "-interval", "100ms", "-workers", "1"));
        // opening a pipe waits for its reader: bounded, so a failing agent fails the test instead of hanging it
        var opening = CompletableFuture.supplyAsync(() -> {
            try {
                return Files.newOutputStream(fifo);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try (var pipe = opening.get(30, TimeUnit.SECONDS)) {
            for (byte[] part : pcap.subList(0, first + 1)) {
                pipe.write(part);
            }
            pipe.flush();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (c.command().collector == null || c.command().collector.records() == 0) {
                assertThat(System.nanoTime()).as("no records collected while the capture runs").isLessThan(deadline);
                Thread.sleep(20);
            }
            assertThat(sensor.isAlive()).as("the agent still reads its input").isTrue();
            for (byte[] part : pcap.subList(first + 1, pcap.size())) {
                pipe.write(part);
            }
        }
        sensor.join(60_000);
        assertThat(agent[0].status()).as(agent[0].err()).isZero();
        assertThat(agent[0].err()).matches("(?s)sent \\d+ records in \\d+ datagrams to 127\\.0\\.0\\.1:\\d+\\n");
        long sent = Long.parseLong(agent[0].err().split(" ")[1]);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (c.command().collector.records() < sent && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        c.command().stopped.countDown();
        c.thread().join(10_000);
        assertThat(c.status()[0]).as(c.err().toString()).isZero();
        assertThat(out.resolve("slow")).isDirectory();
        assertSameRecords(SLOW_CAPTURE, out.resolve("slow"));
        assertThat(Files.list(tmp).map(f -> f.getFileName().toString()).sorted().toList())
                .as("the agent writes no files").containsExactly("capture.pipe", "collected", "direct-" + SLOW_CAPTURE,
                        "priv.key", "pub.key");
    }

    /**
     * {@code net agent -iface lo} (a process of its own, root and libpcap only): a datagram every 50 ms is far
     * from filling a chunk, yet its records reach the collector while the agent runs; SIGINT then ends the
     * agent in order, and everything it counts as sent is collected.
     */
    @Test
    @Timeout(120)
    void aLiveAgentSendsAQuietLinkAndStopsInOrderAtSigint() throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        assumeTrue(root && LiveCapture.libpcapAvailable(), "live capture needs root and libpcap (root=" + root + ")");
        Path out = tmp.resolve("collected");
        Collecting c = collect(out, "127.0.0.1:0");
        int[] port = {0};
        long[] sent = {0};
        try (DatagramChannel target = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
             DatagramChannel sender = DatagramChannel.open()) {
            port[0] = ((InetSocketAddress) target.getLocalAddress()).getPort();
            String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process agent = new ProcessBuilder(javaBin, "--enable-native-access=ALL-UNNAMED", "-cp",
                    System.getProperty("java.class.path"), Net.class.getName(), "agent", "-pubkey",
                    tmp.resolve("pub.key").toString(), "-client", "live", "-iface", "lo", "-bpf",
                    "udp and dst port " + port[0], "-include", "UDP", "-interval", "100ms", "-addr", "127.0.0.1:" + c.port())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            var stderr = CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(agent.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return e.toString();
                }
            });
            try {
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (c.command().collector == null || c.command().collector.records() == 0) {
                    assertThat(agent.isAlive()).as("agent ended early").isTrue();
                    assertThat(System.nanoTime()).as("no records while the agent runs").isLessThan(deadline);
                    sender.send(ByteBuffer.wrap("quiet".getBytes()), target.getLocalAddress());
                    Thread.sleep(50);
                }
                assertThat(agent.isAlive()).isTrue();
                for (int i = 0; i < 5; i++) {
                    sender.send(ByteBuffer.wrap("last".getBytes()), target.getLocalAddress());
                }
                Thread.sleep(200);
                assertThat(new ProcessBuilder("kill", "-INT", Long.toString(agent.pid())).start().waitFor()).isZero();
                assertThat(agent.waitFor(60, TimeUnit.SECONDS)).isTrue();
            } finally {
                agent.destroyForcibly();
            }
            String err = stderr.get(10, TimeUnit.SECONDS);
            assertThat(agent.exitValue()).as(err).isZero();
            Matcher m = Pattern.compile("sent (\\d+) records in \\d+ datagrams").matcher(err);
            assertThat(m.find()).as(err).isTrue();
            sent[0] = Long.parseLong(m.group(1));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (c.command().collector.records() < sent[0] && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(c.command().collector.records()).isEqualTo(sent[0]);
            assertThat(sent[0]).isGreaterThanOrEqualTo(6);
        } finally {
            c.command().stopped.countDown();
            c.thread().join(10_000);
        }
        try (var reader = io.netcap.io.RecordReader.open(out.resolve("live").resolve("UDP.ncap.gz"))) {
            long n = 0;
            for (var m = reader.next(); m != null; m = reader.next(), n++) {
                assertThat(((io.netcap.types.UDP) m).getDstPort()).isEqualTo(port[0]);
            }
            assertThat(n).isEqualTo(sent[0]);
        }
    }

    /** A running {@code net collect} in this JVM, with a new key pair in the test's directory. */
    private record Collecting(CollectCommand command, StringWriter err, int[] status, Thread thread, int port) {}

    private Collecting collect(Path out, String addr) throws Exception {
        KeyFiles.generate(tmp, Sodium.get());
        CommandLine cmd = Net.commandLine(null, Map.of());
        CollectCommand collect = (CollectCommand) cmd.getSubcommands().get("collect").getCommand();
        StringWriter err = new StringWriter();
        cmd.setErr(new PrintWriter(err, true));
        int[] status = {-1};
        Thread server = Thread.ofPlatform().start(() -> status[0] = cmd.execute("collect", "-privkey",
                tmp.resolve("priv.key").toString(), "-addr", addr, "-out", out.toString()));
        return new Collecting(collect, err, status, server, port(err));
    }

    /** Datagrams the collector wrote or dropped so far. */
    private static long handled(CollectCommand collect) {
        var c = collect.collector;
        return c == null ? 0 : c.batches() + c.dropped().values().stream().mapToLong(Long::longValue).sum();
    }

    /** The collector's files of one sensor hold the multiset of records {@code net capture} writes. */
    private void assertSameRecords(String capture, Path collected) throws IOException {
        Path direct = tmp.resolve("direct-" + capture);
        Run c = CaptureCommandTest.capture(Map.of(), "-read", Corpus.pcaps().resolve(capture).toString(),
                "-out", direct.toString(), "-quiet");
        assertThat(c.status()).isZero();
        Map<String, List<String>> want = records(direct);
        assertThat(want).isNotEmpty();
        assertThat(records(collected)).isEqualTo(want);
    }

    private static Map<String, List<String>> records(Path dir) throws IOException {
        Map<String, List<String>> out = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.filter(f -> f.toString().endsWith(".ncap.gz")).toList()) {
                List<String> lines = Run.net("dump", "-read", f.toString(), "-json").lines().stream().sorted().toList();
                if (!lines.isEmpty()) {
                    out.put(f.getFileName().toString(), lines);
                }
            }
        }
        return out;
    }

    private static int port(StringWriter err) throws InterruptedException {
        return Integer.parseInt(Run.awaitLine(err, "listening on udp \\S*:(\\d+)").group(1));
    }

    /**
     * Forwards every datagram once; besides, of every 3rd a copy with one byte flipped, of every 4th a copy
     * cut to 40 bytes, and of every 5th the same bytes again.
     */
    static final class Relay implements AutoCloseable {
        final DatagramChannel in;
        final DatagramChannel out;
        final AtomicInteger forwarded = new AtomicInteger();
        final AtomicInteger garbled = new AtomicInteger();
        final AtomicInteger cut = new AtomicInteger();
        final AtomicInteger replayed = new AtomicInteger();
        final Thread thread;

        Relay(InetSocketAddress listen, InetSocketAddress target) throws IOException {
            in = DatagramChannel.open().bind(listen);
            out = DatagramChannel.open().connect(target);
            thread = Thread.ofPlatform().daemon(true).start(this::loop);
        }

        /** Datagrams sent on, copies included. */
        long sent() {
            return forwarded.get() + garbled.get() + cut.get() + replayed.get();
        }

        int port() throws IOException {
            return ((InetSocketAddress) in.getLocalAddress()).getPort();
        }

        private void loop() {
            ByteBuffer buf = ByteBuffer.allocate(65536);
            try {
                for (int n = 1; ; n++) {
                    buf.clear();
                    in.receive(buf);
                    byte[] d = Arrays.copyOf(buf.array(), buf.position());
                    send(d);
                    forwarded.incrementAndGet();
                    if (n % 3 == 0) {
                        byte[] g = d.clone();
                        g[g.length / 2] ^= 0x10;
                        send(g);
                        garbled.incrementAndGet();
                    }
                    if (n % 4 == 0) {
                        send(Arrays.copyOf(d, 40));
                        cut.incrementAndGet();
                    }
                    if (n % 5 == 0) {
                        send(d);
                        replayed.incrementAndGet();
                    }
                }
            } catch (ClosedChannelException e) {
                // closed by the test
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void send(byte[] d) throws IOException {
            out.write(ByteBuffer.wrap(d));
        }

        @Override
        public void close() throws IOException {
            in.close();
            out.close();
        }
    }
}
