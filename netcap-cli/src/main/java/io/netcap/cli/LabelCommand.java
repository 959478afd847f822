package io.netcap.cli;

import io.netcap.cli.flags.CaptureFlags;
import io.netcap.cli.flags.FlagException;
import io.netcap.cli.flags.FlagSet;
import io.netcap.engine.CaptureJob;
import io.netcap.engine.RecordDecoding;
import io.netcap.engine.config.CaptureConfig;
import io.netcap.label.AlertFile;
import io.netcap.label.AttackDescriptions;
import io.netcap.label.LabelConflictException;
import io.netcap.label.LabelOptions;
import io.netcap.label.LabelRun;
import io.netcap.label.LabelSummary;
import io.netcap.label.Labeler;
import io.netcap.label.Yara;
import io.netcap.label.YaraConversations;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code net label}: Suricata alerts onto audit records, one {@code <Type>_labeled.csv} per record file
 * (docs/labeling.md). Alerts come from {@code -fast-log} and {@code -eve} files, or from running
 * {@code suricata} on the capture when it is installed; or from hand-written attack descriptions ({@code -custom}).
 * Exit status: 0 success, 1 fatal error (including a
 * {@code -strict} conflict and damaged record files, whose readable records are still labeled), 2 flag error.
 */
@Command(name = "label", description = "Label audit records with Suricata alerts for machine learning.",
        footer = {"", "Examples:",
                "  net label -read records -fast-log fast.log -tz Europe/Berlin",
                "  net label -read records -eve eve.json -collect -labeled-out labeled",
                "  net label -r traffic.pcap -out records -eve eve.json",
                "  net label -r traffic.pcap -out records            (runs suricata when it is installed)",
                "  net label -read records -custom attacks.yml",
                "  net label -r traffic.pcap -out records -yara rules/   (-read DIR: capture with -payload -fileStorage -conns)"})
public final class LabelCommand implements Callable<Integer> {
    static final int EXIT_FATAL = 1;
    /** Where {@code -r} with {@code -yara} extracts files, relative to {@code -out}. */
    static final String YARA_FILES = "files";
    /** The original's words for a description without attacks. */
    static final String NO_ATTACKS = "no labels found.";
    /** Skipped alert lines printed with their numbers; the rest are counted. */
    private static final int SHOWN_PROBLEMS = 10;

    @Spec
    CommandSpec spec;

    @Option(names = {"-read", "--read"}, paramLabel = "<dir>",
            description = "directory of audit record files to label (a pcap file here works like -r)")
    String read = "";

    @Option(names = {"-r", "--r"}, paramLabel = "<pcap>",
            description = "capture file: its audit records are created first (as net capture) into -out")
    String pcap = "";

    @Option(names = {"-out", "--out"}, paramLabel = "<dir>",
            description = "directory of the audit records when -read is not given; -r writes its records here")
    String out = "";

    @Option(names = {"-labeled-out", "--labeled-out"}, paramLabel = "<dir>",
            description = "directory for the <Type>_labeled.csv files and labels.json (default: the records' directory)")
    String labeledOut = "";

    @Option(names = {"-fast-log", "--fast-log"}, paramLabel = "<file>", description = "Suricata fast.log to read alerts from")
    String fastLog = "";

    @Option(names = {"-eve", "--eve"}, paramLabel = "<file>", description = "Suricata eve.json to read alert events from")
    String eve = "";

    @Option(names = {"-tz", "--tz"}, paramLabel = "<zone>",
            description = "time zone of the sensor that wrote -fast-log, e.g. UTC or Europe/Berlin (default: this machine's zone)")
    String tz = "";

    @Option(names = {"-suricata-config", "--suricata-config"}, paramLabel = "<file>",
            description = "suricata.yaml for running suricata on -r (when neither -fast-log nor -eve is given)")
    String suricataConfig = "/usr/local/etc/suricata/suricata.yaml";

    @Option(names = {"-description", "--description"}, arity = "0..1", fallbackValue = "true",
            description = "label with the rule's message instead of its classification")
    boolean description;

    @Option(names = {"-collect", "--collect"}, arity = "0..1", fallbackValue = "true",
            description = "join the classes of all alerts matching a record with ' | ' (default: the first alert's)")
    boolean collect;

    @Option(names = {"-strict", "--strict"}, arity = "0..1", fallbackValue = "true",
            description = "fail on an alert line that cannot be read and on a record matching alerts of different classes")
    boolean strict;

    @Option(names = {"-exclude", "--exclude", "-excluded", "--excluded"}, paramLabel = "<classes>",
            description = "comma-separated classifications whose alerts are ignored")
    String exclude = "";

    @Option(names = {"-disable-layers", "--disable-layers"}, arity = "0..1", fallbackValue = "true",
            description = "label only Connection, TCP, UDP, SCTP, IPv4, IPv6, HTTP and TLS records; the others get the default label")
    boolean disableLayers;

    @Option(names = {"-default-label", "--default-label"}, paramLabel = "<label>", description = "label of records no alert matches")
    String defaultLabel = LabelOptions.NORMAL;

    @Option(names = {"-sep", "--sep"}, description = "CSV separator")
    String sep = ",";

    @Option(names = {"-custom", "--custom"}, paramLabel = "<file>",
            description = "attack description, YAML or the older CSV (times, addresses, categories), to label with instead of alerts")
    String custom = "";

    @Option(names = {"-yara", "--yara"}, paramLabel = "<path>",
            description = "YARA rule file, or directory of .yar/.yara files, matched against record payloads (capture -payload), extracted files (-fileStorage) and conversations (-conns; their Connection and HTTP records); a match labels the record with the rule's name and goes to yara.log")
    String yara = "";

    @Option(names = {"-yara-stream-bytes", "--yara-stream-bytes"}, paramLabel = "<n>",
            description = "with -yara: bytes of each direction of a conversation that are scanned (default 16777216, at most 1073741824)")
    int yaraStreamBytes = YaraConversations.MAX_DIRECTION;

    @Option(names = {"-progress", "--progress"}, arity = "0..1", fallbackValue = "true",
            description = "show the labeling's progress on stderr: percent of the record files read, ETA, records and records/s")
    boolean progress;

    @Option(names = {"-debug", "--debug"}, arity = "0..1", fallbackValue = "true",
            description = "write alerts.log (attacks.log with -custom) to the labeled output: a line per alert with the records it matched, per type")
    boolean debug;

    @Option(names = {"-h", "-help", "--help"}, description = "print usage and exit")
    boolean help;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            return run(err);
        } finally {
            err.flush();
        }
    }

    private int run(PrintWriter err) {
        if (!custom.isEmpty() && !(fastLog.isEmpty() && eve.isEmpty())) {
            return usageError("-custom labels with attack descriptions instead of alerts: give it without -fast-log and -eve");
        }
        if (sep.isEmpty()) {
            return usageError("-sep must not be empty");
        }
        if (yaraStreamBytes < 1 || yaraStreamBytes > YaraConversations.LARGEST_DIRECTION) {
            return usageError("-yara-stream-bytes must be 1.." + YaraConversations.LARGEST_DIRECTION);
        }
        ZoneId zone;
        try {
            zone = tz.isEmpty() ? ZoneId.systemDefault() : ZoneId.of(tz);
        } catch (DateTimeException e) {
            return usageError("invalid -tz " + tz + ": " + e.getMessage());
        }
        String capture = pcap;
        Path records = Path.of(out.isEmpty() ? "." : out);
        if (!read.isEmpty()) {
            Path r = Path.of(read);
            if (!capture.isEmpty()) {
                return usageError("-r writes the records of the capture into -out and labels them there; give -read DIR without -r");
            }
            if (Files.isRegularFile(r)) {
                capture = read; // the original's -read names the pcap
            } else {
                records = r;
            }
        }
        if (!custom.isEmpty() && !yara.isEmpty()) {
            return usageError("-yara labels together with alerts, not with -custom");
        }
        boolean alertFiles = !fastLog.isEmpty() || !eve.isEmpty();
        if (!alertFiles && custom.isEmpty() && yara.isEmpty() && capture.isEmpty()) {
            err.println("no input: give -fast-log or -eve with the alerts, or -custom with attack descriptions"
                    + " (and -read with the audit records), or -r with a capture file to run suricata on");
            return EXIT_FATAL;
        }
        // every input is checked before a capture runs, so a typo costs no capture
        for (String input : List.of(fastLog, eve, custom, yara)) {
            // -yara may name a directory of rule files
            boolean rulesDir = input.equals(yara) && Files.isDirectory(Path.of(input));
            String unreadable = input.isEmpty() || rulesDir ? null : CaptureCommand.unreadable(Path.of(input));
            if (unreadable != null) {
                err.println("cannot open " + unreadable);
                return EXIT_FATAL;
            }
        }
        if (!alertFiles && custom.isEmpty() && yara.isEmpty() && Suricata.program() == null) {
            err.println(Suricata.MISSING);
            return EXIT_FATAL;
        }
        // the rules first: a missing libyara or a rule that does not compile is told before a long capture, not after
        try (Yara.Rules rules = yara.isEmpty() ? null : compileYara(Path.of(yara))) {
            if (!capture.isEmpty()) {
                Path file = Path.of(capture);
                String unreadable = CaptureCommand.unreadable(file);
                if (unreadable != null) {
                    err.println("cannot open " + unreadable);
                    return EXIT_FATAL;
                }
                Integer failed = captureRecords(file, records, !yara.isEmpty(), err);
                if (failed != null) {
                    return failed;
                }
            }
            if (!Files.isDirectory(records)) {
                err.println("no audit record directory " + records + ": give it with -read");
                return EXIT_FATAL;
            }
            Path target = labeledOut.isEmpty() ? records : Path.of(labeledOut);
            if (Labeler.recordFiles(records).isEmpty()) {
                err.println("no audit record files (.ncap, .ncap.gz) in " + records);
                return EXIT_FATAL;
            }
            if (!custom.isEmpty()) {
                List<AttackDescriptions.Attack> attacks = attacks(custom);
                if (attacks.isEmpty()) {
                    err.println(NO_ATTACKS);
                    return EXIT_FATAL;
                }
                return labelAttacks(attacks, custom, records, target, options(), err, progressLine(err), debug);
            }
            List<AlertFile> alerts = new ArrayList<>();
            if (!alertFiles && yara.isEmpty()) {
                try {
                    alerts.add(Suricata.run(Path.of(capture), suricataConfig, zone, err));
                } catch (Suricata.Failure e) {
                    err.println(e.getMessage());
                    return EXIT_FATAL;
                }
            }
            if (!fastLog.isEmpty()) {
                alerts.add(Suricata.fastLog(Path.of(fastLog), fastLog, zone));
            }
            if (!eve.isEmpty()) {
                alerts.add(Suricata.eve(Path.of(eve), eve));
            }
            if (report(alerts, err) && strict) {
                err.println("-strict: alert lines that cannot be read; nothing labeled");
                return EXIT_FATAL;
            }
            return finish(LabelRun.run(alerts, rules, yaraStreamBytes, records, target, options(), progressLine(err), debug),
                    target, err);
        } catch (Yara.YaraException e) {
            err.println("-yara: " + e.getMessage());
            return EXIT_FATAL;
        } catch (LabelConflictException e) {
            err.println("-strict: " + e.getMessage());
            return EXIT_FATAL;
        } catch (IOException | RuntimeException e) {
            err.println("label failed: " + IoReason.describe(e));
            return EXIT_FATAL;
        }
    }

    /** A rule file, or the {@code .yar}/{@code .yara} files of a directory in name order. */
    private static Yara.Rules compileYara(Path path) throws IOException {
        List<Path> files;
        if (Files.isDirectory(path)) {
            try (var s = Files.list(path)) {
                files = s.filter(p -> p.toString().endsWith(".yar") || p.toString().endsWith(".yara")).sorted().toList();
            }
        } else {
            files = List.of(path);
        }
        if (files.isEmpty()) {
            throw new Yara.YaraException(path + ": no .yar or .yara files");
        }
        List<String> names = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        for (Path f : files) {
            names.add(f.toString());
            sources.add(Files.readString(f, StandardCharsets.UTF_8));
        }
        return Yara.compile(names, sources);
    }

    private static int finish(LabelSummary summary, Path target, PrintWriter err) {
        err.print(summary.table());
        err.println("labeled " + summary.files().size() + " record files into " + target
                + " (" + LabelSummary.JSON_FILE + " has this summary)");
        if (summary.damagedFiles() > 0) {
            err.println(summary.damagedFiles() + " record files are damaged; the records before the damage are labeled");
            return EXIT_FATAL;
        }
        return 0;
    }

    /** An attack description, YAML or the older CSV (docs/labeling.md); the exception names what is wrong. */
    static List<AttackDescriptions.Attack> attacks(String file) throws IOException {
        try (Reader r = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
            return AttackDescriptions.read(r, file);
        }
    }

    /**
     * Labels the records of {@code records} with {@code attacks} into {@code target}, with a progress line on
     * {@code progress} when it is not null; the exit status.
     */
    static int labelAttacks(List<AttackDescriptions.Attack> attacks, String name, Path records, Path target,
                            LabelOptions options, PrintWriter err, PrintWriter progress, boolean debug)
            throws IOException, LabelConflictException {
        err.print(attackTable(attacks));
        return finish(LabelRun.runAttacks(attacks, name, records, target, options, progress, debug), target, err);
    }

    /** The original's table of the attacks read: number, name, date, victims, attackers, MITRE, category. */
    static String attackTable(List<AttackDescriptions.Attack> attacks) {
        StringBuilder sb = new StringBuilder(String.format(java.util.Locale.ROOT, "%-4s %-30s %-22s %-30s %-12s %-10s %s%n",
                "Num", "AttackName", "Date", "Victims", "NumAttackers", "MITRE", "category"));
        int i = 0;
        for (AttackDescriptions.Attack a : attacks) {
            sb.append(String.format(java.util.Locale.ROOT, "%-4d %-30s %-22s %-30s %-12d %-10s %s%n", ++i, a.name(), a.date(),
                    String.join(",", a.victims().isEmpty() ? a.ips() : a.victims()), a.attackers().size(), a.mitre(), a.category()));
        }
        return sb.toString();
    }

    /** Where the progress line goes: stderr with {@code -progress}, nowhere without. */
    private PrintWriter progressLine(PrintWriter err) {
        return progress ? err : null;
    }

    private LabelOptions options() {
        Set<String> excluded = new LinkedHashSet<>();
        for (String s : exclude.split(",")) {
            if (!s.isBlank()) {
                excluded.add(s.strip());
            }
        }
        return new LabelOptions(description, collect, strict, excluded, disableLayers, defaultLabel, sep);
    }

    /** Prints what was read and the skipped lines; true when lines were skipped. */
    private static boolean report(List<AlertFile> files, PrintWriter err) {
        boolean skipped = false;
        for (AlertFile f : files) {
            err.println(f.name() + ": " + f.alerts().size() + " alerts in " + f.lines() + " lines"
                    + (f.otherEvents() > 0 ? ", " + f.otherEvents() + " other events" : "")
                    + (f.problemCount() > 0 ? ", " + f.problemCount() + " lines skipped" : ""));
            f.problems().stream().limit(SHOWN_PROBLEMS).forEach(p -> err.println("  skipped " + p));
            if (f.problemCount() > SHOWN_PROBLEMS) {
                err.println("  ... and " + (f.problemCount() - SHOWN_PROBLEMS) + " more");
            }
            skipped |= f.problemCount() > 0;
        }
        return skipped;
    }

    /**
     * Runs {@code net capture -read PCAP -out DIR -quiet} with its defaults (with {@code yara}: also
     * {@code -payload -fileStorage files -conns}); null on success, else the exit status. Record files of an
     * earlier run in {@code dir} are not replaced.
     */
    private static Integer captureRecords(Path pcap, Path dir, boolean yara, PrintWriter err) throws IOException {
        try {
            OutputDirectory.prepare(dir);
        } catch (OutputDirectory.Unusable e) {
            err.println(e.getMessage());
            return EXIT_FATAL;
        }
        int earlier = OutputDirectory.recordFiles(dir).size();
        if (earlier > 0) {
            err.println("-out " + dir + ": holds " + earlier + " audit record files of an earlier run;"
                    + " label them with -read " + dir + " or choose another -out for -r");
            return EXIT_FATAL;
        }
        FlagSet flags = CaptureFlags.define();
        CaptureConfig config;
        try {
            List<String> args = new ArrayList<>(List.of("-read", pcap.toString(), "-out", dir.toString(), "-quiet"));
            if (yara) {
                // what the rules are matched against: payloads, extracted files, each conversation's bytes
                args.addAll(List.of("-payload", "-fileStorage", YARA_FILES, "-conns"));
            }
            flags.parse(args, Map.of());
            config = CaptureFlags.config(flags);
        } catch (FlagException | CaptureConfig.InvalidDecoderException e) {
            throw new IllegalStateException("capture defaults rejected: " + e.getMessage(), e);
        }
        var discard = new PrintStream(OutputStream.nullOutputStream());
        var summary = new CaptureJob(RecordDecoding::new, discard, discard)
                .withServices(CaptureFlags.services(flags, System.getenv()))
                .run(config);
        err.println("captured " + pcap + ": " + summary.packets() + " packets into " + dir);
        return null;
    }

    private int usageError(String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(message);
        err.println(GoFlags.helpHint("net label"));
        return GoFlags.USAGE_ERROR;
    }
}
