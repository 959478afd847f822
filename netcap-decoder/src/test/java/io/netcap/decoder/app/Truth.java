package io.netcap.decoder.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** Reads the corpus's TShark truth tables ({@code F.fields.tsv[.gz]}, {@code F.ja3.tsv}) as rows of named columns. */
public final class Truth {
    private Truth() {}

    /** Rows of {@code F.fields.tsv} or {@code F.fields.tsv.gz}; empty when neither exists. */
    public static List<Map<String, String>> fields(Path truthDir, String capture) {
        Path plain = truthDir.resolve(capture + ".fields.tsv");
        Path gz = truthDir.resolve(capture + ".fields.tsv.gz");
        if (Files.exists(plain)) return read(plain, false);
        if (Files.exists(gz)) return read(gz, true);
        return List.of();
    }

    public static List<Map<String, String>> ja3(Path truthDir, String capture) {
        Path p = truthDir.resolve(capture + ".ja3.tsv");
        return Files.exists(p) ? read(p, false) : List.of();
    }

    static List<Map<String, String>> read(Path p, boolean gz) {
        try (InputStream raw = Files.newInputStream(p);
             InputStream in = gz ? new GZIPInputStream(raw) : raw;
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String[] header = r.readLine().split("\t", -1);
            List<Map<String, String>> rows = new ArrayList<>();
            for (String line; (line = r.readLine()) != null; ) {
                String[] v = line.split("\t", -1);
                Map<String, String> m = new HashMap<>();
                for (int i = 0; i < header.length; i++) m.put(header[i], i < v.length ? v[i] : "");
                rows.add(m);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Frames whose {@code frame.protocols} chain contains {@code proto} as one element. */
    public static long framesWith(List<Map<String, String>> rows, String proto) {
        return rows.stream().filter(r -> List.of(r.get("frame.protocols").split(":")).contains(proto)).count();
    }
}
