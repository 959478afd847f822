package io.netcap.vuln;

import io.netcap.types.Vulnerability;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;

/**
 * Looks up the CVEs of a product version in the {@link Indexes#NVD} index (docs/enrichment.md,
 * "Vulnerabilities and exploits"). The original's query, {@code +Description:"<vendor>"
 * +Description:"<product>" +Versions:<version>}, with one addition: a CVE whose CPE names a version range of
 * the product (NVD lists most as ranges now) counts when the version is inside it. Thread-safe.
 */
public final class Vulnerabilities extends LuceneIndex {
    /** At most this many CVEs per lookup. */
    static final int MAX_HITS = 100;

    private Vulnerabilities(DirectoryReader reader) {
        super(reader);
    }

    /** The index in {@code dbs}, or null when it was not built. */
    public static Vulnerabilities open(Path dbs) throws IOException {
        DirectoryReader r = open(dbs, Indexes.NVD);
        return r == null ? null : new Vulnerabilities(r);
    }

    public List<Vulnerability> of(String product, String version) throws IOException {
        return of("", product, version);
    }

    /** The CVEs of {@code vendor} (may be empty) {@code product} {@code version}; records without Software. */
    public List<Vulnerability> of(String vendor, String product, String version) throws IOException {
        BooleanQuery.Builder q = describing(phrases, product, version, vendor, product);
        if (q == null) {
            return List.of();
        }
        q.add(new BooleanQuery.Builder()
                .add(new TermQuery(new Term(Indexes.VERSIONS, version)), BooleanClause.Occur.SHOULD)
                .add(new TermQuery(new Term(Indexes.HAS_RANGE, "1")), BooleanClause.Occur.SHOULD)
                .build(), BooleanClause.Occur.MUST);
        List<Vulnerability> out = new ArrayList<>();
        String wanted = VersionRange.normalise(product);
        var stored = searcher.storedFields();
        for (ScoreDoc hit : searcher.search(q.build(), MAX_HITS * 10).scoreDocs) {
            Document d = stored.document(hit.doc);
            if (!applies(d, wanted, version)) {
                continue;
            }
            Vulnerability.Builder v = Vulnerability.newBuilder()
                    .setID(d.get(Indexes.ID))
                    .setDescription(d.get(Indexes.DESCRIPTION))
                    .setSeverity(d.get("Severity"))
                    .setV2Score(d.get("V2Score"))
                    .setAccessVector(d.get("AccessVector"));
            for (IndexableField f : d.getFields(Indexes.RANGE)) {
                VersionRange r = VersionRange.decode(f.stringValue());
                if (r != null && !r.isRange()) {
                    v.addVersions(r.exact());
                }
            }
            out.add(v.build());
            if (out.size() == MAX_HITS) {
                break;
            }
        }
        return out;
    }

    /** The version is listed (the original's test), or inside a range of the same product. */
    private static boolean applies(Document d, String product, String version) {
        for (IndexableField f : d.getFields(Indexes.RANGE)) {
            VersionRange r = VersionRange.decode(f.stringValue());
            if (r == null) {
                continue;
            }
            if (!r.isRange() && r.exact().equals(version)) {
                return true;
            }
            if (r.isRange() && VersionRange.normalise(r.product()).equals(product) && r.contains(version)) {
                return true;
            }
        }
        return false;
    }
}
