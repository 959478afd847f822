package io.netcap.decoder.stream.software;

import io.netcap.decoder.BudgetedText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The original's CMS and framework fingerprints ({@code cmsdb.json} in the database directory, Wappalyzer's
 * format, docs/enrichment.md "Software"): an object of technologies by name, each with {@code headers} and
 * {@code cookies} objects mapping a name to a regular expression on its value, and a {@code website}. Names
 * compare without case; a value matches when the expression is found in it (empty: any value). Wappalyzer
 * appends tags after {@code \;} ({@code \;version:\1}); only the expression before them is used. An expression
 * that does not compile is counted and left out. Of the technologies a response matches, the first in name order
 * wins, a header before a cookie (the original tried them in Go's random map order and stopped at the first match
 * under its default {@code -stop-after-service-match}).
 */
public final class CmsDb {
    public static final String FILE = "cmsdb.json";
    static final int MAX_RULES = 1 << 20;

    /** One header or cookie rule of technology number {@code technology}. */
    private record Rule(int technology, boolean cookie, Pattern value) {}

    /** What matched: the technology, its website, and the record's source. */
    record Match(String product, String website, String sourceName, String sourceData) {}

    private final List<String> names = new ArrayList<>();
    private final List<String> websites = new ArrayList<>();
    private final Map<String, List<Rule>> headers = new HashMap<>();
    private final Map<String, List<Rule>> cookies = new HashMap<>();
    private int rules;
    private long skipped;

    private CmsDb() {}

    /** Reads the file of {@code dbs}; null when it does not exist. */
    public static CmsDb load(Path dbs) throws IOException {
        Path f = dbs.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        CmsDb db = new CmsDb();
        Map<String, Object> byName = new TreeMap<>(JsonTree.map(JsonTree.read(f)));
        for (Map.Entry<String, Object> t : byName.entrySet()) {
            Map<String, Object> info = JsonTree.map(t.getValue());
            int index = db.names.size();
            db.names.add(t.getKey());
            db.websites.add(JsonTree.text(info.get("website")));
            db.add(index, false, JsonTree.map(info.get("headers")), db.headers);
            db.add(index, true, JsonTree.map(info.get("cookies")), db.cookies);
        }
        return db;
    }

    private void add(int technology, boolean cookie, Map<String, Object> byName, Map<String, List<Rule>> into) {
        for (Map.Entry<String, Object> e : byName.entrySet()) {
            if (rules >= MAX_RULES) {
                skipped++;
                continue;
            }
            String regex = JsonTree.text(e.getValue());
            int tags = regex.indexOf("\\;");
            try {
                Pattern p = Pattern.compile(tags < 0 ? regex : regex.substring(0, tags));
                into.computeIfAbsent(e.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(new Rule(technology, cookie, p));
                rules++;
            } catch (PatternSyntaxException | StackOverflowError x) {
                skipped++;
            }
        }
    }

    /**
     * The first technology a response's header fields and cookies (name, value pairs) show, or null. The
     * original's {@code SourceData}: {@code regex match on value: <value>}.
     */
    Match match(List<String[]> headerFields, List<String[]> responseCookies) {
        Rule best = null;
        String value = null;
        for (boolean cookie : new boolean[] {false, true}) {
            for (String[] nv : cookie ? responseCookies : headerFields) {
                for (Rule r : (cookie ? cookies : headers).getOrDefault(nv[0].toLowerCase(Locale.ROOT), List.of())) {
                    if ((best == null || r.technology < best.technology) && found(r.value, nv[1])) {
                        best = r;
                        value = nv[1];
                    }
                }
            }
        }
        if (best == null) {
            return null;
        }
        return new Match(names.get(best.technology), websites.get(best.technology),
                best.cookie ? "HTTP Cookie" : "HTTP Header", "regex match on value: " + value);
    }

    /**
     * Whether the database's regex finds the value, within {@link #BUDGET} character reads: the regexes come
     * from a file and the values from the traffic, and {@link java.util.regex} backtracks, so a bad pair could
     * take exponential time. Past the budget it is no match (as the Service probes, docs/enrichment.md).
     */
    private static boolean found(Pattern p, String value) {
        try {
            return p.matcher(new BudgetedText(value.length() > SoftwareRecords.MAX_HEADER
                    ? value.substring(0, SoftwareRecords.MAX_HEADER) : value, BUDGET)).find();
        } catch (StackOverflowError | BudgetedText.Exhausted e) {
            return false;
        }
    }

    /** Character reads allowed for one regex on one value of at most 512 characters. */
    static final long BUDGET = 200_000;

    /** Technologies read. */
    public int size() {
        return names.size();
    }

    /** Rules over the cap or not compiling. */
    public long skipped() {
        return skipped;
    }
}
