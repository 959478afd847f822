package io.netcap.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

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

    /**
     * {@code ask} for each capture, as many at once as there are cores, in the captures' order: a TShark run
     * over a small capture is mostly its start-up, which one core spends while the others wait (a corpus test
     * asking about each of 103 captures in turn took 43 s on 2 cores). The first failure fails the caller.
     */
    public static <T> Map<Path, T> each(Collection<Path> captures, Function<Path, T> ask) {
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        try {
            Map<Path, Future<T>> pending = new LinkedHashMap<>();
            for (Path capture : captures) {
                pending.put(capture, pool.submit(() -> ask.apply(capture)));
            }
            Map<Path, T> answers = new LinkedHashMap<>();
            for (Map.Entry<Path, Future<T>> e : pending.entrySet()) {
                answers.put(e.getKey(), e.getValue().get());
            }
            return answers;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** One TCP stream as {@code -z follow,tcp,raw} gives it: its two nodes (node 0 sent first) and each node's bytes. */
    public record Followed(int stream, String node0, String node1, byte[] data0, byte[] data1) {}

    /** {@code tshark -q -z follow,tcp,raw,N} for each of {@code streams}, in one run. */
    public static List<Followed> follow(Path capture, Collection<Integer> streams) {
        List<String> args = new ArrayList<>(List.of("-r", capture.toString(), "-q"));
        for (int s : streams) {
            args.add("-z");
            args.add("follow,tcp,raw," + s);
        }
        List<Followed> out = new ArrayList<>();
        for (String block : run(args.toArray(String[]::new)).split("={60,}\n")) {
            if (!block.startsWith("Follow: tcp,raw")) {
                continue;
            }
            int stream = -1;
            String n0 = "";
            String n1 = "";
            ByteArrayOutputStream d0 = new ByteArrayOutputStream();
            ByteArrayOutputStream d1 = new ByteArrayOutputStream();
            for (String line : block.split("\n")) {
                if (line.startsWith("Filter: tcp.stream eq ")) {
                    stream = Integer.parseInt(line.substring("Filter: tcp.stream eq ".length()).trim());
                } else if (line.startsWith("Node 0: ")) {
                    n0 = line.substring(8).trim();
                } else if (line.startsWith("Node 1: ")) {
                    n1 = line.substring(8).trim();
                } else if (!line.isBlank() && !line.startsWith("Follow:")) {
                    // node 1's bytes are indented by a tab
                    (line.startsWith("\t") ? d1 : d0).writeBytes(HexFormat.of().parseHex(line.trim()));
                }
            }
            out.add(new Followed(stream, n0, n1, d0.toByteArray(), d1.toByteArray()));
        }
        return out;
    }

    /** TShark's words for a capture whose tail is damaged or cut short. */
    private static boolean damagedTail(String stderr) {
        return stderr.contains("appears to be damaged or corrupt") || stderr.contains("cut short in the middle of a packet");
    }
}
