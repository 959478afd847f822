package io.netcap.engine;

import io.netcap.types.format.JsonFormat;

import io.netcap.types.RecordType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Map;

/**
 * The end-of-run statistics: printed as a table and written as {@code summary.json}.
 *
 * @param bytes        captured bytes read
 * @param wireBytes    original (wire) lengths of the packets read
 * @param errors       decoding errors per kind (a packet may count under several kinds)
 * @param errorPackets packets with at least one decoding error
 * @param unknown      layers without decoder, per layer name
 * @param streams      the stream layer's statistics (docs/streams.md), empty without reassembly
 * @param interrupted  the run was stopped by a signal before the end of the input
 * @param taps         further groups of counters by name, usually none: those of the {@link RecordTap}s (Kafka:
 *                     docs/scale-out.md), and {@code categories_over_cap} of {@code -csv -encode}
 */
public record Summary(String input, long packets, long bytes, long wireBytes, Map<RecordType, Long> records,
                      Map<String, Long> errors, long errorPackets, Map<String, Long> unknown,
                      Map<String, Long> streams, double elapsedSeconds, int workers, long outputBytes, boolean interrupted,
                      Map<String, Map<String, Long>> taps) {

    /** A run without {@link RecordTap}. */
    public Summary(String input, long packets, long bytes, long wireBytes, Map<RecordType, Long> records,
                   Map<String, Long> errors, long errorPackets, Map<String, Long> unknown,
                   Map<String, Long> streams, double elapsedSeconds, int workers, long outputBytes, boolean interrupted) {
        this(input, packets, bytes, wireBytes, records, errors, errorPackets, unknown, streams, elapsedSeconds,
                workers, outputBytes, interrupted, Map.of());
    }

    public double packetsPerSecond() {
        return elapsedSeconds > 0 ? packets / elapsedSeconds : 0;
    }

    public long totalRecords() {
        return records.values().stream().mapToLong(Long::longValue).sum();
    }

    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-28s %14s%n", "Record type", "Records"));
        sb.append("-".repeat(43)).append('\n');
        records.entrySet().stream()
                .sorted(Map.Entry.<RecordType, Long>comparingByValue().reversed()
                        .thenComparing(e -> e.getKey().fileName()))
                .forEach(e -> sb.append(String.format(Locale.ROOT, "%-28s %14d%n", e.getKey().fileName(), e.getValue())));
        if (!errors.isEmpty()) {
            sb.append(String.format(Locale.ROOT, "%n%-28s %14s%n", "Error kind", "Count"));
            sb.append("-".repeat(43)).append('\n');
            errors.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "%-28s %14d%n", k, v)));
        }
        if (!unknown.isEmpty()) {
            sb.append(String.format(Locale.ROOT, "%n%-28s %14s%n", "Unknown protocol", "Packets"));
            sb.append("-".repeat(43)).append('\n');
            unknown.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "%-28s %14d%n", k, v)));
        }
        sb.append('\n');
        sb.append(String.format(Locale.ROOT, "packets        %d%n", packets));
        sb.append(String.format(Locale.ROOT, "bytes          %d (wire %d)%n", bytes, wireBytes));
        sb.append(String.format(Locale.ROOT, "records        %d%n", totalRecords()));
        sb.append(String.format(Locale.ROOT, "error packets  %d%n", errorPackets));
        sb.append(String.format(Locale.ROOT, "elapsed        %.3f s%n", elapsedSeconds));
        sb.append(String.format(Locale.ROOT, "packets/s      %.0f%n", packetsPerSecond()));
        sb.append(String.format(Locale.ROOT, "workers        %d%n", workers));
        sb.append(String.format(Locale.ROOT, "-> total bytes of audit record data written to disk: %d%n", outputBytes));
        taps.forEach((name, counters) -> {
            sb.append(String.format(Locale.ROOT, "%-14s", name));
            counters.forEach((k, v) -> sb.append(' ').append(k).append(' ').append(v));
            sb.append('\n');
        });
        if (interrupted) {
            sb.append("(stopped by signal before the end of the input)\n");
        }
        return sb.toString();
    }

    public String json() {
        StringBuilder sb = new StringBuilder("{\n");
        sb.append("  \"input\": ").append(JsonFormat.quote(input)).append(",\n");
        sb.append("  \"packets\": ").append(packets).append(",\n");
        sb.append("  \"bytes\": ").append(bytes).append(",\n");
        sb.append("  \"wire_bytes\": ").append(wireBytes).append(",\n");
        sb.append("  \"records\": {");
        String sep = "";
        for (Map.Entry<RecordType, Long> e : records.entrySet()) {
            sb.append(sep).append("\n    ").append(JsonFormat.quote(e.getKey().fileName())).append(": ").append(e.getValue());
            sep = ",";
        }
        sb.append(records.isEmpty() ? "},\n" : "\n  },\n");
        sb.append("  \"errors\": ").append(map(errors)).append(",\n");
        sb.append("  \"error_packets\": ").append(errorPackets).append(",\n");
        sb.append("  \"unknown\": ").append(map(unknown)).append(",\n");
        sb.append("  \"reassembly\": ").append(map(streams)).append(",\n");
        sb.append("  \"elapsed_seconds\": ").append(String.format(Locale.ROOT, "%.6f", elapsedSeconds)).append(",\n");
        sb.append("  \"packets_per_second\": ").append(String.format(Locale.ROOT, "%.1f", packetsPerSecond())).append(",\n");
        sb.append("  \"workers\": ").append(workers).append(",\n");
        sb.append("  \"output_bytes\": ").append(outputBytes).append(",\n");
        sb.append("  \"interrupted\": ").append(interrupted);
        for (Map.Entry<String, Map<String, Long>> t : taps.entrySet()) {
            sb.append(",\n  ").append(JsonFormat.quote(t.getKey())).append(": ").append(map(t.getValue()));
        }
        sb.append('\n');
        return sb.append("}\n").toString();
    }

    /**
     * Writes {@code summary.json} and the statistics of {@code reassembly.log}, after the trace the capture wrote there
     * when {@code traced} ({@link io.netcap.decoder.stream.ReassemblyTrace}), else in its place.
     */
    public void writeJson(Path dir, boolean traced) throws IOException {
        Files.writeString(dir.resolve("summary.json"), json(), StandardCharsets.UTF_8);
        if (!streams.isEmpty()) {
            Files.writeString(dir.resolve("reassembly.log"), reassemblyLog(), StandardCharsets.UTF_8,
                    traced ? new StandardOpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.APPEND}
                            : new StandardOpenOption[0]);
        }
    }

    /** The stream layer's statistics as {@code reassembly.log} lists them, one {@code name: value} a line. */
    public String reassemblyLog() {
        StringBuilder sb = new StringBuilder();
        streams.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "%-28s %d%n", k + ":", v)));
        return sb.toString();
    }

    private static String map(Map<String, Long> m) {
        if (m.isEmpty()) {
            return "{}";
        }
        StringBuilder sb = new StringBuilder("{");
        String sep = "";
        for (Map.Entry<String, Long> e : m.entrySet()) {
            sb.append(sep).append("\n    ").append(JsonFormat.quote(e.getKey())).append(": ").append(e.getValue());
            sep = ",";
        }
        return sb.append("\n  }").toString();
    }

}
