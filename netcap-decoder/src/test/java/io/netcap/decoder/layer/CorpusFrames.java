package io.netcap.decoder.layer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** Reading corpus captures and their TShark field extractions for tests. */
final class CorpusFrames {
    private CorpusFrames() {}

    /** One row of {@code F.fields.tsv}: column name to value (empty string when TShark printed nothing). */
    record Row(Map<String, String> values) {
        String get(String field) {
            return values.getOrDefault(field, "");
        }

        boolean has(String field) {
            return !get(field).isEmpty();
        }

        long timeNanos() {
            String t = get("frame.time_epoch");
            if (t.isEmpty()) {
                return Long.MIN_VALUE; // TShark printed no time (pcapng block without one)
            }
            int dot = t.indexOf('.');
            long sec = Long.parseLong(dot < 0 ? t : t.substring(0, dot));
            String frac = dot < 0 ? "" : (t.substring(dot + 1) + "000000000").substring(0, 9);
            return sec * 1_000_000_000L + (frac.isEmpty() ? 0 : Long.parseLong(frac));
        }
    }

    /** The truth rows of a capture (empty when it has no fields file). */
    static List<Row> truth(Path truthDir, Path capture) throws IOException {
        String name = capture.getFileName().toString();
        Path plain = truthDir.resolve(name + ".fields.tsv");
        Path gz = truthDir.resolve(name + ".fields.tsv.gz");
        InputStream in;
        if (Files.exists(plain)) {
            in = Files.newInputStream(plain);
        } else if (Files.exists(gz)) {
            in = new GZIPInputStream(Files.newInputStream(gz));
        } else {
            return List.of();
        }
        List<Row> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String[] header = r.readLine().split("\t", -1);
            for (String line; (line = r.readLine()) != null; ) {
                String[] v = line.split("\t", -1);
                Map<String, String> m = new HashMap<>();
                for (int i = 0; i < header.length && i < v.length; i++) {
                    m.put(header[i], v[i]);
                }
                rows.add(new Row(m));
            }
        }
        return rows;
    }
}
