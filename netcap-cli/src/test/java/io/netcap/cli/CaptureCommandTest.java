package io.netcap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.testing.Corpus;
import io.netcap.types.RecordType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code net capture}'s flags: sources, precedence, exit statuses and the actions that do not capture. */
class CaptureCommandTest {
    @TempDir
    Path tmp;

    static Run capture(Map<String, String> env, String... args) {
        return capture(null, env, args);
    }

    /** A run with a terminal that answers {@code prompt} (null: not a terminal). */
    static Run capture(CaptureCommand.Prompt prompt, Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new CaptureCommand("test", new PrintStream(out), new PrintStream(err), prompt)
                .run(List.of(args), env);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void flagErrorsExitTwo() {
        assertThat(capture(Map.of(), "-bogus").status()).isEqualTo(2);
        assertThat(capture(Map.of(), "-workers", "x").status()).isEqualTo(2);
        assertThat(capture(Map.of("NC_PBUF", "lots")).status()).isEqualTo(2);
    }

    @Test
    void fatalErrorsExitOne() {
        Run none = capture(Map.of());
        assertThat(none.status()).isEqualTo(1);
        assertThat(none.err()).contains("nothing to do");
        assertThat(capture(Map.of(), "-read", "x.ncap.gz").status()).isEqualTo(1);
        assertThat(capture(Map.of(), "-read", "a.pcap", "b.pcap").err()).contains("two consecutive args");
        assertThat(capture(Map.of(), "-read", "a.pcap", "-include", "Nope").err()).contains("invalid decoder: Nope");
    }

    /**
     * A -pbuf whose queues the heap cannot hold is refused, naming what they would take and the most it allows (it
     * was an OutOfMemoryError with a stack trace while the queues were made).
     */
    @Test
    void aQueueLargerThanTheHeapAllowsIsRefused() {
        Run r = capture(Map.of(), "-read", TransformCommandTest.SAMPLE.toString(), "-out", tmp.resolve("big").toString(),
                "-pbuf", "100000000", "-workers", "2");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).containsPattern("capture failed: -pbuf 100000000 with 2 workers: their queues would take "
                + "\\d+ MiB, more than a quarter of the \\d+ MiB heap; -pbuf at most \\d+ with 2 workers; fewer workers or "
                + "a larger heap \\(NET_JAVA_OPTS=-Xmx...\\) take more")
                .doesNotContain("OutOfMemoryError").doesNotContain("\tat ");
    }

    @Test
    void versionAndOverview() {
        assertThat(capture(Map.of(), "-version").out()).isEqualTo("test\n");
        String overview = capture(Map.of(), "-overview").out();
        assertThat(overview).startsWith("| Type | File | Kind | #Fields | Fields |\n|---|");
        assertThat(overview.lines().takeWhile(l -> !l.isEmpty()).count()).isEqualTo(2 + RecordType.values().length);
        assertThat(overview).endsWith("\n" + io.netcap.decoder.Protocols.markdown());
        assertThat(overview).contains("| VRRPv2 | VRRP | layer |").contains("CommunityID");
    }

    @Test
    void generatedConfigDrivesARun() throws Exception {
        String conf = capture(Map.of(), "-gen-config").out();
        Path file = tmp.resolve("net.capture.conf");
        Path out = tmp.resolve("from-config");
        Files.writeString(file, conf.replace("\nout \n", "\nout " + out + "\n")
                .replace("\ncompress true\n", "\ncompress false\n")
                .replace("\ninclude \n", "\ninclude Ethernet,Connection\n")
                .replace("\nread \n", "\nread " + Corpus.pcaps().resolve("zeek__get-gzip.pcap") + "\n")
                .replace("\nquiet false\n", "\nquiet true\n"));
        assertThat(capture(Map.of(), "-config", file.toString()).status()).isZero();
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.contains(".ncap")))
                    .containsExactlyInAnyOrder("Ethernet.ncap", "Connection.ncap");
        }
    }

    @Test
    void environmentOverridesTheFileAndTheCommandLineWins() throws Exception {
        Path file = tmp.resolve("c.conf");
        Files.writeString(file, "include TCP\ncompress false\nworkers 1\n");
        Path out = tmp.resolve("env");
        Map<String, String> env = Map.of("NC_CONFIG", file.toString(), "NC_INCLUDE", "UDP,IPv4",
                "NC_COMPRESS", "true", "NC_OUT", tmp.resolve("not-this").toString());
        Run r = capture(env, "-read", Corpus.pcaps().resolve("suricata-verify__dns-frames_input.pcap").toString(),
                "-out", out.toString(), "-quiet");
        assertThat(r.status()).as(r.err()).isZero();
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.contains(".ncap")))
                    .containsExactlyInAnyOrder("UDP.ncap.gz", "IPv4.ncap.gz");
        }
        assertThat(tmp.resolve("not-this")).doesNotExist();
    }
}
