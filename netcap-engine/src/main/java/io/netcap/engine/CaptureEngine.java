package io.netcap.engine;

import io.netcap.decoder.dpi.Dpi;
import io.netcap.decoder.flow.ProfileDecoder;
import io.netcap.decoder.flow.ProfileEnrichment;
import io.netcap.decoder.service.ServiceStore;
import io.netcap.decoder.flow.ShardKey;
import io.netcap.decoder.resolve.ResolverConfig;
import io.netcap.decoder.stream.EncryptedSessions;
import io.netcap.decoder.stream.ReassemblyTrace;
import io.netcap.decoder.stream.StreamDebug;
import io.netcap.decoder.stream.StreamShared;
import io.netcap.decoder.stream.ftp.FtpDataChannels;
import io.netcap.decoder.stream.software.SoftwareStore;
import io.netcap.decoder.stream.software.UserAgentParser;
import io.netcap.engine.config.CaptureConfig;
import io.netcap.io.Progress;
import io.netcap.io.RecordEncoding;
import io.netcap.io.RecordLabels;
import io.netcap.io.WriterOptions;
import io.netcap.packet.Packet;
import io.netcap.packet.source.PacketSource;
import io.netcap.types.RecordType;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The capture pipeline (docs/engine.md, "Pipeline"): the calling thread reads packets and shards
 * them by a symmetric flow hash into batches for N workers; workers decode into per-type chunk buffers;
 * writer threads compress full chunks into one record file per type.
 *
 * <p>Shutdown (end of input or {@link #stop()}): stop reading, hand every worker an end marker after
 * its queued packets, let each worker run its decoders' de-initialisation (Connection records), merge
 * and write the profiles, then flush and close every file. Empty record files are never created, and
 * no other file is removed: replacing an earlier run's records is the command line's decision.
 */
public final class CaptureEngine {
    /** Packets per batch for file input; live capture uses single-packet batches for latency. */
    static final int BATCH_PACKETS = 256;
    static final int CHUNK_BYTES = 64 << 10;
    /**
     * With {@code -buf=false}: the longest a record waits in a worker's partly filled chunk before it goes to its
     * writer, which writes it through when it has nothing else queued.
     */
    static final Duration UNBUFFERED_LAG = Duration.ofSeconds(1);
    /**
     * The types written once the workers have ended: the Service records, and the Software records with what
     * {@link SoftwareFindings} derive from them. Every other type is final then, and its files close meanwhile.
     */
    static final Set<RecordType> AFTER_WORKERS = EnumSet.of(RecordType.Service, RecordType.Software,
            RecordType.Vulnerability, RecordType.Exploit);

    private final CaptureConfig config;
    private final PacketDecoding.Factory decoding;
    private final PrintStream progressOut;
    private final ProfileEnrichment enrichment;
    private final Dpi dpi;
    /** The capture's TCP services (docs/enrichment.md, "Service"), or null when Service records are off. */
    private ServiceStore services;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong packetsRead = new AtomicLong();
    private final AtomicLong bytesRead = new AtomicLong();
    private final AtomicLong wireBytes = new AtomicLong();
    private final AtomicLong consumed = new AtomicLong();

    /**
     * @param progressOut where progress lines go (stderr), or null for none
     */
    public CaptureEngine(CaptureConfig config, PacketDecoding.Factory decoding, PrintStream progressOut) {
        this(config, decoding, progressOut, ProfileEnrichment.NONE, null);
    }

    /**
     * @param enrichment the resolver results the profiles carry (docs/enrichment.md)
     * @param dpi        DPI for the protocols of profiles and connections ({@code -dpi}), or null
     */
    public CaptureEngine(CaptureConfig config, PacketDecoding.Factory decoding, PrintStream progressOut,
                         ProfileEnrichment enrichment, Dpi dpi) {
        this.config = config;
        this.decoding = decoding;
        this.progressOut = progressOut;
        this.enrichment = enrichment;
        this.dpi = dpi;
    }

    /** Collects the TCP services into {@code store} and writes them at the end (null: none). */
    public CaptureEngine withServices(ServiceStore store) {
        this.services = store;
        return this;
    }

    private RecordTap tap;
    private RecordLabels labels;
    private PacketRate rate;
    /** Alarms of a heap filling with live state; null: the JVM's, watched during {@link #run}. */
    private HeapPressure pressure;
    private SoftwareFindings findings;
    private Runnable load = () -> {};

    /**
     * Runs {@code task} (which starts loading something only the end of the capture needs, on a thread of its own)
     * once the User-Agent rules the first packets may wait for are compiled, or at the start without them: the two
     * loads then do not share the cores the workers start on (docs/engine.md, "Start-up"). A short capture whose
     * input is read before the rules are compiled runs it then: its end is near. Set before {@link #run}.
     */
    public CaptureEngine thenLoad(Runnable task) {
        this.load = task;
        return this;
    }

    /** Every Software record written also goes to {@code f} (null: none); set before {@link #run}. */
    public CaptureEngine onSoftware(SoftwareFindings f) {
        this.findings = f;
        return this;
    }

    /**
     * Records also go to {@code tap} (docs/scale-out.md, "Kafka"), or only to it when it
     * {@linkplain RecordTap#replacesFiles() replaces the files}; set before {@link #run}.
     */
    public CaptureEngine tap(RecordTap tap) {
        this.tap = tap;
        return this;
    }

    /**
     * CSV rows ({@code -csv}, {@code -csv -encode}) get a last column of these labels ({@code -csv -labels},
     * docs/labeling.md); set before {@link #run}.
     */
    public CaptureEngine labels(RecordLabels labels) {
        this.labels = labels;
        return this;
    }

    /** The reader counts packets per second of capture time into {@code rate} ({@code -pps}); set before {@link #run}. */
    public CaptureEngine packetRate(PacketRate rate) {
        this.rate = rate;
        return this;
    }

    /** Takes the workers' memory-pressure alarms from {@code p} instead of the JVM (tests); set before {@link #run}. */
    CaptureEngine pressure(HeapPressure p) {
        this.pressure = p;
        return this;
    }

    /** False when a tap takes the records instead of files: then nothing is written to the output directory. */
    public boolean writesFiles() {
        return tap == null || !tap.replacesFiles();
    }

    private void software(io.netcap.types.Software r, ChunkedSink out) {
        out.accept(RecordType.Software, r);
        if (findings != null) {
            findings.found(r, out::accept);
        }
    }

    /** Requests an orderly stop: reading ends after the current packet, everything queued is still decoded. */
    public void stop() {
        stop.set(true);
    }

    public boolean stopped() {
        return stop.get();
    }

    /**
     * The workers' queues are made before the first packet: a {@code -pbuf} whose batches would take more than a
     * quarter of the heap is refused with what it would take and the most this heap allows, instead of an
     * OutOfMemoryError while they are made.
     */
    static void checkQueues(int pbuf, int workers, int batchPackets, int queueBatches, long maxHeap)
            throws IOException {
        long perBatch = Batch.bytesFor(batchPackets) + 16L * batchPackets + 64; // buffer, numbers, packet slots
        long bytes = (long) workers * (queueBatches + 1) * perBatch;
        if (bytes > maxHeap / 4) {
            long batches = maxHeap / 4 / workers / perBatch - 1;
            String smaller = batches < 2 ? "no -pbuf fits with " + workers + " workers"
                    : "-pbuf at most " + batches * batchPackets + " with " + workers + " workers";
            throw new IOException("-pbuf " + pbuf + " with " + workers + " workers: their queues would take "
                    + (bytes >> 20) + " MiB, more than a quarter of the " + (maxHeap >> 20) + " MiB heap; " + smaller
                    + "; fewer workers or a larger heap (NET_JAVA_OPTS=-Xmx...) take more");
        }
    }

    /**
     * Runs the pipeline over {@code source} until its end or {@link #stop()}.
     *
     * @param inputBytes size of the input file for the progress percentage, or -1 (live capture)
     */
    public Summary run(PacketSource source, String inputName, long inputBytes) throws IOException {
        long started = System.nanoTime();
        Path out = Path.of(config.out().isEmpty() ? "." : config.out());
        boolean files = writesFiles();
        if (files) {
            Files.createDirectories(out);
        }
        boolean live = inputBytes < 0;
        int workersN = config.workers();
        int batchPackets = live ? 1 : BATCH_PACKETS;
        int queueBatches = Math.max(2, config.packetBuffer() / batchPackets);
        checkQueues(config.packetBuffer(), workersN, batchPackets, queueBatches, Runtime.getRuntime().maxMemory());

        WriterOptions options = WriterOptions.defaults(inputName)
                .withCompress(config.compress())
                .withGzipLevel(config.compress() ? config.gzipLevel() : WriterOptions.DEFAULT_GZIP_LEVEL)
                .withContainsPayloads(config.payload())
                .withRemoveEmpty(true)
                .withEncoding(config.encoding())
                .withBlockSize(config.blockSize());
        // Two compressing threads at least: the large types (Ethernet, IPv4, TCP) then deflate in parallel
        // instead of queueing behind one thread (measured: 4.9 s -> 4.1 s wall on the 256 MiB bench capture).
        // Text (-csv, -json) renders every record in the writer threads, which then outweigh the workers: one more, so
        // that the three large types, which arrive first and are dealt round-robin, each get a thread of their own
        // (measured on 2 cores: -csv 19.3-21.3 s with two, 18.0-19.1 s with three, five pairs; BENCHMARKS.md).
        boolean text = config.encoding() != RecordEncoding.PROTO && config.encoding() != RecordEncoding.NONE;
        int writerThreads = Integer.getInteger("netcap.writers",
                Math.max(2, Runtime.getRuntime().availableProcessors() / 2) + (text ? 1 : 0));
        List<Worker> workers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        Progress progress = null;
        Throwable readFailure = null;
        try (HeapPressure heap = pressure != null ? pressure : HeapPressure.watch();
             SpecialPcaps specials = new SpecialPcaps(out, files && !config.ignoreUnknown(), files && config.logErrors());
             WriterPool pool = new WriterPool(files && config.encoding() != RecordEncoding.NONE ? out : null, options,
                     writerThreads, Math.max(32, 8 * workersN), CHUNK_BYTES);
             StreamDebug debug = files && config.streams().reassemble() && config.streams().debug()
                     ? StreamDebug.open(out.resolve("debug.log")) : null;
             ReassemblyTrace trace = files && config.streams().reassemble() && config.streams().trace().any()
                     ? ReassemblyTrace.open(out.resolve("reassembly.log"), config.streams().trace()) : null) {
            if (labels != null) {
                pool.labels(labels);
            }
            if (!config.buffered()) {
                pool.flushWhenIdle();
            }
            if (tap != null) {
                tap.start(options);
                pool.tap(tap);
            }
            CountDownLatch allTaken = new CountDownLatch(workersN);
            Runnable loadOnce = once(load);
            SoftwareStore software = software(config, loadOnce);
            var credentials = StreamLayer.credentials(config.streams(), config.recordTypes());
            StreamShared tables = new StreamShared(new FtpDataChannels(), software, credentials, services,
                    new EncryptedSessions(), debug, trace);
            for (int i = 0; i < workersN; i++) {
                BlockingQueue<Batch> in = new ArrayBlockingQueue<>(queueBatches + 1);
                BlockingQueue<Batch> free = new ArrayBlockingQueue<>(queueBatches + 2);
                for (int k = 0; k < queueBatches + 1; k++) {
                    free.add(new Batch(batchPackets));
                }
                Worker w = new Worker(config, decoding.create(config), new ChunkedSink(pool, config.recordTypes()),
                        specials, in, free, i, workersN, allTaken, (to, p) -> workers.get(to).handedOver.add(p), dpi, tables);
                Duration handOver = tap != null ? tap.handOverInterval() : null;
                if (!config.buffered() && (handOver == null || handOver.compareTo(UNBUFFERED_LAG) > 0)) {
                    handOver = UNBUFFERED_LAG;
                }
                if (handOver != null) {
                    w.handOverEvery(handOver.toNanos());
                }
                w.watch(heap);
                workers.add(w);
                // daemons, as the writers: a run that fails outside them (an OutOfMemoryError where the end markers
                // are made) must not leave the JVM waiting for workers that wait for packets
                threads.add(Thread.ofPlatform().name("netcap-worker-" + i).daemon(true).unstarted(w));
            }
            threads.forEach(Thread::start);
            if (progressOut != null) {
                progress = Progress.packets(new PrintWriter(progressOut, true), packetsRead, consumed, inputBytes);
                progress.start();
            }

            try {
                read(source, workers, batchPackets);
            } catch (Throwable e) {
                // whatever stops the reading, an OutOfMemoryError too, the workers still get their end markers:
                // without them they would wait for packets for ever and the run would never end
                readFailure = e;
            }
            loadOnce.run();
            // End markers after the queued packets.
            for (Worker w : workers) {
                Batch end = new Batch(1);
                end.end = true;
                put(w.input, end);
            }
            // Services span the conversations of every worker: final once each has ended its conversations, then
            // matched and written on a thread of their own while the profiles are merged here and the workers
            // write their connections; their probe matches join the software table before it is written.
            ServiceEmission serviceEmission = services == null ? null
                    : ServiceEmission.start(services, workers, new ChunkedSink(pool, config.recordTypes()),
                            software.enabled() ? software : null);
            // Profiles span flows: each worker kept its own tables, merged here as soon as every worker
            // has taken its last packet, while the workers still write out their connections.
            for (Worker w : workers) {
                await(w.decoded);
            }
            ChunkedSink mainSink = new ChunkedSink(pool, config.recordTypes());
            List<ProfileDecoder> parts = workers.stream().map(w -> w.profiles).filter(p -> p != null).toList();
            if (!parts.isEmpty() && workers.stream().allMatch(w -> w.failure == null)) {
                boolean ips = config.recordTypes().contains(RecordType.IPProfile);
                ProfileDecoder.emit(parts, mainSink::acceptSerialized, ips ? mainSink::acceptSerialized : null, enrichment);
            }
            if (credentials != null) {
                // the earliest of each login once every conversation has ended: the same records whatever the
                // workers (docs/streams.md, "Credentials")
                for (Worker w : workers) {
                    await(w.conversationsEnded);
                }
                credentials.drain().forEach(c -> mainSink.accept(RecordType.Credentials, c));
            }
            mainSink.flush();
            for (Thread t : threads) {
                join(t);
            }
            // the writer threads close the other files (their last gzip members) while the Service records are matched
            pool.finish(EnumSet.complementOf(EnumSet.copyOf(AFTER_WORKERS)));
            if (serviceEmission != null) {
                serviceEmission.join();
            }
            // Software spans flows and workers: written once, after every worker has ended its conversations.
            if (workers.stream().allMatch(w -> w.failure == null)) {
                ChunkedSink softwareSink = new ChunkedSink(pool, config.recordTypes());
                software.emit(r -> software(r, softwareSink));
                softwareSink.flush();
            }
            if (progress != null) {
                progress.finish();
            }
            for (Worker w : workers) {
                if (w.failure != null) {
                    throw new IOException("worker failed: " + describe(w.failure, w.failure.toString()), w.failure);
                }
            }
            pool.close();
            Map<String, Map<String, Long>> taps = new LinkedHashMap<>();
            if (tap != null) {
                tap.close();
                taps.put(tap.name(), tap.stats());
            }
            Map<String, Long> overCap = pool.categoriesOverCap();
            if (!overCap.isEmpty()) {
                taps.put("categories_over_cap", overCap); // -csv -encode: values written as -1
            }

            Counters total = new Counters();
            workers.forEach(w -> total.merge(w.counters));
            Map<String, Long> streams = new LinkedHashMap<>();
            workers.forEach(w -> w.streamStats().forEach((k, v) -> streams.merge(k, v, Long::sum)));
            if (services != null) {
                streams.putAll(services.stats());
            }
            streams.putAll(tables.encrypted().stats());
            Map<RecordType, Long> records = new EnumMap<>(pool.counts());
            records.values().removeIf(v -> v == 0);
            for (var d : source.defects()) {
                total.errors.merge("capture-file-defect", 1L, Long::sum);
            }
            long elapsed = System.nanoTime() - started;
            Summary s = new Summary(inputName, packetsRead.get(), bytesRead.get(), wireBytes.get(), records,
                    total.errors, total.errorPackets, total.unknown, streams, elapsed / 1e9, workersN,
                    pool.bytesOnDisk(), stop.get(), taps);
            if (readFailure != null) {
                throw new IOException("reading " + inputName + " failed after " + packetsRead.get() + " packets: "
                        + describe(readFailure, readFailure.getMessage()), readFailure);
            }
            return s;
        }
    }

    /**
     * A failure as the user reads it; running out of memory says what to do about it: the tables' default caps
     * (connections, conversations) can need more heap than the JVM was given.
     */
    static String describe(Throwable t, String otherwise) {
        return t instanceof OutOfMemoryError
                ? "out of memory (" + t.getMessage() + "): the heap is too small for the tables' caps; give the JVM"
                        + " more (NET_JAVA_OPTS=-Xmx2g) or lower -reassembly-max-conns"
                : otherwise;
    }

    /** Whether the capture writes Software records, which read the User-Agents of HTTP. */
    static boolean readsUserAgents(CaptureConfig config) {
        return config.recordTypes().contains(RecordType.Software) && config.streams().reassemble();
    }

    /** uap-core's User-Agent rules: the database directory's {@code regexes.yaml}, else Debian's; null for none. */
    static Path userAgentRules() {
        Path db = ResolverConfig.databaseDirectory(System.getenv()).resolve("regexes.yaml");
        Path file = Files.isRegularFile(db) ? db : UserAgentParser.DEBIAN_PATH;
        return Files.isRegularFile(file) ? file : null;
    }

    /**
     * The capture-wide software table when Software records are selected (docs/enrichment.md, "Software"), with
     * uap-core's User-Agent rules from the database directory or Debian's {@code uap-core} package, compiled on a
     * thread of their own from the start of the capture and waited for at the first User-Agent (compiled there,
     * on a worker, they held it and the workers waiting for them for 40-60 ms); without the file one line says so
     * (none under {@code -quiet}) and User-Agents give no Software.
     */
    private static SoftwareStore software(CaptureConfig config, Runnable then) {
        if (!readsUserAgents(config)) {
            then.run();
            return SoftwareStore.OFF;
        }
        Path dbs = ResolverConfig.databaseDirectory(System.getenv());
        Path file = userAgentRules();
        SoftwareStore store;
        if (file == null) {
            if (!config.quiet()) {
                System.err.println("software: no uap-core regexes.yaml in " + dbs + " or " + UserAgentParser.DEBIAN_PATH
                        + " (apt-get install uap-core): no Software from User-Agent");
            }
            store = new SoftwareStore(SoftwareStore.DEFAULT_CAP, () -> null);
            then.run();
        } else {
            // on a thread of its own, not the common pool: a capture started from a common-pool task (on 2 cores its
            // only thread) would have its workers wait for rules that could never load
            CompletableFuture<UserAgentParser> rules = CompletableFuture.supplyAsync(() -> {
                try {
                    return UserAgentParser.load(file);
                } catch (IOException e) {
                    System.err.println("software: " + e.getMessage() + ": no Software from User-Agent");
                    return null;
                }
            }, task -> Thread.ofPlatform().name("netcap-user-agents").daemon().start(task));
            rules.whenComplete((r, e) -> then.run());
            store = new SoftwareStore(SoftwareStore.DEFAULT_CAP, () -> {
                try {
                    return rules.join();
                } catch (CompletionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : e;
                }
            });
        }
        return store.withDatabases(SoftwareDatabases.hassh(dbs, config.quiet()), SoftwareDatabases.cms(dbs, config.quiet()));
    }

    /** {@code task}, run by the first call only. */
    private static Runnable once(Runnable task) {
        AtomicBoolean done = new AtomicBoolean();
        return () -> {
            if (done.compareAndSet(false, true)) {
                task.run();
            }
        };
    }

    private void read(PacketSource source, List<Worker> workers, int batchPackets) throws IOException {
        int n = workers.size();
        Batch[] open = new Batch[n];
        // Several workers: the reader takes a small shard key from the address headers (ShardKey) and the
        // worker parses the packet, once (docs/engine.md, "Sharding rules").
        long number = 0;
        long bytes = 0;
        long wire = 0;
        PacketRate perSecond = rate;
        Packet p;
        try {
            while (!stop.get() && (p = source.next()) != null) {
                number++;
                bytes += p.capturedLength();
                wire += p.wireLength();
                if (perSecond != null) {
                    perSecond.add(p.timestampNanos());
                }
                // Published for the progress line every 256 packets, not with atomic adds per packet.
                if ((number & 0xFF) == 0 || batchPackets == 1) {
                    publish(number, bytes, wire);
                }
                int w = n == 1 ? 0 : ShardKey.of(p) % n;
                Worker worker = workers.get(w);
                if (open[w] == null) {
                    open[w] = take(worker.free);
                }
                if (!open[w].add(p, number)) {
                    put(worker.input, open[w]);
                    open[w] = take(worker.free);
                    open[w].add(p, number);
                }
                if (open[w].count >= batchPackets) {
                    put(worker.input, open[w]);
                    open[w] = null;
                }
            }
        } finally {
            // also when reading fails: the summary counts what was read, and the packets read are decoded
            publish(number, bytes, wire);
            for (int w = 0; w < n; w++) {
                if (open[w] != null && open[w].count > 0) {
                    put(workers.get(w).input, open[w]);
                }
            }
        }
    }

    /** The reader's counters for the progress line and the summary; 16 bytes per pcap record header. */
    private void publish(long packets, long bytes, long wire) {
        packetsRead.set(packets);
        bytesRead.set(bytes);
        wireBytes.set(wire);
        consumed.set(bytes + 16 * packets);
    }

    private static Batch take(BlockingQueue<Batch> q) {
        try {
            return q.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void put(BlockingQueue<Batch> q, Batch b) {
        try {
            q.put(b);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void await(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public long packetsRead() {
        return packetsRead.get();
    }
}
