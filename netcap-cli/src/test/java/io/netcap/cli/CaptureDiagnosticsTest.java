package io.netcap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netcap.io.RecordReader;
import io.netcap.testing.Ports;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code capture -cpuprof}, {@code -memprof} and {@code -http-shutdown} (docs/engine.md, "Profiles" and "Stopping a
 * capture"): the profiles are Flight Recorder files holding the samples they promise; a request to the shutdown address
 * ends a capture that would run on, with every file complete.
 */
class CaptureDiagnosticsTest {
    private static final Path SAMPLE = Path.of("..", "samples", "http-get-gzip.pcap");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void profilesAreFlightRecordingsOfTheRun() throws Exception {
        Path out = tmp.resolve("out");
        Path mem = tmp.resolve("elsewhere/mem.jfr");
        Run r = CaptureCommandTest.capture(Map.of(), "-read", SAMPLE.toString(), "-out", out.toString(), "-cpuprof",
                "-memprof", "-memprofile", mem.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err()).contains("profile: " + out.resolve("netcap-cpu.jfr").toAbsolutePath())
                .contains("profile: " + mem.toAbsolutePath());
        // method samples of the capture's own code, the heap's class histogram
        assertThat(events(out.resolve("netcap-cpu.jfr"), "jdk.ExecutionSample").stream().filter(e -> e.getStackTrace() != null
                && e.getStackTrace().getFrames().stream().anyMatch(f -> f.getMethod().getType().getName().startsWith("io.netcap.engine"))))
                .isNotEmpty();
        assertThat(events(mem, "jdk.ObjectCount")).isNotEmpty();
        assertThat(events(mem, "jdk.GCHeapSummary")).isNotEmpty();
        assertThat(out.resolve("TCP.ncap.gz")).exists();
    }

    @Test
    void aRequestToTheShutdownAddressEndsTheCaptureInOrder() throws Exception {
        int port = Ports.unused();
        // a capture that goes on until stopped: the sample's packets again and again through a pipe
        Path fifo = tmp.resolve("live.pcap");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        byte[] pcap = Files.readAllBytes(SAMPLE);
        AtomicInteger rounds = new AtomicInteger();
        Thread feeder = Thread.ofPlatform().daemon().start(() -> feed(fifo, pcap, rounds));
        Path out = tmp.resolve("out");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CaptureCommand command = new CaptureCommand("test", new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true), null)
                .withShutdownAddress(new InetSocketAddress("127.0.0.1", port));
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> command.run(
                List.of("-read", fifo.toString(), "-out", out.toString(), "-quiet", "-http-shutdown"), Map.of()));

        // more rounds than the pipe holds: the capture is reading
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (rounds.get() < 20 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(rounds.get()).as(err.toString()).isGreaterThanOrEqualTo(20);
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest cleanup = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/cleanup")).build();
        HttpResponse<String> answer = null;
        while (System.nanoTime() < deadline) { // until the capture serves
            try {
                answer = http.send(cleanup, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    break;
                }
            } catch (IOException notYet) {
                // not serving yet
            }
            Thread.sleep(50);
        }
        assertThat(answer).isNotNull();
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("OK\n");
        assertThat(run.get(30, TimeUnit.SECONDS)).as(err.toString()).isZero();
        feeder.interrupt();

        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        assertThat(summary.path("interrupted").asBoolean()).isTrue();
        long tcp = summary.path("records").path("TCP").asLong();
        assertThat(tcp).isPositive();
        long read = 0;
        try (RecordReader reader = RecordReader.open(out.resolve("TCP.ncap.gz"))) {
            while (reader.next() != null) {
                read++;
            }
        }
        assertThat(read).isEqualTo(tcp); // every file flushed and closed
        // the address is free again once the capture has ended
        try (ServerSocket again = new ServerSocket(port, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
    }

    /** Writes the capture's header once and its packets over and over, slowly, until the reader goes away. */
    private static void feed(Path fifo, byte[] pcap, AtomicInteger rounds) {
        try (OutputStream o = Files.newOutputStream(fifo)) {
            o.write(pcap, 0, 24);
            while (!Thread.currentThread().isInterrupted()) {
                o.write(pcap, 24, pcap.length - 24);
                o.flush();
                rounds.incrementAndGet();
                Thread.sleep(5);
            }
        } catch (IOException | InterruptedException e) {
            // the capture closed the pipe, or the test ended
        }
    }

    private static List<RecordedEvent> events(Path jfr, String type) throws IOException {
        return RecordingFile.readAllEvents(jfr).stream().filter(e -> e.getEventType().getName().equals(type)).toList();
    }
}
