package io.netcap.cli.maltego;

import io.netcap.cli.maltego.Transforms.Context;
import io.netcap.cli.maltego.Transforms.Failure;
import io.netcap.cli.maltego.Transforms.Transform;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The original's transforms of a live capture from Maltego: startCaptureProcess captures the interface (the input
 * entity's value, as toNetworkInterfaces gives it) into {@code ~/<interface>.net} until stopCaptureProcess asks it to
 * stop through {@code capture -http-shutdown} ({@code GET http://127.0.0.1:60589/cleanup}); both then answer with the
 * record files, as toLiveAuditRecords does at any time and reloadAuditRecordsFromDisk for a capture file's
 * {@code <path>.net}.
 */
final class LiveTransforms {
    private LiveTransforms() {}

    /** Where the capture's -http-shutdown listens (the original's address, CaptureFlags.SHUTDOWN_ADDRESS). */
    static final String CLEANUP = "http://127.0.0.1:60589/cleanup";

    /** How long stopCaptureProcess waits for the capture to write its last records. */
    private static final Duration WRAP_UP = Duration.ofSeconds(60);

    /** An interface name as the kernel allows it (at most 15 bytes, no '/'), not "." or "..". */
    private static final Pattern INTERFACE = Pattern.compile("[A-Za-z0-9_.:@-]{1,15}");

    static final List<Transform> ALL = List.of(
            new Transform("startCaptureProcess", "netcap.Interface", "captures the interface into ~/<interface>.net "
                    + "(HTTP bodies under files, conversations with -conns; properties snaplen and bpf) until "
                    + "stopCaptureProcess, then gives its record files", LiveTransforms::start),
            new Transform("stopCaptureProcess", "netcap.Interface", "stops the capture of startCaptureProcess and "
                    + "gives its record files", LiveTransforms::stop),
            new Transform("toLiveAuditRecords", "netcap.Interface", "the record files of the interface's capture, "
                    + "as toAuditRecords gives them", (in, out, c) -> Transforms.recordFiles(folder(in, c), out)),
            new Transform("reloadAuditRecordsFromDisk", "netcap.PCAP", "the record files of the capture at path "
                    + "(<path>.net) without capturing again", (in, out, c) -> Transforms.recordFiles(
                    Path.of(Transforms.path(in) + ".net"), out)),
            new Transform("openLiveNetcapFolder", "netcap.Interface", "opens the folder of the interface's capture",
                    Launchers.open((in, c) -> folder(in, c).toString())),
            new Transform("openLiveNetcapFolderInTerminal", "netcap.Interface", "opens a terminal in the folder of "
                    + "the interface's capture", Launchers.terminal((in, c) -> folder(in, c).toString())));

    /** {@code ~/<interface>.net}, the home folder as the environment has it. */
    static Path folder(LocalTransform in, Context context) throws Failure {
        String iface = in.value().strip();
        if (!INTERFACE.matcher(iface).matches() || iface.equals(".") || iface.equals("..")) {
            throw new Failure("not an interface name: " + in.value());
        }
        String home = context.env().getOrDefault("HOME", "");
        return Path.of(home.isEmpty() ? System.getProperty("user.home") : home, iface + ".net");
    }

    private static void start(LocalTransform in, MaltegoResponse out, Context context) throws IOException {
        Path dir = folder(in, context);
        List<String> args = new ArrayList<>(List.of("-iface", in.value().strip(), "-out", dir.toString(), "-overwrite",
                "-quiet", "-fileStorage", "files", "-conns", "-http-shutdown"));
        String snaplen = in.get("snaplen").strip();
        if (!snaplen.isEmpty()) {
            if (!snaplen.matches("\\d{1,9}") || Integer.parseInt(snaplen) == 0) {
                throw new Failure("snaplen: not a positive number: " + snaplen);
            }
            args.addAll(List.of("-snaplen", snaplen));
        }
        if (!in.get("bpf").isBlank()) {
            args.addAll(List.of("-bpf", in.get("bpf")));
        }
        String failed = context.capture().run(args);
        if (failed != null) {
            throw new Failure("capture on " + in.value() + " failed: " + failed);
        }
        Transforms.recordFiles(dir, out);
    }

    /**
     * Asks the capture to stop, waits until it has written its summary (the last thing it writes), and gives the
     * record files. The original slept three seconds instead, which a capture with much left to write outlasts.
     */
    private static void stop(LocalTransform in, MaltegoResponse out, Context context) throws IOException {
        Path dir = folder(in, context);
        Path summary = dir.resolve("summary.json");
        long asked = System.currentTimeMillis();
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(CLEANUP)).timeout(Duration.ofSeconds(10))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new Failure("the capture did not stop: " + r.statusCode() + " " + r.body().strip());
            }
        } catch (ConnectException e) {
            throw new Failure("no capture to stop: nothing answers at " + CLEANUP);
        } catch (IOException e) {
            // connected and asked, but the capture ended before its answer was read (the original took that too)
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("interrupted while stopping the capture");
        }
        long deadline = System.nanoTime() + WRAP_UP.toNanos();
        while (!(Files.exists(summary) && Files.getLastModifiedTime(summary).toMillis() >= asked - 1_000)) {
            if (System.nanoTime() > deadline) {
                throw new Failure("the capture was asked to stop, but " + summary + " was not written within "
                        + WRAP_UP.toSeconds() + " s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Failure("interrupted while waiting for the capture to stop");
            }
        }
        Transforms.recordFiles(dir, out);
    }
}
