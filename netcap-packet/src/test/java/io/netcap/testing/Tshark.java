package io.netcap.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * TShark as an independent reference in tests (./test.sh installs it). {@link #require()} skips the calling
 * test with a printed reason when it is not on the PATH.
 */
public final class Tshark {
    private Tshark() {}

    public static boolean available() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "tshark"))) {
                return true;
            }
        }
        return false;
    }

    public static void require() {
        boolean ok = available();
        if (!ok) {
            System.err.println("SKIPPED: tshark not found on the PATH (./test.sh installs it); TShark comparisons do not run");
        }
        assumeTrue(ok, "tshark not found on the PATH");
    }

    /**
     * Runs {@code tshark args...} and returns its standard output; fails the test on a non-zero exit, except
     * for a capture with a damaged tail, whose packets before the damage TShark still reports (as our reader).
     */
    public static String run(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("tshark");
        cmd.addAll(List.of(args));
        try {
            Path err = Files.createTempFile("tshark", ".err");
            Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(5, TimeUnit.MINUTES)
                    || (p.exitValue() != 0 && !damagedTail(Files.readString(err)))) {
                throw new IllegalStateException("tshark " + String.join(" ", args) + " failed: " + Files.readString(err));
            }
            Files.delete(err);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** TShark's words for a capture whose tail is damaged or cut short. */
    private static boolean damagedTail(String stderr) {
        return stderr.contains("appears to be damaged or corrupt") || stderr.contains("cut short in the middle of a packet");
    }
}
