package io.netcap.cli;

import static io.netcap.cli.CaptureCommandTest.capture;
import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.testing.Corpus;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code net capture} does not lose data and does not ignore what it was asked (docs/engine.md, "Output
 * directory", "Flags", "Inputs"): one test per finding, asserting exit status, the stderr line and the
 * files before and after.
 */
class CaptureSafetyTest {
    /** A DNS capture of the corpus; a test that needs it says it skips when the corpus is absent. */
    static Path dns() {
        return Corpus.pcaps().resolve("suricata-verify__dns-frames_input.pcap");
    }

    @TempDir
    Path tmp;

    private static List<String> names(Path dir) throws Exception {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private Path earlierRun() throws Exception {
        Path out = tmp.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("TCP.ncap.gz"), "earlier");
        Files.writeString(out.resolve("HTTP.ncap.gz"), "earlier");
        return out;
    }

    @Test
    void anEarlierRunsRecordsAreKeptWithoutOverwrite() throws Exception {
        Path out = earlierRun();
        Run r = capture(Map.of(), "-read", dns().toString(), "-out", out.toString(), "-quiet");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("-out " + out + ": holds 2 audit record files of an earlier run;"
                + " use -overwrite to replace them or choose another -out");
        assertThat(names(out)).containsExactly("HTTP.ncap.gz", "TCP.ncap.gz");
        assertThat(Files.readString(out.resolve("TCP.ncap.gz"))).isEqualTo("earlier");
    }

    @Test
    void overwriteReplacesAnEarlierRunsRecords() throws Exception {
        Path out = earlierRun();
        Run r = capture(Map.of(), "-read", dns().toString(), "-out", out.toString(), "-quiet", "-overwrite");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(names(out)).doesNotContain("HTTP.ncap.gz").contains("DNS.ncap.gz", "UDP.ncap.gz", "summary.json");
    }

    @Test
    void theTerminalIsAskedUnlessNoprompt() throws Exception {
        Path out = earlierRun();
        List<String> asked = new java.util.ArrayList<>();
        Run no = capture(q -> asked.add(q) && false, Map.of(), "-read", dns().toString(), "-out", out.toString());
        assertThat(no.status()).isEqualTo(1);
        assertThat(asked).containsExactly("2 audit record files found in output path " + out + "! Overwrite? [y/N] ");
        assertThat(names(out)).containsExactly("HTTP.ncap.gz", "TCP.ncap.gz");

        Run skipped = capture(q -> asked.add(q), Map.of(), "-read", dns().toString(), "-out", out.toString(), "-noprompt");
        assertThat(skipped.status()).isEqualTo(1);
        assertThat(asked).hasSize(1);
        assertThat(names(out)).containsExactly("HTTP.ncap.gz", "TCP.ncap.gz");

        Run yes = capture(q -> true, Map.of(), "-read", dns().toString(), "-out", out.toString());
        assertThat(yes.status()).as(yes.err()).isZero();
        assertThat(names(out)).doesNotContain("HTTP.ncap.gz").contains("DNS.ncap.gz");
        assertThat(Files.readAllBytes(out.resolve("TCP.ncap.gz"))).isNotEqualTo("earlier".getBytes());
    }

    @Test
    void otherFilesInTheOutputDirectoryAreLeftAlone() throws Exception {
        Path out = tmp.resolve("mixed");
        Files.createDirectories(out);
        Files.writeString(out.resolve("notes.txt"), "mine");
        assertThat(capture(Map.of(), "-read", dns().toString(), "-out", out.toString(), "-quiet").status()).isZero();
        assertThat(Files.readString(out.resolve("notes.txt"))).isEqualTo("mine");
    }

    @Test
    void anOutThatIsAFileFailsBeforeReading() throws Exception {
        Path file = tmp.resolve("file");
        Files.writeString(file, "x");
        Run r = capture(Map.of(), "-read", dns().toString(), "-out", file.toString(), "-quiet");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("-out " + file + ": Not a directory");
        Run below = capture(Map.of(), "-read", dns().toString(), "-out", file.resolve("sub").toString(), "-quiet");
        assertThat(below.status()).isEqualTo(1);
        assertThat(below.err().strip()).startsWith("-out " + file.resolve("sub") + ": cannot create: ")
                .doesNotContain("Self-suppression");
        assertThat(Files.readString(file)).isEqualTo("x");
    }

    @Test
    void aReadOnlyOutFailsBeforeReadingWithTheReason() throws Exception {
        Path ro = tmp.resolve("ro");
        Files.createDirectories(ro);
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            org.junit.jupiter.api.Assumptions.assumeFalse(Files.isWritable(ro), "root writes anywhere");
            Run r = capture(Map.of(), "-read", dns().toString(), "-out", ro.toString(), "-quiet");
            assertThat(r.status()).isEqualTo(1);
            assertThat(r.err().strip()).isEqualTo("-out " + ro + ": cannot write into it: Permission denied");
            assertThat(names(ro)).isEmpty();
        } finally {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    /** A file system that refuses even root: /proc takes no new directories. */
    @Test
    void anOutThatCannotBeCreatedNamesTheReason() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "Linux /proc");
        Run r = capture(Map.of(), "-read", dns().toString(), "-out", "/proc/netcap-out", "-quiet");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("-out /proc/netcap-out: cannot create: No such file or directory\n");
    }

    @Test
    void ioReasonNamesThePathAndTheReason() {
        assertThat(IoReason.describe(new java.io.UncheckedIOException(new java.nio.file.AccessDeniedException("/x/y"))))
                .isEqualTo("/x/y: Permission denied");
        assertThat(IoReason.describe(new java.nio.file.FileSystemException("/x", null, "Read-only file system")))
                .isEqualTo("/x: Read-only file system");
    }
}
