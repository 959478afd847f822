package io.netcap.cli.metrics;

import com.google.protobuf.Message;
import com.sun.net.httpserver.HttpExchange;
import io.netcap.decoder.DecoderTimes;
import io.netcap.engine.Summary;
import io.netcap.types.RecordType;
import io.netcap.types.format.JsonFormat;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The metrics of {@code capture -metrics} and {@code net export} under the original's names
 * (docs/scale-out.md, "Prometheus"), served at {@code http://ADDR/metrics} with the JVM's own metrics, and the
 * JSON page of Go's {@code expvar} at {@code /debug/vars}.
 */
public final class NetcapMetrics implements Closeable {
    /** Seconds between two updates of {@code nc_new_packets_per_second}, as in the original. */
    static final long RATE_INTERVAL_SECONDS = 5;
    private static final String FAILURE = "DECODER_FAILURE_";

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final long started = System.nanoTime();
    private final AtomicLong counted = new AtomicLong();
    private volatile LongSupplier packets = counted::get;
    private final Counter protocols;
    private final Counter unknownProtocols;
    private final Counter decodingErrors;
    private final RecordMetrics records;
    private final Thread rate;
    private HTTPServer server;
    private volatile List<String> commandLine = List.of();

    public NetcapMetrics() {
        this(SeriesCap.DEFAULT);
    }

    NetcapMetrics(int seriesCap) {
        GaugeWithCallback.builder().name("nc_uptime").help("seconds since the start of the process")
                .callback(cb -> cb.call((System.nanoTime() - started) / 1e9)).register(registry);
        GaugeWithCallback.builder().name("nc_numpackets").help("packets processed")
                .callback(cb -> cb.call(packets.getAsLong())).register(registry);
        Gauge perSecond = Gauge.builder().name("nc_new_packets_per_second")
                .help("packets per second over the last " + RATE_INTERVAL_SECONDS + " seconds").register(registry);
        protocols = Counter.builder().name("nc_protocols_total").help("layers seen, per protocol")
                .labelNames("Protocol").register(registry);
        unknownProtocols = Counter.builder().name("nc_unknown_protocols_total").help("layers without decoder, per protocol")
                .labelNames("Protocol").register(registry);
        decodingErrors = Counter.builder().name("nc_decoding_errors_total").help("decoding errors, per protocol and error")
                .labelNames("Protocol", "Error").register(registry);
        records = new RecordMetrics(registry, new SeriesCap(registry, seriesCap));
        // how long a recent call of each decoder took, sampled by the workers while metrics are served
        for (DecoderTimes.Kind k : DecoderTimes.Kind.values()) {
            var gauge = GaugeWithCallback.builder().name(k.metric()).help("nanoseconds of a recent call, per decoder");
            if (k == DecoderTimes.Kind.REASSEMBLY) {
                gauge.callback(cb -> DecoderTimes.last(k).values().forEach(cb::call));
            } else {
                gauge.labelNames("Decoder").callback(cb -> DecoderTimes.last(k).forEach((d, ns) -> cb.call(ns, d)));
            }
            gauge.register(registry);
        }
        DecoderTimes.enable(true);
        JvmMetrics.builder().register(registry);
        rate = Thread.ofPlatform().name("netcap-metrics-rate").daemon(true).unstarted(() -> {
            long last = packets.getAsLong();
            while (true) {
                try {
                    Thread.sleep(RATE_INTERVAL_SECONDS * 1000);
                } catch (InterruptedException e) {
                    return;
                }
                long now = packets.getAsLong();
                perSecond.set((now - last) / (double) RATE_INTERVAL_SECONDS);
                last = now;
            }
        });
        rate.start();
    }

    /** {@code nc_numpackets} follows a running capture's packet count from now on. */
    public void packets(LongSupplier source) {
        this.packets = source;
    }

    /** Counts one record into its {@code nc_<type>} metrics. */
    public synchronized void record(RecordType type, Message record) {
        records.count(type, record);
    }

    /**
     * The counts of a finished capture: packets, layers seen (one record per decoded layer, so the
     * layer record counts), layers without decoder and decoding errors.
     */
    public void summary(Summary s) {
        counted.set(s.packets());
        packets = counted::get;
        for (Map.Entry<RecordType, Long> e : s.records().entrySet()) {
            if (e.getKey().kind() == RecordType.Kind.LAYER) {
                protocols.labelValues(e.getKey().name()).inc(e.getValue());
            }
        }
        s.unknown().forEach((layer, n) -> unknownProtocols.labelValues(layer).inc(n));
        s.errors().forEach((kind, n) -> decodingErrors.labelValues(protocolOf(kind), kind).inc(n));
    }

    /**
     * The protocol of an error kind: the layer of {@code DECODER_FAILURE_<LAYER>}; "" for the parse errors,
     * whose summary count does not keep the layer.
     */
    static String protocolOf(String kind) {
        return kind.startsWith(FAILURE) ? kind.substring(FAILURE.length()) : "";
    }

    /** The command line {@code /debug/vars} shows as {@code cmdline}, the program's name first. */
    public void commandLine(List<String> args) {
        this.commandLine = List.copyOf(args);
    }

    /** Starts serving at {@code address} (port 0 picks a free one); returns the port. */
    public int serve(InetSocketAddress address) throws IOException {
        try {
            server = HTTPServer.builder().inetAddress(address.getAddress()).port(address.getPort())
                    .registry(registry).defaultHandler(this::other).buildAndStart();
        } catch (IOException e) {
            throw new IOException("cannot serve metrics at " + address + ": " + e.getMessage(), e);
        }
        return server.getPort();
    }

    /** What is not {@code /metrics}: {@code /debug/vars}, else Go's mux's 404. */
    private void other(HttpExchange x) throws IOException {
        boolean vars = x.getRequestURI().getPath().equals("/debug/vars");
        byte[] body = (vars ? vars() : "404 page not found\n").getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", vars ? "application/json; charset=utf-8" : "text/plain; charset=utf-8");
        x.sendResponseHeaders(vars ? 200 : 404, body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
        x.close();
    }

    /**
     * Go's {@code expvar} page as the original served it: {@code cmdline} and {@code memstats}, whose fields are
     * filled where the JVM has the same quantity (docs/scale-out.md, "Prometheus"), and {@code netcap}: packets and
     * uptime.
     */
    String vars() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        MemoryUsage other = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage();
        long collections = 0;
        long collectionMillis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            collections += Math.max(0, gc.getCollectionCount());
            collectionMillis += Math.max(0, gc.getCollectionTime());
        }
        StringBuilder sb = new StringBuilder("{\n\"cmdline\": [");
        for (int i = 0; i < commandLine.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(JsonFormat.quote(commandLine.get(i)));
        }
        return sb.append("],\n\"memstats\": {\"Alloc\": ").append(heap.getUsed())
                .append(", \"HeapAlloc\": ").append(heap.getUsed())
                .append(", \"HeapSys\": ").append(heap.getCommitted())
                .append(", \"Sys\": ").append(heap.getCommitted() + other.getCommitted())
                .append(", \"NumGC\": ").append(collections)
                .append(", \"PauseTotalNs\": ").append(collectionMillis * 1_000_000)
                .append("},\n\"netcap\": {\"packets\": ").append(packets.getAsLong())
                .append(", \"uptime_seconds\": ").append((System.nanoTime() - started) / 1_000_000_000L)
                .append("}\n}\n").toString();
    }

    PrometheusRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        DecoderTimes.enable(false);
        rate.interrupt();
        if (server != null) {
            server.close();
        }
    }
}
