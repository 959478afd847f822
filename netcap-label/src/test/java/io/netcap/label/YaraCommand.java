package io.netcap.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The {@code yara} command (Debian package {@code yara}) as the reference; a test skips with a message without it. */
final class YaraCommand {
    private YaraCommand() {}

    /** A line of {@code yara -r}: the rule and the file it matched. */
    record Hit(String rule, Path file) {}

    static void require() {
        boolean present = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, "yara")));
        if (!present) {
            System.err.println("SKIPPED: the yara command is not installed (Debian package yara)");
        }
        assumeTrue(present, "the yara command is not installed (Debian package yara)");
        YaraTest.libyara();
    }

    /** {@code yara -r RULES DIR}: every (rule, file) it reports. */
    static List<Hit> run(Path rules, Path dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("yara", "-r", rules.toString(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<Hit> hits = new ArrayList<>();
        for (String line : new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                String[] f = line.split(" ", 2);
                hits.add(new Hit(f[0], Path.of(f[1])));
            }
        }
        assertThat(p.waitFor()).isZero();
        return hits;
    }
}
