package io.netcap.engine;

import io.netcap.engine.config.CaptureConfig;
import io.netcap.engine.config.CaptureFlags;
import io.netcap.engine.config.FlagException;
import io.netcap.engine.config.FlagSet;
import io.netcap.io.GzipBlockCompressor;
import io.netcap.packet.source.LiveCapture;
import io.netcap.packet.source.NetInterface;
import io.netcap.packet.source.PacketSource;
import io.netcap.packet.source.PacketSources;
import io.netcap.types.RecordType;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code net capture}: flags, input selection, the engine run, and the summary (cli.md section 3).
 * Exit status: 0 success, 1 fatal error, 2 flag error (and {@code -h}).
 */
public final class CaptureTool {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FATAL = 1;
    public static final int EXIT_USAGE = 2;

    private final String version;
    private final PacketDecoding.Factory decoding;
    private final PrintStream out;
    private final PrintStream err;

    public CaptureTool(String version, PacketDecoding.Factory decoding, PrintStream out, PrintStream err) {
        this.version = version;
        this.decoding = decoding;
        this.out = out;
        this.err = err;
    }

    /** Entry point for running the engine without the CLI jar (tests start it as a subprocess). */
    public static void main(String[] args) {
        System.exit(new CaptureTool(io.netcap.io.WriterOptions.FORMAT_VERSION, RecordDecoding::new, System.out, System.err)
                .run(List.of(args), System.getenv()));
    }

    public int run(List<String> args, Map<String, String> env) {
        FlagSet flags = CaptureFlags.define();
        try {
            flags.parse(args, env);
        } catch (FlagException e) {
            if (!e.helpRequested()) {
                err.println(e.getMessage());
            }
            err.println("Usage of net capture:");
            err.print(flags.usage());
            return EXIT_USAGE;
        }
        if (consecutiveWords(args)) {
            err.println("two consecutive args detected, typo? " + args);
            return EXIT_FATAL;
        }
        if (flags.getBool("version")) {
            out.println(version);
            return EXIT_OK;
        }
        if (flags.getBool(FlagSet.GEN_CONFIG)) {
            out.print(flags.generateConfig(version));
            return EXIT_OK;
        }
        if (flags.getBool("overview")) {
            out.print(Overview.markdown());
            return EXIT_OK;
        }
        if (flags.getBool("interfaces")) {
            try {
                out.printf("%-6s %-16s %-40s %-18s %s%n", "Index", "Name", "Flags", "HardwareAddr", "MTU");
                for (NetInterface i : LiveCapture.interfaces()) {
                    out.printf("%-6d %-16s %-40s %-18s %d%n", i.index(), i.name(), i.flagsString(), i.hardwareAddr(), i.mtu());
                }
                return EXIT_OK;
            } catch (IOException e) {
                err.println("cannot list interfaces: " + e.getMessage());
                return EXIT_FATAL;
            }
        }
        if (flags.getBool("decoders")) {
            for (RecordType t : RecordType.values()) {
                out.println(t.name() + " (" + t.kind().name().toLowerCase(Locale.ROOT) + ", "
                        + t.descriptor().getFields().size() + " fields)");
            }
            return EXIT_OK;
        }
        CaptureConfig config;
        try {
            config = CaptureConfig.from(flags);
        } catch (CaptureConfig.InvalidDecoderException e) {
            err.println(e.getMessage());
            err.println("valid decoders: " + String.join(", ", java.util.Arrays.stream(RecordType.values())
                    .map(RecordType::name).toList()));
            return EXIT_FATAL;
        }
        if (config.read().isEmpty() && config.iface().isEmpty()) {
            err.println("> nothing to do. need a pcap file with the read flag (-read) or live mode and an interface (-iface)");
            return EXIT_FATAL;
        }
        if (config.read().endsWith(".ncap") || config.read().endsWith(".ncap.gz")) {
            err.println("the -read flag is for pcap and pcapng files; use net dump to read audit records: " + config.read());
            return EXIT_FATAL;
        }
        try {
            return capture(config);
        } catch (IOException | RuntimeException e) {
            err.println("capture failed: " + e.getMessage());
            return EXIT_FATAL;
        }
    }

    private int capture(CaptureConfig config) throws IOException {
        boolean live = config.read().isEmpty();
        String input = live ? config.iface() : config.read();
        long size = -1;
        PacketSource source;
        if (live) {
            source = openLive(config);
        } else {
            Path file = Path.of(config.read());
            if (!Files.isRegularFile(file)) {
                err.println("cannot open " + file + ": no such file");
                return EXIT_FATAL;
            }
            size = file.toString().endsWith(".gz") ? 0 : Files.size(file);
            source = config.bpf().isEmpty() ? PacketSources.open(file) : PacketSources.open(file, config.bpf());
        }
        Path outDir = Path.of(config.out().isEmpty() ? "." : config.out());
        Files.createDirectories(outDir);
        boolean showProgress = (!config.quiet() || config.progress()) && !live;
        CaptureEngine engine = new CaptureEngine(config, decoding, showProgress ? err : null);
        PacketSource src = source;
        Signals.install(engine, () -> {
            err.println("\nreceived signal, stopping (send again to exit at once)");
            if (src instanceof LiveCapture capture) {
                capture.breakLoop(); // wake a reader blocked in libpcap
            }
        });
        if (!config.quiet()) {
            out.println("opening " + input + (size > 0 ? " | size: " + size + " bytes" : "")
                    + " | workers: " + config.workers() + " | compression: "
                    + (config.compress() ? "gzip level " + config.gzipLevel() + " (" + GzipBlockCompressor.preferred(config.gzipLevel()) + ")" : "none"));
        }
        Summary summary;
        try (source) {
            summary = engine.run(source, input, size);
        }
        summary.writeJson(outDir);
        String table = summary.table();
        Files.writeString(outDir.resolve("netcap.log"), table, StandardCharsets.UTF_8);
        if (!config.quiet()) {
            err.print(table);
        }
        return EXIT_OK;
    }

    private static PacketSource openLive(CaptureConfig c) throws IOException {
        return LiveCapture.open(c.iface(), c.bpf(), c.snaplen(), c.promisc(), c.timeout());
    }

    /** {@code -read a.pcap b.pcap}: two words in a row that are not flags (cli.md section 3). */
    static boolean consecutiveWords(List<String> args) {
        for (int i = 1; i < args.size(); i++) {
            if (!args.get(i).startsWith("-") && !args.get(i - 1).startsWith("-")) {
                return true;
            }
        }
        return false;
    }
}
