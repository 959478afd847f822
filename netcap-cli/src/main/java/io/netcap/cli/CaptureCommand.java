package io.netcap.cli;

import io.netcap.cli.flags.CaptureFlags;
import io.netcap.cli.flags.FlagException;
import io.netcap.cli.flags.FlagSet;
import io.netcap.cli.metrics.NetcapMetrics;
import io.netcap.elastic.ElasticIndices;
import io.netcap.elastic.ElasticTap;
import io.netcap.engine.CaptureJob;
import io.netcap.engine.Overview;
import io.netcap.engine.PacketRate;
import io.netcap.engine.RecordDecoding;
import io.netcap.engine.RecordTap;
import io.netcap.engine.Summary;
import io.netcap.engine.config.CaptureConfig;
import io.netcap.kafka.KafkaPublisher;
import io.netcap.kafka.Topics;
import io.netcap.label.AttackDescriptions;
import io.netcap.label.AttackLabels;
import io.netcap.label.LabelConflictException;
import io.netcap.label.LabelOptions;
import io.netcap.packet.source.LiveCapture;
import io.netcap.packet.source.NetInterface;
import io.netcap.packet.source.PacketSources;
import io.netcap.types.RecordType;
import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code net capture}: the original's Go flag syntax, {@code NC_*} environment overrides and
 * configuration files ({@link FlagSet}), input selection, then a {@link CaptureJob} (docs/engine.md).
 * picocli only hands the arguments over unparsed. Exit status: 0 success (and {@code -h}), 1 fatal error,
 * 2 flag error.
 */
@Command(name = "capture", description = "Create audit records from pcap/pcapng files or live interfaces.",
        helpCommand = false, usageHelpAutoWidth = true)
public final class CaptureCommand implements Callable<Integer> {
    static final int EXIT_FATAL = 1;

    @Unmatched
    List<String> args = new ArrayList<>();

    private final String version;
    private final PrintStream out;
    private final PrintStream err;
    private final Prompt prompt;
    /** Where the records go instead of (or besides) the files: {@code net agent}'s sender; null: none. */
    private RecordTap tap;
    private InetSocketAddress shutdownAddress = Addresses.parse("-http-shutdown", CaptureFlags.SHUTDOWN_ADDRESS);

    /** A yes/no question on the terminal. */
    interface Prompt {
        boolean ask(String question);
    }

    public CaptureCommand() {
        this(Net.VERSION, System.out, System.err, terminalPrompt());
    }

    CaptureCommand(String version, PrintStream out, PrintStream err, Prompt prompt) {
        this.version = version;
        this.out = out;
        this.err = err;
        this.prompt = prompt;
    }

    /** Serves {@code -http-shutdown} here instead of the original's address (tests). */
    CaptureCommand withShutdownAddress(InetSocketAddress address) {
        this.shutdownAddress = address;
        return this;
    }

    /** Hands the records to {@code tap} ({@code net agent}), which may take the files' place. */
    CaptureCommand withTap(RecordTap tap) {
        this.tap = tap;
        return this;
    }

    /** The terminal's prompt, or null when standard input or output is not a terminal. */
    static Prompt terminalPrompt() {
        Console console = System.console();
        if (console == null || !console.isTerminal()) {
            return null;
        }
        return question -> {
            String answer = console.readLine("%s", question);
            return answer != null && (answer.equalsIgnoreCase("y") || answer.equalsIgnoreCase("yes"));
        };
    }

    @Override
    public Integer call() {
        return run(args, System.getenv());
    }

    int run(List<String> args, Map<String, String> env) {
        return run(args, env, null);
    }

    /**
     * A capture whose counts also go to {@code metrics} ({@code net export}); null: the {@code -metrics}
     * flag decides. The summary of a finished run is handed to {@code metrics}.
     */
    int run(List<String> args, Map<String, String> env, NetcapMetrics metrics) {
        FlagSet flags = CaptureFlags.define();
        try {
            flags.parse(bareFileAsRead(args), env);
        } catch (FlagException e) {
            if (e.helpRequested()) {
                out.print(usage());
                return 0;
            }
            return usageError(e.getMessage());
        }
        if (consecutiveWords(args)) {
            err.println("two consecutive args detected, typo? " + args);
            return EXIT_FATAL;
        }
        String invalid = CaptureFlags.invalid(flags);
        String bpfSyntax = invalid == null ? PacketSources.filterSyntaxError(flags.getString("bpf")) : null;
        if (bpfSyntax != null) {
            invalid = "-bpf \"" + flags.getString("bpf") + "\": " + bpfSyntax;
        }
        InetSocketAddress metricsAt = null; // parsed here: a value error, before anything is read, as the others'
        if (invalid == null && !flags.getString("metrics").isEmpty()) {
            try {
                metricsAt = Addresses.parse("-metrics", flags.getString("metrics"));
            } catch (IllegalArgumentException e) {
                invalid = e.getMessage();
            }
        }
        if (invalid != null) {
            return usageError(invalid);
        }
        if (!flags.rest().isEmpty()) {
            return usageError("unexpected argument " + flags.rest().getFirst() + ": give the capture file with -read");
        }
        boolean files = tap == null || !tap.replacesFiles();
        for (String flag : List.of("kafka", "parquet", "labels", "unix", "elastic", "gen-elastic-indices", "debug",
                "tcp-debug", "reassembly-debug", "hexdump")) {
            if (!files && flags.isSet(flag)) {
                return usageError("-" + flag + ": net agent writes no record files and sends only to its collector");
            }
        }
        boolean unix = flags.getBool("unix");
        if (unix && !flags.getString("kafka").isEmpty()) {
            return usageError("-unix and -kafka: the records go to one of them");
        }
        boolean elastic = CaptureFlags.elastic(flags);
        if (elastic && !flags.getString("kafka").isEmpty()) {
            return usageError("-elastic and -kafka: the records go to one of them");
        }
        String writer = unix ? "-unix" : switch (CaptureFlags.encoding(flags)) {
            case CSV, ENCODED_CSV -> "-csv";
            case JSON -> "-json";
            case NONE -> elastic ? "-elastic" : "-null";
            case PROTO -> null;
        };
        if (writer != null && flags.isSet("parquet")) {
            return usageError("-parquet reads the audit record files, which " + writer + " does not write");
        }
        // CSV rows (-csv, -unix) are labeled as they are written, as the original does; else the files after the capture
        boolean csvLabels = "-csv".equals(writer) || unix;
        if (writer != null && !csvLabels && flags.isSet("labels")) {
            return usageError("-labels labels CSV rows or audit record files, which " + writer + " does not write");
        }
        if (flags.getBool("version")) {
            out.println(version);
            return 0;
        }
        if (flags.getBool(FlagSet.GEN_CONFIG)) {
            out.print(flags.generateConfig(version));
            return 0;
        }
        if (flags.getBool("overview")) {
            out.print(Overview.markdown());
            return 0;
        }
        if (flags.getBool("interfaces")) {
            return interfaces(new PrintWriter(out), new PrintWriter(err, true));
        }
        if (flags.getBool("decoders")) {
            for (RecordType t : RecordType.values()) {
                out.println(t.name() + " (" + t.kind().name().toLowerCase(Locale.ROOT) + ", "
                        + t.descriptor().getFields().size() + " fields)");
            }
            return 0;
        }
        CaptureConfig config;
        try {
            config = CaptureFlags.config(flags, env);
        } catch (CaptureConfig.InvalidDecoderException e) {
            err.println(e.getMessage());
            err.println("valid decoders: " + String.join(", ", Arrays.stream(RecordType.values())
                    .map(RecordType::name).toList()));
            return EXIT_FATAL;
        }
        if (flags.getBool("gen-elastic-indices")) {
            try {
                return ElasticIndices.prepare(CaptureFlags.elasticClient(flags), flags.getString("kibana"),
                        config.recordTypes(), err) == 0 ? 0 : EXIT_FATAL;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return EXIT_FATAL;
            }
        }
        String read = config.read();
        if (read.isEmpty() && config.iface().isEmpty()) {
            err.println("> nothing to do. need a pcap file with the read flag (-read) or live mode and an interface (-iface)");
            return EXIT_FATAL;
        }
        if (read.endsWith(".ncap") || read.endsWith(".ncap.gz")) {
            err.println("the -read flag is for pcap and pcapng files; use net dump to read audit records: " + read);
            return EXIT_FATAL;
        }
        String unreadable = read.isEmpty() || read.equals(CaptureJob.STDIN) ? null : unreadable(Path.of(read));
        if (unreadable != null) {
            err.println("cannot open " + unreadable);
            return EXIT_FATAL;
        }
        String labels = flags.getString("labels");
        List<AttackDescriptions.Attack> attacks = null;
        if (!labels.isEmpty()) {
            // read before the capture, so a typo in the description costs no capture
            String unusable = unreadable(Path.of(labels));
            if (unusable != null) {
                err.println("cannot open " + unusable);
                return EXIT_FATAL;
            }
            try {
                attacks = LabelCommand.attacks(labels);
            } catch (IOException e) {
                err.println("-labels: " + IoReason.describe(e));
                return EXIT_FATAL;
            }
            if (attacks.isEmpty()) {
                err.println(LabelCommand.NO_ATTACKS);
                return EXIT_FATAL;
            }
        }
        if (files) {
            try {
                Path outDir = outputDirectory(config);
                OutputDirectory.prepare(outDir);
                List<Path> earlier = OutputDirectory.recordFiles(outDir);
                if (!earlier.isEmpty() && !mayReplace(flags, outDir, earlier.size())) {
                    return EXIT_FATAL;
                }
                OutputDirectory.remove(earlier);
            } catch (OutputDirectory.Unusable e) {
                err.println(e.getMessage());
                return EXIT_FATAL;
            }
        }
        String address = flags.getString("metrics");
        try (NetcapMetrics own = metrics == null && !address.isEmpty() ? new NetcapMetrics() : null) {
            NetcapMetrics m = metrics != null ? metrics : own;
            if (own != null) {
                List<String> cmdline = new ArrayList<>(List.of("net", "capture"));
                cmdline.addAll(args);
                own.commandLine(cmdline);
                int port = own.serve(metricsAt);
                err.println("serving metrics at http://" + address.substring(0, address.lastIndexOf(':') + 1) + port + "/metrics");
            }
            CaptureJob job = new CaptureJob(RecordDecoding::new, out, err)
                    .withServices(CaptureFlags.services(flags, env))
                    .strictInit(!flags.getBool("ignore-init-errors"));
            KafkaPublisher kafka = flags.getString("kafka").isEmpty() ? null
                    : new KafkaPublisher(KafkaPublisher.Config.of(flags.getString("kafka"),
                            flags.getString("kafka-topic-prefix"), sensorName(flags.getString("kafka-sensor")))
                            .withTopics((int) flags.getInt("kafka-partitions"), (short) flags.getInt("kafka-replication")))
                            .withNotices(err::println, Duration.ofSeconds(10));
            SoftwareVulnerabilities vulnerabilities = SoftwareVulnerabilities.open(config, err);
            boolean scatter = flags.getBool("scatter") && files && !flags.getDuration("scatter-duration").isZero();
            AttackLabels rowLabels = attacks == null || !csvLabels ? null
                    : new AttackLabels(attacks, scatter ? flags.getDuration("scatter-duration") : Duration.ZERO);
            UnixSocketTap unixTap = unix
                    ? new UnixSocketTap(Path.of(flags.getString("unix-dir")), flags.getBool("encode"), rowLabels) : null;
            ElasticTap elasticTap = elastic ? CaptureFlags.elasticTap(flags).withNotices(err::println) : null;
            PacketRate rate = flags.getBool("pps") && files && !flags.getString("read").isEmpty() ? new PacketRate() : null;
            job.onEngine(engine -> {
                engine.labels(rowLabels);
                engine.packetRate(rate);
                if (m != null) {
                    m.packets(engine::packetsRead);
                }
                RecordTap to = tap != null ? tap : kafka != null ? kafka : unixTap != null ? unixTap : elasticTap;
                if (to != null) {
                    engine.tap(to);
                }
                engine.onSoftware(vulnerabilities);
            });
            Summary summary;
            Path outDir = outputDirectory(config);
            try (vulnerabilities;
                    RunProfiles profiles = RunProfiles.start(flags.getBool("cpuprof") ? outDir.resolve("netcap-cpu.jfr") : null,
                            !flags.getBool("memprof") ? null : flags.getString("memprofile").isEmpty()
                                    ? outDir.resolve("netcap-mem.jfr") : Path.of(flags.getString("memprofile")));
                    HttpShutdown shutdown = flags.getBool("http-shutdown") ? HttpShutdown.serve(shutdownAddress, job::stop) : null) {
                summary = job.run(config);
                if (!config.quiet()) {
                    profiles.files().forEach(f -> err.println("profile: " + f + " (jfr print, or JDK Mission Control)"));
                }
            }
            if (vulnerabilities != null && vulnerabilities.failures() > 0) {
                err.println("vulnerabilities: " + vulnerabilities.failures() + " lookups failed (damaged index?)");
            }
            if (unixTap != null) {
                unixTap.missing().forEach((type, why) -> err.println("unix: " + type + " records not sent: " + why));
            }
            if (elasticTap != null) {
                elasticTap.failures().forEach((why, n) -> err.println("elastic: " + n + " records not indexed: " + why));
            }
            if (kafka != null) {
                kafka.topicFailures().forEach((topic, why) -> err.println("kafka: topic " + topic + " not created: " + why));
                kafka.failures().forEach((why, n) -> err.println("kafka: " + n + " records failed: " + why));
            }
            if (m != null) {
                m.summary(summary);
            }
            if (flags.getBool("parquet") && ParquetDump.writeAll(outputDirectory(config), err, config.quiet()) != 0) {
                return EXIT_FATAL;
            }
            if (rate != null) {
                Files.writeString(outputDirectory(config).resolve("pps-line.html"), HtmlChart.page("Packets per second",
                        "packets", List.of(new HtmlChart.Series("packets", "#4e79a7", withSilence(rate.perSecond()))), true));
            }
            if (rowLabels != null) {
                err.print(LabelCommand.attackTable(attacks));
                err.print(rowLabels.table());
                err.flush();
                if (scatter) {
                    writeScatter(rowLabels, outputDirectory(config), flags.getDuration("scatter-duration"));
                }
            } else if (attacks != null && labelRecords(attacks, labels, outputDirectory(config)) != 0) {
                return EXIT_FATAL;
            }
            if (config.quiet() && flags.getBool("time")) {
                // the summary's figures, which -quiet otherwise leaves out
                err.printf(Locale.ROOT, "%d packets in %.3f s, %.0f packets/s%n", summary.packets(),
                        summary.elapsedSeconds(), summary.packetsPerSecond());
            }
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("capture failed: " + IoReason.describe(e));
            return EXIT_FATAL;
        }
    }

    /** Packets per second with the seconds without packets at 0 on each side of a gap, so the line drops there. */
    static java.util.SortedMap<Long, Long> withSilence(java.util.SortedMap<Long, Long> perSecond) {
        java.util.SortedMap<Long, Long> out = new java.util.TreeMap<>(perSecond);
        Long previous = null;
        for (long s : perSecond.keySet()) {
            if (previous != null && s - previous > 1) {
                out.put(previous + 1, 0L);
                out.put(s - 1, 0L);
            }
            previous = s;
        }
        return out;
    }

    /**
     * {@code -scatter}: attack and normal records per time bucket as an HTML chart, {@code <out>/<name of out>-scatter.html}
     * as the original names it.
     */
    private static void writeScatter(AttackLabels labels, Path dir, Duration bucket) throws IOException {
        Path abs = dir.toAbsolutePath().normalize();
        String name = abs.getFileName() == null ? "out" : abs.getFileName().toString();
        String title = "Records per " + bucket.toString().substring(2).toLowerCase(Locale.ROOT) + ": attack and normal";
        Files.writeString(dir.resolve(name + "-scatter.html"), HtmlChart.page(title, "records", List.of(
                new HtmlChart.Series("normal", "#4e79a7", labels.overTime(false)),
                new HtmlChart.Series("attack", "#e15759", labels.overTime(true))), false));
    }

    /** {@code -labels}: the records just written, labeled as {@code net label -custom} labels them (docs/labeling.md). */
    private int labelRecords(List<AttackDescriptions.Attack> attacks, String name, Path dir) throws IOException {
        PrintWriter w = new PrintWriter(err, true);
        try {
            return LabelCommand.labelAttacks(attacks, name, dir, dir, LabelOptions.defaults(), w, null, false);
        } catch (LabelConflictException e) {
            w.println("-labels: " + e.getMessage()); // only -strict raises it, which -labels does not set
            return EXIT_FATAL;
        } finally {
            w.flush();
        }
    }

    /** {@code -kafka-sensor}, else the host's name where it is a valid sensor name, else {@code sensor}. */
    static String sensorName(String flag) {
        if (!flag.isEmpty()) {
            return flag;
        }
        try {
            String host = java.net.InetAddress.getLocalHost().getHostName();
            return Topics.validSensor(host) ? host : "sensor";
        } catch (IOException e) {
            return "sensor";
        }
    }

    private static Path outputDirectory(CaptureConfig config) {
        return Path.of(config.out().isEmpty() ? "." : config.out());
    }

    /** {@code net capture -h} and {@code net help capture}. */
    static String usage() {
        return "Usage of net capture:\n" + CaptureFlags.define().usage();
    }

    /** One line naming what is wrong, then where help is: the error stays the last thing on the screen. */
    private int usageError(String message) {
        err.println(message);
        // net agent runs this command in its place, and its help says which of these flags it takes
        err.println(GoFlags.helpHint(tap != null && tap.replacesFiles() ? "net agent" : "net capture"));
        return GoFlags.USAGE_ERROR;
    }

    /**
     * Record files of an earlier run are replaced only with {@code -overwrite} or a yes on a terminal
     * (the original's question; {@code -noprompt} and {@code -quiet} skip it, and then nothing is replaced).
     */
    private boolean mayReplace(FlagSet flags, Path outDir, int files) {
        if (flags.getBool("overwrite")) {
            return true;
        }
        if (prompt != null && !flags.getBool("noprompt") && !flags.getBool("quiet")
                && prompt.ask(files + " audit record files found in output path " + outDir + "! Overwrite? [y/N] ")) {
            return true;
        }
        err.println("-out " + outDir + ": holds " + files + " audit record files of an earlier run;"
                + " use -overwrite to replace them or choose another -out");
        return false;
    }

    /** Why a capture file cannot be read ("path: reason"), or null. */
    static String unreadable(Path file) {
        if (Files.isDirectory(file)) {
            return file + ": Is a directory (give one pcap or pcapng file)";
        }
        if (!Files.exists(file)) {
            return file + ": No such file or directory";
        }
        if (!Files.isReadable(file)) {
            return file + ": Permission denied";
        }
        return null;
    }

    /**
     * tshark's and Zeek's habit: a capture file named first, without {@code -read}, is read
     * ({@code net capture dns.pcap -out x}); {@code -r} is an alias of {@code -read}.
     */
    static List<String> bareFileAsRead(List<String> args) {
        if (args.isEmpty() || args.getFirst().startsWith("-")) {
            return args;
        }
        List<String> rewritten = new ArrayList<>(List.of("-read", args.getFirst()));
        rewritten.addAll(args.subList(1, args.size()));
        return rewritten;
    }

    /** {@code -interfaces} (and {@code net util -interfaces}): the original's table of the interfaces. */
    static int interfaces(PrintWriter out, PrintWriter err) {
        try {
            out.printf("%-6s %-16s %-40s %-18s %s%n", "Index", "Name", "Flags", "HardwareAddr", "MTU");
            for (NetInterface i : LiveCapture.interfaces()) {
                out.printf("%-6d %-16s %-40s %-18s %d%n", i.index(), i.name(), i.flagsString(), i.hardwareAddr(), i.mtu());
            }
            return 0;
        } catch (IOException e) {
            err.println("cannot list interfaces: " + e.getMessage());
            return EXIT_FATAL;
        } finally {
            out.flush();
        }
    }

    /** {@code -read a.pcap b.pcap}: two words in a row that are not flags, reported as the original does. */
    static boolean consecutiveWords(List<String> args) {
        for (int i = 1; i < args.size(); i++) {
            if (!args.get(i).startsWith("-") && !args.get(i - 1).startsWith("-")) {
                return true;
            }
        }
        return false;
    }
}
