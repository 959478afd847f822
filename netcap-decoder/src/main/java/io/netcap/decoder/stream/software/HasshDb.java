package io.netcap.decoder.stream.software;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The original's HASSH database ({@code hasshdb.json} in the database directory, docs/enrichment.md
 * "Software"): a JSON array of {@code {"hash": ..., "softwares": [{"name": ..., "likelyhood": ...}]}} (the
 * spelling is the file's). A name reads {@code <SSH version> | <product> <version> ? <OS>}, the {@code ? <OS>}
 * part optional, split as the original splits it. A name without {@code " | "} (the original's split failed on
 * it) and an element that is not such an object are counted and skipped. At most {@value #MAX_HASHES} hashes.
 */
public final class HasshDb {
    public static final String FILE = "hasshdb.json";
    static final int MAX_HASHES = 1 << 20;

    /** One candidate of a hash, split into the record's fields. */
    record Candidate(String sshVersion, String product, String version, String os, String likelihood) {}

    private final Map<String, List<Candidate>> byHash = new HashMap<>();
    private long skipped;

    private HasshDb() {}

    /** Reads the file of {@code dbs}; null when it does not exist. */
    public static HasshDb load(Path dbs) throws IOException {
        Path f = dbs.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        HasshDb db = new HasshDb();
        for (Object element : JsonTree.list(JsonTree.read(f))) {
            Map<String, Object> o = JsonTree.map(element);
            String hash = JsonTree.text(o.get("hash"));
            if (hash.isEmpty() || db.byHash.size() >= MAX_HASHES) {
                db.skipped++;
                continue;
            }
            List<Candidate> candidates = new ArrayList<>();
            for (Object sw : JsonTree.list(o.get("softwares"))) {
                Map<String, Object> s = JsonTree.map(sw);
                Candidate c = candidate(JsonTree.text(s.get("name")), JsonTree.text(s.get("likelyhood")));
                if (c == null) {
                    db.skipped++;
                } else {
                    candidates.add(c);
                }
            }
            db.byHash.computeIfAbsent(hash, k -> new ArrayList<>()).addAll(candidates);
        }
        return db;
    }

    /** The original's split of a name; null when it has no {@code " | "}. */
    static Candidate candidate(String name, String likelihood) {
        String[] first = name.split(" \\? ", -1);
        int bar = first[0].indexOf(" | ");
        if (bar < 0) {
            return null;
        }
        String part = first[0].substring(bar + 3);
        int next = part.indexOf(" | ");
        String[] productVersion = (next < 0 ? part : part.substring(0, next)).split(" ", -1);
        return new Candidate(first[0].substring(0, bar), productVersion[0],
                productVersion.length > 1 ? productVersion[1] : "", first.length > 1 ? first[first.length - 1] : "",
                likelihood);
    }

    /** The candidates of a HASSH, in file order; empty when it is not listed. */
    List<Candidate> candidates(String hassh) {
        return byHash.getOrDefault(hassh, List.of());
    }

    public int size() {
        return byHash.size();
    }

    /** Elements and names skipped. */
    public long skipped() {
        return skipped;
    }
}
