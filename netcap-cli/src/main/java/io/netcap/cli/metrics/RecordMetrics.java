package io.netcap.cli.metrics;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.netcap.types.RecordType;
import io.netcap.types.format.CsvFormat;
import io.netcap.types.format.CsvStyle;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The per-record metrics of the original (docs/scale-out.md, "Prometheus"): a counter {@code nc_<type>}
 * per record type, labelled with the record's CSV columns (reduced lists for the busiest types), and
 * payload histograms for the packet layers and connections. Label values are the CSV strings.
 */
final class RecordMetrics {
    /** Buckets of every histogram, as the original's. */
    static final double[] BUCKETS = {20, 25, 30, 35, 40};

    /** The original's label lists where it does not take every CSV column. */
    static final Map<RecordType, List<String>> LABELS = Map.of(
            RecordType.TCP, List.of("SrcPort", "DstPort", "DataOffset", "FIN", "SYN", "RST", "PSH", "ACK", "URG",
                    "ECE", "CWR", "NS", "Urgent"),
            RecordType.UDP, List.of("SrcPort", "DstPort"),
            RecordType.IPv4, List.of("Version", "IHL", "TOS", "Flags", "FragOffset", "TTL", "Protocol", "SrcIP", "DstIP"),
            RecordType.IPv6, List.of("Version", "TrafficClass", "FlowLabel", "NextHeader", "HopLimit", "SrcIP", "DstIP"),
            RecordType.Ethernet, List.of("SrcMAC", "DstMAC", "EthernetType"),
            RecordType.Connection, List.of("LinkProto", "NetworkProto", "TransportProto", "ApplicationProto",
                    "SrcMAC", "DstMAC", "SrcIP", "SrcPort", "DstIP", "DstPort"),
            RecordType.SSH, List.of("HASSH", "Flow"));

    /** Types with {@code nc_<type>_entropy} and {@code nc_<type>_size} histograms. */
    static final List<RecordType> PAYLOAD_HISTOGRAMS = List.of(RecordType.TCP, RecordType.UDP, RecordType.IPv4,
            RecordType.IPv6, RecordType.Ethernet);

    /** Connection histograms: metric suffix and field. */
    static final Map<String, String> CONNECTION_HISTOGRAMS = Map.of("size", "TotalSize",
            "payload_size", "AppPayloadSize", "numpackets", "NumPackets", "duration", "Duration");

    private static final CsvStyle STYLE = new CsvStyle(true, "(", ")", "-", false);

    private final Map<RecordType, Family> families = new EnumMap<>(RecordType.class);
    private final PrometheusRegistry registry;
    private final SeriesCap cap;

    RecordMetrics(PrometheusRegistry registry, SeriesCap cap) {
        this.registry = registry;
        this.cap = cap;
    }

    /** The metrics of one record type; registered on first use. */
    private record Family(CsvFormat format, int[] columns, Counter counter, List<Payload> payload) {}

    /** A histogram of one numeric field, labelled with the given columns or none. */
    private record Payload(Histogram histogram, FieldDescriptor field, int[] labels) {}

    /** Whether the original exports {@code type} at all: profiles and mail have no metrics. */
    static boolean exported(RecordType type) {
        return type != RecordType.DeviceProfile && type != RecordType.IPProfile && type != RecordType.Mail;
    }

    /** The metric name of a record type: {@code nc_} and the type name in lower case. */
    static String name(RecordType type) {
        return "nc_" + type.name().toLowerCase(Locale.ROOT);
    }

    void count(RecordType type, Message record) {
        if (!exported(type)) {
            return;
        }
        Family f = families.computeIfAbsent(type, this::register);
        List<String> values = f.format().values(record, STYLE, f.columns());
        String[] labels = values.toArray(String[]::new);
        if (cap.admit(f.counter(), labels)) {
            f.counter().labelValues(labels).inc();
        }
        for (Payload p : f.payload()) {
            double v = ((Number) record.getField(p.field())).doubleValue();
            String[] l = new String[p.labels().length];
            for (int i = 0; i < l.length; i++) {
                l[i] = values.get(p.labels()[i]);
            }
            if (cap.admit(p.histogram(), l)) {
                p.histogram().labelValues(l).observe(v);
            }
        }
    }

    private Family register(RecordType type) {
        CsvFormat format = CsvFormat.of(type);
        List<String> names = LABELS.getOrDefault(type, format.names().stream()
                .filter(n -> !n.equals("Timestamp")).toList());
        int[] columns = names.stream().mapToInt(format::indexOf).toArray();
        String base = name(type);
        Counter counter = Counter.builder().name(base).help(type.name() + " audit records")
                .labelNames(names.stream().map(RecordMetrics::labelName).toArray(String[]::new)).register(registry);
        List<Payload> payload = new ArrayList<>();
        if (PAYLOAD_HISTOGRAMS.contains(type)) {
            payload.add(histogram(type, base + "_entropy", "PayloadEntropy", List.of(), names));
            payload.add(histogram(type, base + "_size", "PayloadSize", List.of(), names));
        } else if (type == RecordType.Connection) {
            CONNECTION_HISTOGRAMS.forEach((suffix, field) ->
                    payload.add(histogram(type, base + "_" + suffix, field, List.of("SrcMAC", "DstMAC"), names)));
        }
        return new Family(format, columns, counter, payload);
    }

    private Payload histogram(RecordType type, String name, String field, List<String> labels, List<String> columns) {
        Histogram h = Histogram.builder().name(name).help(field + " of " + type.name() + " audit records")
                .classicOnly().classicUpperBounds(BUCKETS).labelNames(labels.toArray(String[]::new)).register(registry);
        return new Payload(h, type.descriptor().findFieldByName(field), labels.stream().mapToInt(columns::indexOf).toArray());
    }

    /** A CSV column name as a Prometheus label name ({@code [a-zA-Z_][a-zA-Z0-9_]*}). */
    static String labelName(String column) {
        String s = column.replaceAll("[^A-Za-z0-9_]", "_");
        return Character.isDigit(s.charAt(0)) ? "_" + s : s;
    }
}
