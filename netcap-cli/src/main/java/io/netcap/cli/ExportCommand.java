package io.netcap.cli;

import com.google.protobuf.Message;
import io.netcap.cli.metrics.NetcapMetrics;
import io.netcap.io.RecordReader;
import io.netcap.types.RecordType;
import io.netcap.types.format.JsonFormat;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code net export}: Prometheus metrics of audit record files, or of a capture it runs, served over
 * HTTP until the process is stopped (docs/scale-out.md, "Prometheus").
 */
@Command(name = "export", description = "Serve Prometheus metrics of audit records or of a capture.",
        footer = {"", "Examples:", "  net export -read TCP.ncap.gz", "  net export -dir records -address 127.0.0.1:7777",
                "  net export -read trace.pcap -out records -workers 2",
                "", "With a capture file or -iface, the flags of net capture apply too (-workers, -include, -bpf, ...:",
                "net capture -h)."})
public final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Released by a stop; tests release it instead of a signal. */
    final CountDownLatch stopped = new CountDownLatch(1);

    @Option(names = {"-read", "--read"}, paramLabel = "<file>",
            description = "audit record file (.ncap, .gz) to export, or a pcap/pcapng file to capture and export")
    String read = "";

    @Option(names = {"-dir", "--dir"}, paramLabel = "<dir>", description = "export every audit record file of this directory")
    String dir = "";

    @Option(names = {"-iface", "--iface"}, paramLabel = "<name>", description = "capture live from this interface and export")
    String iface = "";

    @Option(names = {"-out", "--out"}, paramLabel = "<dir>", description = "output directory of a capture")
    String out = "";

    @Option(names = {"-address", "--address"}, paramLabel = "<host:port>", description = "where to serve /metrics")
    String address = "127.0.0.1:7777";

    @Option(names = {"-replay", "--replay"}, arity = "0..1", fallbackValue = "true",
            description = "count the records in real time, as they happened (the earliest record of the files first)")
    boolean replay;

    @Option(names = {"-dumpJson", "--dumpJson"}, arity = "0..1", fallbackValue = "true",
            description = "also print each record as a JSON line as it is counted")
    boolean dumpJson;

    @Option(names = {"-h", "-help", "--help"}, description = "print usage and exit")
    boolean help;

    /** Flags of {@code net capture} for a capture input ({@code -workers}, {@code -include}, ...). */
    @Unmatched
    List<String> captureFlags = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        java.net.InetSocketAddress at = Addresses.parse("-address", address, err); // a value error before anything starts
        if (at == null) {
            return GoFlags.USAGE_ERROR;
        }
        boolean records = !dir.isEmpty() || isRecordFile(read);
        if ((replay || dumpJson) && !records && !(read.isEmpty() && iface.isEmpty())) {
            err.println((replay ? "-replay" : "-dumpJson") + " applies to audit record files (-read FILE.ncap.gz or -dir)");
            return GoFlags.USAGE_ERROR;
        }
        if (records && !captureFlags.isEmpty()) {
            err.println("flag provided but not defined: " + captureFlags.getFirst()
                    + " (capture flags apply to a pcap or pcapng input only)");
            err.println(GoFlags.helpHint("net export"));
            return GoFlags.USAGE_ERROR;
        }
        if (read.isEmpty() && dir.isEmpty() && iface.isEmpty()) {
            err.println("nothing to do. give -read <file>, -dir <directory> or -iface <interface> (see: net export -h)");
            return 1;
        }
        // a missing input is an error before serving, not an empty page served until stopped
        String input = !dir.isEmpty() ? dir : read;
        if (!input.isEmpty() && !input.equals("-") && !Files.exists(Path.of(input))) {
            err.println("cannot open " + input + ": No such file or directory");
            return 1;
        }
        try (NetcapMetrics metrics = new NetcapMetrics()) {
            List<String> cmdline = new ArrayList<>(List.of("net"));
            cmdline.addAll(spec.commandLine().getParseResult().originalArgs());
            metrics.commandLine(cmdline);
            int port;
            try {
                port = metrics.serve(at);
            } catch (IOException | IllegalArgumentException e) {
                err.println(e.getMessage());
                return 1;
            }
            err.println("serving metrics at http://" + address.substring(0, address.lastIndexOf(':') + 1) + port + "/metrics");
            int status = export(metrics, err);
            if (status != 0) {
                return status;
            }
            err.println("input exhausted; serving until stopped");
            stopped.await();
        }
        return 0;
    }

    private int export(NetcapMetrics metrics, PrintWriter err) throws InterruptedException {
        List<Path> files;
        if (!dir.isEmpty()) {
            files = recordFiles(Path.of(dir), err);
            if (files == null) {
                return 1;
            }
        } else if (isRecordFile(read)) {
            files = List.of(Path.of(read));
        } else {
            int status = capture(metrics, err);
            if (status != 0) {
                return status;
            }
            files = recordFiles(Path.of(out.isEmpty() ? "." : out), err);
        }
        BiConsumer<RecordType, Message> counted = metrics::record;
        if (dumpJson) {
            PrintStream out = System.out;
            counted = counted.andThen((type, m) -> {
                String line = JsonFormat.capture().format(m);
                synchronized (out) {
                    out.println(line);
                }
            });
        }
        if (replay) {
            Replay.run(files, counted, err);
        } else {
            for (Path file : files) {
                count(file, counted, err);
            }
        }
        return 0;
    }

    private static boolean isRecordFile(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".ncap") || lower.endsWith(".ncap.gz")
                || lower.endsWith(".gz") && !lower.endsWith(".pcap.gz") && !lower.endsWith(".pcapng.gz");
    }

    /** {@code net capture} with this command's input and the capture flags given, counting into {@code metrics}. */
    private int capture(NetcapMetrics metrics, PrintWriter err) {
        List<String> args = new ArrayList<>(read.isEmpty() ? List.of("-iface", iface) : List.of("-read", read));
        if (!out.isEmpty()) {
            args.addAll(List.of("-out", out));
        }
        args.addAll(captureFlags);
        err.flush();
        return new CaptureCommand(Net.VERSION, System.out, System.err, null).run(args, System.getenv(), metrics);
    }

    /**
     * Every record of {@code file} into its metrics; a corrupt record ends that file with a warning, an interrupt of
     * the thread ends it quietly.
     */
    static void count(Path file, BiConsumer<RecordType, Message> counted, PrintWriter err) {
        try (RecordReader reader = RecordReader.open(file)) {
            RecordType type = reader.type();
            for (Message m = reader.next(); m != null && !Thread.currentThread().isInterrupted(); m = reader.next()) {
                counted.accept(type, m);
            }
        } catch (IOException e) {
            err.println("warning: " + file + ": " + IoReason.describe(e) + "; its records before that are exported");
        }
    }

    private static List<Path> recordFiles(Path directory, PrintWriter err) {
        try (Stream<Path> s = Files.list(directory)) {
            return s.filter(f -> Files.isRegularFile(f) && isRecordFile(f.getFileName().toString())).sorted().toList();
        } catch (IOException e) {
            err.println("cannot list " + directory + ": " + IoReason.describe(e));
            return null;
        }
    }
}
