package io.netcap.label;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** TShark run by a test (Debian package {@code tshark}); the test skips with a message when it is absent. */
final class Tshark {
    private Tshark() {}

    /** Every occurrence of each field in one frame, occurrences joined with a comma. */
    static List<String> fields(Path pcap, int frame, String... fields) throws IOException, InterruptedException {
        boolean present = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, "tshark")));
        if (!present) {
            System.err.println("SKIPPED: tshark not installed (Debian package tshark)");
        }
        assumeTrue(present, "tshark not installed (Debian package tshark)");
        List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", pcap.toString(), "-Y", "frame.number == " + frame,
                "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=,"));
        for (String f : fields) {
            cmd.add("-e");
            cmd.add(f);
        }
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("tshark failed on " + pcap);
        }
        return List.of(out.strip().split("\t", -1));
    }
}
