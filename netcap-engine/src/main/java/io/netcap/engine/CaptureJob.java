package io.netcap.engine;

import io.netcap.decoder.dpi.Dpi;
import io.netcap.decoder.dpi.Ndpi;
import io.netcap.decoder.resolve.FirstProblem;
import io.netcap.decoder.resolve.Log;
import io.netcap.decoder.resolve.Resolvers;
import io.netcap.decoder.service.ProbeFile;
import io.netcap.decoder.service.HostNames;
import io.netcap.decoder.service.ServiceConfig;
import io.netcap.decoder.service.ServiceStore;
import io.netcap.engine.config.CaptureConfig;
import io.netcap.io.GzipBlockCompressor;
import io.netcap.packet.source.LiveCapture;
import io.netcap.packet.source.PacketSource;
import io.netcap.packet.source.PacketSources;
import io.netcap.types.RecordType;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * One capture run from a resolved {@link CaptureConfig}: opens the file or interface, runs the
 * {@link CaptureEngine}, and writes {@code summary.json} and {@code netcap.log} (docs/engine.md). The
 * command line validates the configuration before; a failure is thrown, not turned into an exit status.
 */
public final class CaptureJob {
    /** The {@code -read} name of standard input. */
    public static final String STDIN = "-";

    private final PacketDecoding.Factory decoding;
    private final PrintStream out;
    private final PrintStream err;
    private Consumer<CaptureEngine> onEngine = engine -> {};
    private ServiceConfig services;
    private boolean strictInit;
    /** What the first Ctrl-C does, once the run has started; null before. */
    private volatile Runnable stop;

    public CaptureJob(PacketDecoding.Factory decoding, PrintStream out, PrintStream err) {
        this.decoding = decoding;
        this.out = out;
        this.err = err;
    }

    /** Hands the engine to {@code listener} before the run starts, e.g. to follow its packet count. */
    public CaptureJob onEngine(Consumer<CaptureEngine> listener) {
        this.onEngine = listener;
        return this;
    }

    /** Writes Service records with these settings when they are selected (docs/enrichment.md, "Service"). */
    public CaptureJob withServices(ServiceConfig settings) {
        this.services = settings;
        return this;
    }

    /**
     * {@code -ignore-init-errors=false}: a database a decoder needs that is missing or unreadable ends the run before
     * the first packet (exit 1), where by default one line says what stays empty.
     */
    public CaptureJob strictInit(boolean strict) {
        this.strictInit = strict;
        return this;
    }

    /**
     * Stops a running capture in order, as a first Ctrl-C does (every file flushed and closed); false when the run has
     * not started reading yet.
     */
    public boolean stop() {
        Runnable s = stop;
        if (s == null) {
            return false;
        }
        s.run();
        return true;
    }

    /** Runs the capture to its end (or to a signal) and returns its summary. */
    public Summary run(CaptureConfig config) throws IOException {
        boolean live = config.read().isEmpty();
        String input = live ? config.iface() : config.read();
        long size = -1;
        PacketSource source;
        if (live) {
            source = LiveCapture.open(config.iface(), config.bpf(), config.snaplen(), config.promisc(), config.timeout());
        } else if (config.read().equals(STDIN)) {
            // a pcap or pcapng stream (docs/engine.md, "Inputs"): no size, so no percentage
            input = "stdin";
            source = PacketSources.filter(PacketSources.open(System.in, input), config.bpf());
        } else {
            Path file = Path.of(config.read());
            size = file.toString().endsWith(".gz") || !Files.isRegularFile(file) ? 0 : Files.size(file);
            source = PacketSources.open(file, config.bpf());
        }
        Path outDir = Path.of(config.out().isEmpty() ? "." : config.out());
        boolean showProgress = (!config.quiet() || config.progress()) && !live;
        if (!config.quiet()) {
            err.println("opening " + input + (size > 0 ? " | size: " + size + " bytes" : "")
                    + " | workers: " + config.workers() + " | compression: "
                    + (config.compress() ? "gzip level " + config.gzipLevel() + " (" + GzipBlockCompressor.preferred(config.gzipLevel()) + ")" : "none"));
        }
        FirstProblem init = new FirstProblem(log(config));
        // Loaded once, before the first packet; only profiles carry resolver results so far.
        Resolvers resolvers = config.recordTypes().contains(RecordType.DeviceProfile)
                ? Resolvers.open(config.resolvers(), init)
                : Resolvers.none();
        Dpi dpi = null;
        // profiles and connections carry DPI results (docs/enrichment.md, "DPI")
        if (config.resolvers().dpi() && (config.recordTypes().contains(RecordType.DeviceProfile)
                || config.recordTypes().contains(RecordType.Connection))) {
            try {
                dpi = Dpi.open();
            } catch (Ndpi.UnavailableException e) {
                resolvers.close();
                source.close();
                throw new IOException("-dpi: " + e.getMessage(), e);
            }
            resolvers.withDpi(dpi);
            if (!config.quiet()) {
                err.println("DPI: " + dpi.library());
            }
        }
        ServiceLoading serviceLoading = serviceLoading(config, init);
        HostNames hostNames = serviceLoading == null ? null : Resolvers.hostNames(config.resolvers(), init);
        if (strictInit) {
            String problem = initProblem(config, init, serviceLoading);
            if (problem != null) {
                resolvers.close();
                source.close();
                throw new IOException("error while initializing (-ignore-init-errors=false): " + problem);
            }
        }
        CaptureEngine engine = new CaptureEngine(config, decoding, showProgress ? err : null, resolvers, dpi);
        if (serviceLoading != null) {
            engine.withServices(new ServiceStore(services, serviceLoading.counters(), serviceLoading)
                    .withHostNames(hostNames))
                    .thenLoad(serviceLoading::start);
        }
        onEngine.accept(engine); // the engine creates the output directory when it writes files
        PacketSource src = source;
        Runnable wake = () -> {
            if (src instanceof LiveCapture capture) {
                capture.breakLoop(); // wake a reader blocked in libpcap
            }
        };
        stop = () -> {
            engine.stop();
            wake.run();
        };
        try (Signals.Installed signals = Signals.install(engine, () -> {
            err.println("\nreceived signal, stopping (send again to exit at once)");
            wake.run();
        })) {
            return run(config, engine, source, resolvers, serviceLoading, input, size, outDir);
        }
    }

    private Summary run(CaptureConfig config, CaptureEngine engine, PacketSource source, Resolvers resolvers,
            ServiceLoading serviceLoading, String input, long size, Path outDir) throws IOException {
        Summary summary;
        try (source; resolvers) {
            summary = engine.run(source, input, size);
            for (var defect : source.defects()) {
                err.println("warning: " + input + ": damaged capture, " + defect);
            }
        } finally {
            if (serviceLoading != null) {
                serviceLoading.report(log(config));
            }
        }
        String table = summary.table();
        if (engine.writesFiles()) {
            summary.writeJson(outDir, config.streams().reassemble() && config.streams().trace().any());
            Files.writeString(outDir.resolve("netcap.log"), table, StandardCharsets.UTF_8);
        }
        if (!config.quiet()) {
            err.print(table);
        }
        return summary;
    }

    /**
     * The reading of the Service records' probe file, started by the engine and waited for when the records are
     * written, or null when they are off; a missing file is one line now, what the reading says comes after the capture.
     */
    private ServiceLoading serviceLoading(CaptureConfig config, Log log) {
        if (services == null || !config.recordTypes().contains(RecordType.Service) || !config.streams().reassemble()) {
            return null;
        }
        if (services.probes() == null) {
            log.problem("services: no " + ProbeFile.NAME + " (install nmap-common or place it in the database"
                    + " directory): Product and Version stay empty");
        }
        return new ServiceLoading(services, config.resolvers());
    }

    private Log log(CaptureConfig config) {
        return config.quiet() ? Log.NONE : err::println;
    }

    /**
     * The first thing a decoder lacks, for {@code -ignore-init-errors=false}: what the resolvers and the probe file's
     * check said, then (read here, before the capture, where they are read beside it otherwise) the probe file and port
     * names of the Service records, then the User-Agent rules of the Software records.
     */
    private static String initProblem(CaptureConfig config, FirstProblem init, ServiceLoading serviceLoading) {
        if (init.first() != null) {
            return init.first();
        }
        if (serviceLoading != null) {
            serviceLoading.get();
            if (serviceLoading.problem() != null) {
                return serviceLoading.problem();
            }
        }
        if (CaptureEngine.readsUserAgents(config) && CaptureEngine.userAgentRules() == null) {
            return "software: no uap-core regexes.yaml (apt-get install uap-core): no Software from User-Agent";
        }
        return null;
    }
}
