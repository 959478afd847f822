package io.netcap.cli;

import static io.netcap.cli.CaptureCommandTest.capture;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What {@code net capture} reads (docs/engine.md, "Inputs") and what it says while doing so. */
class CaptureInputTest {

    @TempDir
    Path tmp;

    @Test
    void aDirectoryIsNamedAsOne() throws Exception {
        Run r = capture(Map.of(), "-read", tmp.toString(), "-out", tmp.resolve("out").toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("cannot open " + tmp + ": Is a directory (give one pcap or pcapng file)\n");
        assertThat(tmp.resolve("out")).doesNotExist();
        Run missing = capture(Map.of(), "-read", tmp.resolve("nope.pcap").toString());
        assertThat(missing.err()).isEqualTo("cannot open " + tmp.resolve("nope.pcap") + ": No such file or directory\n");
    }

    @Test
    void tsharkAndZeekSpellings() throws Exception {
        Path a = tmp.resolve("a");
        assertThat(capture(Map.of(), "-r", CaptureSafetyTest.dns().toString(), "-out", a.toString(), "-quiet").status()).isZero();
        Path b = tmp.resolve("b");
        assertThat(capture(Map.of(), CaptureSafetyTest.dns().toString(), "-out", b.toString(), "-quiet").status()).isZero();
        assertThat(counts(b)).isEqualTo(counts(a)).isNotEmpty();
        Run two = capture(Map.of(), "-out", b.toString(), "-quiet", "-overwrite", CaptureSafetyTest.dns().toString());
        assertThat(two.status()).isEqualTo(2);
        assertThat(two.err()).startsWith("unexpected argument " + CaptureSafetyTest.dns() + ": give the capture file with -read\n");
    }

    @Test
    void aTruncatedCaptureIsAWarningWithTheOffset() throws Exception {
        byte[] whole = Files.readAllBytes(CaptureSafetyTest.dns());
        Path cut = tmp.resolve("cut.pcap");
        Files.write(cut, Arrays.copyOf(whole, whole.length - 10));
        Run r = capture(Map.of(), "-read", cut.toString(), "-out", tmp.resolve("o").toString());
        assertThat(r.status()).isZero();
        assertThat(r.err().lines().filter(l -> l.startsWith("warning: ")))
                .singleElement().asString().startsWith("warning: " + cut + ": damaged capture, offset ");
    }

    @Test
    void humanOutputOnStderrWithOneTiming() throws Exception {
        Run r = capture(Map.of(), "-read", CaptureSafetyTest.dns().toString(), "-out", tmp.resolve("o").toString());
        assertThat(r.status()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("opening " + CaptureSafetyTest.dns());
        assertThat(r.err().lines().filter(l -> l.contains("packets/s") || l.contains("pkts/sec"))).singleElement()
                .asString().startsWith("packets/s ");
        Run timed = capture(Map.of(), "-read", CaptureSafetyTest.dns().toString(), "-out", tmp.resolve("t").toString(), "-quiet", "-time");
        assertThat(timed.err()).matches("\\d+ packets in \\d+\\.\\d{3} s, \\d+ packets/s\n");
    }

    /** A pipe, not a file: the pcap stream is read as it comes (no copy, no percentage). */
    @ParameterizedTest
    @ValueSource(strings = {"-", "/dev/stdin"})
    void standardInput(String name) throws Exception {
        Path out = tmp.resolve("stdin");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Net.class.getName(),
                "capture", "-read", name, "-out", out.toString(), "-quiet", "-include", "DNS,UDP").start();
        try (OutputStream in = p.getOutputStream()) {
            Files.copy(CaptureSafetyTest.dns(), in);
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        p.getErrorStream().transferTo(err);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err.toString()).isZero();
        assertThat(Files.readString(out.resolve("summary.json"))).contains("\"DNS\": ");
        Path file = tmp.resolve("file");
        assertThat(capture(Map.of(), "-read", CaptureSafetyTest.dns().toString(), "-out", file.toString(), "-quiet", "-include", "DNS,UDP")
                .status()).isZero();
        assertThat(counts(out)).isEqualTo(counts(file));
    }

    /** The packet and DNS record counts of a run's summary.json. */
    static List<String> counts(Path out) throws Exception {
        return Files.readString(out.resolve("summary.json")).lines()
                .filter(l -> l.contains("\"DNS\"") || l.contains("\"packets\"")).toList();
    }
}
