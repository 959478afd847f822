package io.netcap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code capture -unix} (docs/scale-out.md, "Unix datagram sockets"): receivers bound here get, datagram after
 * datagram, exactly the text of the {@code -csv} run's files; types without a receiver are counted, not fatal.
 */
class UnixSocketTest {
    private static final Path SAMPLE = Path.of("..", "samples", "http-get-gzip.pcap");

    @TempDir
    Path tmp;

    /** Collects the datagrams of a bound socket until stopped. */
    private static final class Receiver implements AutoCloseable {
        final ByteArrayOutputStream text = new ByteArrayOutputStream();
        final List<Integer> sizes = new ArrayList<>();
        private final UnixDatagram socket;
        private final AtomicBoolean stop = new AtomicBoolean();
        private final Thread thread;

        Receiver(Path path) throws IOException {
            socket = UnixDatagram.bind(path, Duration.ofMillis(100));
            thread = Thread.ofPlatform().start(() -> {
                try {
                    while (true) {
                        byte[] d = socket.receive();
                        if (d == null) {
                            if (stop.get()) {
                                return;
                            }
                            continue;
                        }
                        synchronized (text) {
                            text.writeBytes(d);
                            sizes.add(d.length);
                        }
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        String text() {
            synchronized (text) {
                return text.toString(StandardCharsets.UTF_8);
            }
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            thread.join(5_000);
            socket.close();
        }
    }

    private static String gunzip(Path gz) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theCsvLinesGoToEachTypesSocket() throws Exception {
        Path sockets = Files.createDirectories(tmp.resolve("s"));
        Path csv = tmp.resolve("csv");
        Run plain = CaptureCommandTest.capture(Map.of(), "-read", SAMPLE.toString(), "-out", csv.toString(), "-quiet",
                "-csv", "-workers", "1");
        assertThat(plain.status()).as(plain.err()).isZero();
        Path out = tmp.resolve("out");
        Run r;
        try (Receiver tcp = new Receiver(sockets.resolve("TCP.sock"));
             Receiver http = new Receiver(sockets.resolve("HTTP.sock"))) {
            r = CaptureCommandTest.capture(Map.of(), "-read", SAMPLE.toString(), "-out", out.toString(), "-quiet",
                    "-unix", "-unix-dir", sockets.toString(), "-workers", "1");
            assertThat(r.status()).as(r.err()).isZero();
            Thread.sleep(300); // the receivers read what is queued
            tcp.close();
            http.close();
            assertThat(tcp.text()).isEqualTo(gunzip(csv.resolve("TCP.csv.gz")));
            assertThat(http.text()).isEqualTo(gunzip(csv.resolve("HTTP.csv.gz")));
            assertThat(tcp.sizes).allMatch(n -> n <= UnixSocketTap.DATAGRAM);
        }
        // 14 TCP segments (TShark) and one HTTP exchange went out; no record files; the other types had no
        // receiver: counted, and named once each
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".gz"));
        }
        String summary = Files.readString(out.resolve("summary.json"));
        assertThat(summary).contains("\"unix\": {", "\"records\": 15", "\"datagrams_not_taken\": 0")
                .containsPattern("\"records_without_receiver\": [1-9]");
        assertThat(r.err()).contains("unix: Ethernet records not sent: ").contains("No such file or directory")
                .doesNotContain("unix: TCP");
    }

    @Test
    void unixIsRefusedWithKafkaAndEncodeNeedsCsvOrUnix() {
        Run kafka = CaptureCommandTest.capture(Map.of(), "-read", SAMPLE.toString(), "-out", tmp.resolve("x").toString(),
                "-unix", "-kafka", "localhost:9092");
        assertThat(kafka.status()).isEqualTo(2);
        assertThat(kafka.err()).startsWith("-unix and -kafka: the records go to one of them");
    }
}
