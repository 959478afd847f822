package io.netcap.cli.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.MetricWithFixedMetadata;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A bound on the label combinations (series) of each metric. Labels taken from record fields (ports,
 * addresses) have no natural bound: past the cap a new combination is not exported but counted in
 * {@code nc_dropped_series_total{Metric}}, so a scan of the whole address space cannot exhaust memory.
 */
final class SeriesCap {
    /** Series per metric by default. */
    static final int DEFAULT = 10_000;

    private final int limit;
    private final Map<MetricWithFixedMetadata, Set<List<String>>> seen = new HashMap<>();
    private final Counter dropped;

    SeriesCap(PrometheusRegistry registry, int limit) {
        this.limit = limit;
        this.dropped = Counter.builder().name("nc_dropped_series").labelNames("Metric")
                .help("increments not exported because the metric had reached its cap of label combinations")
                .register(registry);
    }

    /** Whether the series {@code labels} of {@code metric} may be incremented. */
    synchronized boolean admit(MetricWithFixedMetadata metric, String[] labels) {
        if (labels.length == 0) {
            return true;
        }
        Set<List<String>> series = seen.computeIfAbsent(metric, m -> new HashSet<>());
        List<String> key = Arrays.asList(labels);
        if (series.contains(key) || series.size() < limit && series.add(key)) {
            return true;
        }
        dropped.labelValues(metric.getPrometheusName()).inc();
        return false;
    }
}
