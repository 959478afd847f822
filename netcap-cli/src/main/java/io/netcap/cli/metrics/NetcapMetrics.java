package io.netcap.cli.metrics;

import com.google.protobuf.Message;
import io.netcap.decoder.DecoderTimes;
import io.netcap.engine.Summary;
import io.netcap.types.RecordType;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The metrics of {@code capture -metrics} and {@code net export} under the original's names
 * (docs/scale-out.md, "Prometheus"), served at {@code http://ADDR/metrics} with the JVM's own metrics.
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

    /** Starts serving at {@code address} (port 0 picks a free one); returns the port. */
    public int serve(InetSocketAddress address) throws IOException {
        try {
            server = HTTPServer.builder().inetAddress(address.getAddress()).port(address.getPort())
                    .registry(registry).buildAndStart();
        } catch (IOException e) {
            throw new IOException("cannot serve metrics at " + address + ": " + e.getMessage(), e);
        }
        return server.getPort();
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
