package io.netcap.cli;

import io.netcap.cli.flags.CaptureFlags;
import io.netcap.cli.flags.FlagException;
import io.netcap.cli.flags.FlagSet;
import io.netcap.engine.CaptureJob;
import io.netcap.engine.Overview;
import io.netcap.engine.RecordDecoding;
import io.netcap.engine.config.CaptureConfig;
import io.netcap.packet.source.LiveCapture;
import io.netcap.packet.source.NetInterface;
import io.netcap.types.RecordType;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * picocli only hands the arguments over unparsed. Exit status: 0 success, 1 fatal error, 2 flag error
 * (and {@code -h}).
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

    public CaptureCommand() {
        this(Net.VERSION, System.out, System.err);
    }

    CaptureCommand(String version, PrintStream out, PrintStream err) {
        this.version = version;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        return run(args, System.getenv());
    }

    int run(List<String> args, Map<String, String> env) {
        FlagSet flags = CaptureFlags.define();
        try {
            flags.parse(args, env);
        } catch (FlagException e) {
            if (!e.helpRequested()) {
                err.println(e.getMessage());
            }
            err.println("Usage of net capture:");
            err.print(flags.usage());
            return GoFlags.USAGE_ERROR;
        }
        if (consecutiveWords(args)) {
            err.println("two consecutive args detected, typo? " + args);
            return EXIT_FATAL;
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
            return interfaces();
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
            config = CaptureFlags.config(flags);
        } catch (CaptureConfig.InvalidDecoderException e) {
            err.println(e.getMessage());
            err.println("valid decoders: " + String.join(", ", Arrays.stream(RecordType.values())
                    .map(RecordType::name).toList()));
            return EXIT_FATAL;
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
        if (!read.isEmpty() && !Files.isRegularFile(Path.of(read))) {
            err.println("cannot open " + Path.of(read) + ": no such file");
            return EXIT_FATAL;
        }
        try {
            new CaptureJob(RecordDecoding::new, out, err).run(config);
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("capture failed: " + e.getMessage());
            return EXIT_FATAL;
        }
    }

    private int interfaces() {
        try {
            out.printf("%-6s %-16s %-40s %-18s %s%n", "Index", "Name", "Flags", "HardwareAddr", "MTU");
            for (NetInterface i : LiveCapture.interfaces()) {
                out.printf("%-6d %-16s %-40s %-18s %d%n", i.index(), i.name(), i.flagsString(), i.hardwareAddr(), i.mtu());
            }
            return 0;
        } catch (IOException e) {
            err.println("cannot list interfaces: " + e.getMessage());
            return EXIT_FATAL;
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
