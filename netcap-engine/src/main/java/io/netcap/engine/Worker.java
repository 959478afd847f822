package io.netcap.engine;

import io.netcap.decoder.ConnectionCaps;
import io.netcap.decoder.ErrorCounts;
import io.netcap.decoder.Protocols;
import io.netcap.decoder.dpi.Dpi;
import io.netcap.decoder.dpi.DpiFlows;
import io.netcap.decoder.flow.ConnectionDecoder;
import io.netcap.decoder.flow.PacketFacts;
import io.netcap.decoder.flow.ProfileDecoder;
import io.netcap.decoder.stream.Conversation;
import io.netcap.decoder.stream.StreamShared;
import io.netcap.engine.config.CaptureConfig;
import io.netcap.packet.Packet;
import io.netcap.packet.layer.LayerParser;
import io.netcap.packet.layer.Layers;
import io.netcap.types.RecordType;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.function.BiConsumer;

/**
 * One decoding worker: owns its flow state (connections, profile tables, whatever its
 * {@link PacketDecoding} keeps), so no locks are needed; the engine routes every packet of a flow here.
 */
final class Worker implements Runnable, PacketOutcome {
    final BlockingQueue<Batch> input;
    final BlockingQueue<Batch> free;
    final ChunkedSink sink;
    final Counters counters = new Counters();
    final ProfileDecoder profiles;
    private final PacketDecoding decoding;
    private final ConnectionDecoder connections;
    /** This worker's nDPI flows with {@code -dpi}, else null. */
    private final DpiFlows dpi;
    private final SpecialPcaps specials;
    private final boolean writeUnknown;
    /** The one parse of every packet of this worker. */
    private final LayerParser parser;
    /** The flow facts of the current packet, derived from its layers. */
    private final PacketFacts facts = new PacketFacts();
    private Packet current;
    private long currentNumber;
    private boolean currentFailed;
    volatile Throwable failure;
    private boolean dpiClosed;
    /** Opened when this worker has taken its last packet: its profile tables are final from then on. */
    final CountDownLatch decoded = new CountDownLatch(1);
    /** Opened when this worker has ended its conversations: what they report to the shared tables is final then. */
    final CountDownLatch conversationsEnded = new CountDownLatch(1);
    /** The stream layer, or null without reassembly. */
    private final StreamLayer streams;
    /** Datagrams reassembled from fragments by other workers whose flow is this worker's (see StreamLayer). */
    final Queue<Packet> handedOver = new ConcurrentLinkedQueue<>();
    /** Shared by all workers: opened when every worker has taken its last packet, so no more are handed over. */
    private final CountDownLatch allTaken;
    private boolean taken;
    /** Longest wait of a record in a partly filled chunk while packets are scarce, in ns; 0: until the chunk is full. */
    private long handOverNanos;
    private long lastHandOver;
    /** Alarms of a heap filling with live state, or null; and how many of them this worker has acted on. */
    private HeapPressure pressure;
    private long pressureSeen;

    Worker(CaptureConfig cfg, PacketDecoding decoding, ChunkedSink sink, SpecialPcaps specials,
           BlockingQueue<Batch> input, BlockingQueue<Batch> free, int index, int workers, CountDownLatch allTaken,
           BiConsumer<Integer, Packet> handoff, Dpi dpi, StreamShared tables) {
        this.decoding = decoding;
        this.sink = sink;
        this.specials = specials;
        this.input = input;
        this.free = free;
        this.writeUnknown = !cfg.ignoreUnknown();
        this.parser = new LayerParser(Protocols.routes(), cfg.datagrams());
        this.connections = cfg.recordTypes().contains(RecordType.Connection)
                ? new ConnectionDecoder(sink::acceptSerialized, cfg.connTimeout().toNanos(),
                        cfg.connActiveTimeout().toNanos(), cfg.connFlushInterval(), 0,
                        ConnectionCaps.forHeap() / workers)
                : null;
        // the profiles' tables share the connections' budget: a device or address per connection, four ports
        this.profiles = cfg.recordTypes().contains(RecordType.DeviceProfile)
                ? new ProfileDecoder(ConnectionCaps.forHeap() / workers, 4 * (ConnectionCaps.forHeap() / workers))
                : null;
        this.allTaken = allTaken;
        this.streams = cfg.streams().reassemble()
                ? new StreamLayer(cfg.streams(), StreamLayer.enabled(cfg.recordTypes(), cfg.datagrams()), cfg.context(), index,
                        workers, sink, StreamLayer.files(cfg.streams(), cfg.out(), sink),
                        StreamLayer.dumps(cfg.streams(), cfg.out()),
                        this::streamError, handoff, tables)
                : null;
        if (streams != null && connections != null) {
            streams.tallyWith(connections::tally);
        }
        // profiles and connections carry DPI results (docs/enrichment.md, "DPI")
        this.dpi = dpi != null && (profiles != null || connections != null) ? dpi.flows() : null;
        if (this.dpi != null && connections != null) {
            connections.nameDpi(dpi::protocolName, dpi::categoryName);
        }
    }

    @Override
    public void run() {
        try {
            while (true) {
                Batch b = next();
                if (b.end) {
                    break;
                }
                for (int i = 0; i < b.count; i++) {
                    process(b.packet(i), b.number[i]);
                }
                b.clear();
                free.offer(b);
                takeHandedOver();
                if (pressure != null && pressure.alarms() != pressureSeen) {
                    pressureSeen = pressure.alarms();
                    relieve();
                }
            }
            if (profiles != null && profiles.tlsOverCap() > 0) {
                counters.errors.merge("profile-tls-over-cap", profiles.tlsOverCap(), Long::sum);
            }
            if (profiles != null && profiles.overCap() > 0) {
                counters.errors.merge("profile-entries-over-cap", profiles.overCap(), Long::sum);
            }
            decoded.countDown();
            closeDpi();
            lastTaken();
            allTaken.await();
            takeHandedOver();
            if (streams != null) {
                streams.finish();
            }
            conversationsEnded.countDown();
            // De-initialisation (docs/engine.md, "Shutdown"): packet decoders, then the abstraction decoders.
            decoding.finish(sink);
            if (connections != null) {
                connections.flush();
            }
            sink.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            failure = t;
            if (!taken) {
                drain(); // the end marker is still to come
            }
        } finally {
            decoded.countDown();
            conversationsEnded.countDown();
            lastTaken();
            closeDpi();
        }
    }

    /** Acts on the alarms of {@code p} (docs/streams.md, "Memory pressure"); set before the run. */
    void watch(HeapPressure p) {
        this.pressure = p;
    }

    /**
     * An alarm of {@link HeapPressure}: the reassembly and Connection tables give up a quarter of what they hold (the
     * least recently active, ended as their caps end them) and keep to that; the profiles' tables grow no more.
     * Counted, once per worker and alarm, under {@code tables-cut-under-memory-pressure}.
     */
    private void relieve() {
        counters.errors.merge("tables-cut-under-memory-pressure", 1L, Long::sum);
        if (streams != null) {
            streams.shrink();
        }
        if (connections != null) {
            connections.shrink();
        }
        if (profiles != null) {
            profiles.freeze();
        }
    }

    /** Ships partly filled chunks every {@code nanos} (a tap that must see records of a quiet live link); set before the run. */
    void handOverEvery(long nanos) {
        this.handOverNanos = nanos;
        this.lastHandOver = System.nanoTime();
    }

    /** The next batch; while waiting for it, hands the partly filled chunks over once every interval. */
    private Batch next() throws InterruptedException {
        if (handOverNanos <= 0) {
            return input.take();
        }
        while (true) {
            long wait = lastHandOver + handOverNanos - System.nanoTime();
            Batch b = wait > 0 ? input.poll(wait, java.util.concurrent.TimeUnit.NANOSECONDS) : null;
            if (b != null && System.nanoTime() - lastHandOver < handOverNanos) {
                return b;
            }
            sink.flush();
            lastHandOver = System.nanoTime();
            if (b != null) {
                return b;
            }
        }
    }

    private void closeDpi() {
        if (dpi != null && !dpiClosed) {
            dpiClosed = true;
            if (dpi.overCap() > 0) {
                counters.errors.merge("dpi-flows-over-cap", dpi.overCap(), Long::sum);
            }
            dpi.close();
        }
    }

    private void lastTaken() {
        if (!taken) {
            taken = true;
            allTaken.countDown();
        }
    }

    private void takeHandedOver() {
        Packet p;
        while ((p = handedOver.poll()) != null) {
            streams.reassembled(p);
        }
    }

    /** The stream layer's statistics (docs/streams.md), empty without reassembly. */
    java.util.Map<String, Long> streamStats() {
        java.util.Map<String, Long> stats = new java.util.LinkedHashMap<>(streams == null ? java.util.Map.of() : streams.stats());
        if (connections != null && connections.flushedAtCap() > 0) {
            stats.put("connection_records_flushed_at_cap", connections.flushedAtCap());
        }
        return stats;
    }

    /** After a failure: keep taking batches until the end marker, so the reader never blocks on this queue. */
    private void drain() {
        try {
            Batch b;
            while (!(b = input.take()).end) {
                b.clear();
                free.offer(b);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Parses one packet, once, and decodes its records and flow facts from the layers. */
    void process(Packet p, long number) {
        counters.packets++;
        current = p;
        currentNumber = number;
        currentFailed = false;
        Layers layers = parser.parse(p);
        facts.fill(layers);
        try {
            decoding.decode(layers, facts, sink, this);
        } catch (RuntimeException e) {
            // A decoder bug must not stop the capture: count it like a malformed packet.
            error("decoder-exception", ErrorCounts.failure("record", e));
        }
        if (dpi != null && facts.hasNetwork()) {
            int ip = layers.offset(layers.firstNetwork());
            facts.dpiProtocol = dpi.classify(facts.dpiFlowKey(), p.buffer(), ip, p.offset() + p.capturedLength() - ip,
                    p.timestampNanos());
        }
        if (connections != null) {
            connections.handle(facts);
        }
        if (profiles != null) {
            profiles.handle(facts);
        }
        if (streams != null) {
            try {
                streams.handle(layers, facts);
            } catch (RuntimeException e) {
                error("stream-exception", ErrorCounts.failure("stream layer", e));
            }
        }
        current = null; // its batch goes back to the reader
    }

    @Override
    public void error(String kind, String message) {
        counters.errors.merge(kind, 1L, Long::sum);
        if (!currentFailed) {
            currentFailed = true;
            counters.errorPackets++;
        }
        specials.error(current, currentNumber, message);
    }

    /** A stream parser's error: counted, and logged with its conversation and the packet being handled, if any. */
    private void streamError(String kind, Conversation conversation, String message) {
        counters.errors.merge(kind, 1L, Long::sum);
        specials.streamError(current, currentNumber, kind, conversation, message);
    }

    @Override
    public void unknown(String layer) {
        counters.unknown.merge(layer, 1L, Long::sum);
        if (writeUnknown) {
            specials.unknown(current);
        }
    }
}
