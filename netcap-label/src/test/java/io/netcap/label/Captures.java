package io.netcap.label;

import io.netcap.engine.CaptureJob;
import io.netcap.engine.RecordDecoding;
import io.netcap.engine.TestConfig;
import io.netcap.engine.config.StreamConfig;
import io.netcap.types.format.CsvReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test helpers: a capture with the defaults of {@code net capture -quiet}, and labeled CSV files read back. */
final class Captures {
    private Captures() {}

    static Path run(Path pcap, Path out) throws IOException {
        return run(pcap, out, false);
    }

    /** With {@code payload}: TCP and UDP records keep their payload bytes ({@code capture -payload}). */
    static Path run(Path pcap, Path out, boolean payload) throws IOException {
        return run(pcap, out, payload, StreamConfig.defaults());
    }

    /** With the stream layer's settings {@code streams} (e.g. file extraction). */
    static Path run(Path pcap, Path out, boolean payload, StreamConfig streams) throws IOException {
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
        new CaptureJob(RecordDecoding::new, discard, discard).run(TestConfig.of(pcap, out).workers(2).payload(payload)
                .streams(streams).build());
        return out;
    }

    /** A labeled CSV, read with the project's RFC 4180 reader: one map per row from column name to value. */
    static List<Map<String, String>> rows(Path csv) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            CsvReader in = new CsvReader(r, ",");
            List<String> header = in.next().fields();
            for (CsvReader.Record rec = in.next(); rec != null; rec = in.next()) {
                if (rec.error() != null) {
                    throw new IOException(csv + " line " + rec.line() + ": " + rec.error());
                }
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    row.put(header.get(i), i < rec.fields().size() ? rec.fields().get(i) : null);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** The labels of a labeled CSV, in row order. */
    static List<String> labels(Path csv) throws IOException {
        return rows(csv).stream().map(r -> r.get(Labeler.RESULT_COLUMN)).toList();
    }
}
