package io.netcap.decoder.resolve;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * TLS fingerprint to description (docs/enrichment.md, "JA3 and JA4"). JA3 and JA3S hashes share one table
 * filled from every {@code ja3*.json} of the database directory in name order: {@code ja3erDB.json} is one
 * array, the others hold one object per line ({@code #} lines are comments), each {@code {"desc", "ja3_hash"}};
 * {@code ja3UserAgents.json} is skipped as the original skips it. A hash listed again gets the new description
 * appended after {@code "; "} unless the text already contains it. {@code ja4db.json} (the FoxIO JA4+
 * database, one array) fills the JA4 and JA4S tables; its description is the original's:
 * application, library, OS and device joined by {@code " / "}, then {@code " [verified]"} and {@code " (notes)"}.
 */
public final class Ja3Descriptions {
    public static final String JA3_ARRAY = "ja3erDB.json";
    public static final String JA3_USER_AGENTS = "ja3UserAgents.json";
    public static final String JA4 = "ja4db.json";
    /** Cap per table. */
    static final int MAX_ENTRIES = 1 << 20;

    private final Map<String, StringBuilder> ja3 = new HashMap<>();
    private final Map<String, Ja4Entry> ja4 = new HashMap<>();
    private final Map<String, Ja4Entry> ja4s = new HashMap<>();
    long bad;

    private Ja3Descriptions() {}

    /** The databases of {@code dir}, or null when it has none. */
    static Ja3Descriptions load(Path dir, Log log) throws IOException {
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "ja3*.json")) {
                ds.forEach(files::add);
            }
        }
        files.sort(null);
        Ja3Descriptions d = new Ja3Descriptions();
        boolean any = false;
        for (Path f : files) {
            String name = f.getFileName().toString();
            if (name.equals(JA3_USER_AGENTS) || !Files.isRegularFile(f)) {
                continue;
            }
            any = true;
            FlatJson.Counts c = name.equals(JA3_ARRAY)
                    ? FlatJson.array(f, o -> d.addJa3(o.get("ja3_hash"), o.get("desc")))
                    : FlatJson.lines(f, o -> d.addJa3(o.get("ja3_hash"), o.get("desc")));
            d.bad += c.bad;
        }
        Path ja4 = dir.resolve(JA4);
        if (Files.isRegularFile(ja4)) {
            any = true;
            d.bad += FlatJson.array(ja4, d::addJa4).bad;
        }
        if (!any) {
            log.problem("JA3/JA4: no ja3*.json or " + JA4 + " in " + dir + "; fingerprint descriptions stay empty");
            return null;
        }
        log.line("JA3/JA4: " + d.ja3.size() + " JA3/JA3S, " + d.ja4.size() + " JA4 and " + d.ja4s.size()
                + " JA4S fingerprints from " + dir + Log.skipped(d.bad));
        return d;
    }

    /** The description of a JA3 or JA3S hash, or "". */
    public String ja3(String hash) {
        StringBuilder b = ja3.get(hash);
        return b == null ? "" : b.toString();
    }

    public String ja4(String fingerprint) {
        Ja4Entry e = ja4.get(fingerprint);
        return e == null ? "" : e.description();
    }

    public String ja4s(String fingerprint) {
        Ja4Entry e = ja4s.get(fingerprint);
        return e == null ? "" : e.description();
    }

    private void addJa3(String hash, String desc) {
        if (hash == null || desc == null) {
            bad++;
            return;
        }
        StringBuilder e = ja3.get(hash);
        if (e == null) {
            if (ja3.size() >= MAX_ENTRIES) {
                bad++;
                return;
            }
            ja3.put(hash, new StringBuilder(desc));
        } else if (e.indexOf(desc) < 0) {
            e.append("; ").append(desc);
        }
    }

    private void addJa4(Map<String, String> o) {
        Ja4Entry e = new Ja4Entry(o);
        add(ja4, o.get("ja4_fingerprint"), e);
        add(ja4s, o.get("ja4s_fingerprint"), e);
    }

    private void add(Map<String, Ja4Entry> table, String key, Ja4Entry e) {
        if (key == null || key.isEmpty()) {
            return;
        }
        Ja4Entry old = table.get(key);
        if (old == null) {
            if (table.size() < MAX_ENTRIES) {
                table.put(key, e);
            } else {
                bad++;
            }
            return;
        }
        // the original merges into the first entry's notes
        String d = e.description();
        if (!old.description().contains(d)) {
            String notes = old.notes + "; " + d;
            old.notes = notes.startsWith("; ") ? notes.substring(2) : notes;
        }
    }

    private static final class Ja4Entry {
        final String application;
        final String library;
        final String os;
        final String device;
        final boolean verified;
        String notes;

        Ja4Entry(Map<String, String> o) {
            application = o.getOrDefault("application", "");
            library = o.getOrDefault("library", "");
            os = o.getOrDefault("os", "");
            device = o.getOrDefault("device", "");
            verified = "true".equals(o.get("verified"));
            notes = o.getOrDefault("notes", "");
        }

        String description() {
            List<String> parts = new ArrayList<>();
            for (String p : new String[] {application, library, os, device}) {
                if (!p.isEmpty()) {
                    parts.add(p);
                }
            }
            String d = String.join(" / ", parts);
            if (verified) {
                d += " [verified]";
            }
            return notes.isEmpty() ? d : d + " (" + notes + ")";
        }
    }
}
