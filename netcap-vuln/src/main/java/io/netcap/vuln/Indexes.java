package io.netcap.vuln;

import io.netcap.types.format.CsvReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;

/**
 * Builds the two Lucene indexes {@code net util -index} writes into the database directory
 * (docs/enrichment.md, "Vulnerabilities and exploits"): {@value #NVD} from NVD CVE feeds and {@value #EXPLOITS}
 * from exploit-db's {@code files_exploits.csv}. An existing index is replaced.
 */
public final class Indexes {
    public static final String NVD = "nvd.lucene";
    public static final String EXPLOITS = "exploit-db.lucene";

    static final String ID = "ID";
    static final String DESCRIPTION = "Description";
    static final String VERSIONS = "Versions";
    static final String RANGE = "Range";
    static final String HAS_RANGE = "HasRange";

    /** Longest ID or version indexed as a term (Lucene refuses terms over 32 766 bytes). */
    static final int MAX_KEY = 256;

    /** What one build read. */
    public record Built(long documents, long skipped) {}

    private Indexes() {}

    static Analyzer analyzer() {
        return new StandardAnalyzer();
    }

    /** Indexes the CVEs of every feed (JSON 1.1 feeds or CVE API 2.0 answers, plain or gzipped). */
    public static Built nvd(Path dbs, List<Path> feeds) throws IOException {
        long[] n = {0, 0};
        try (IndexWriter w = writer(dbs.resolve(NVD))) {
            Map<String, Boolean> ids = new HashMap<>();
            for (Path feed : feeds) {
                n[1] += NvdFeed.read(feed, cve -> {
                    if (cve.id().length() > MAX_KEY) {
                        n[1]++;
                        return;
                    }
                    if (ids.putIfAbsent(cve.id(), true) != null) {
                        return; // a CVE in two feeds (a yearly and a "modified" feed): the first is kept
                    }
                    Document d = new Document();
                    d.add(new StringField(ID, cve.id(), Field.Store.YES));
                    d.add(new TextField(DESCRIPTION, cve.description(), Field.Store.YES));
                    d.add(new StoredField("Severity", cve.severity()));
                    d.add(new StoredField("V2Score", cve.v2Score()));
                    d.add(new StoredField("AccessVector", cve.accessVector()));
                    boolean range = false;
                    for (VersionRange r : cve.versions()) {
                        if (r.isRange()) {
                            range = true;
                        } else if (r.exact().length() <= MAX_KEY) {
                            d.add(new StringField(VERSIONS, r.exact(), Field.Store.NO));
                        }
                        d.add(new StoredField(RANGE, r.encode()));
                    }
                    if (range) {
                        d.add(new StringField(HAS_RANGE, "1", Field.Store.NO));
                    }
                    add(w, d);
                    n[0]++;
                });
            }
        }
        return new Built(n[0], n[1]);
    }

    /**
     * Indexes exploit-db's CSV: columns found by header name ({@code id, file, description, date_published}
     * or {@code date, author, type, platform, port}); a record without id is counted and skipped.
     */
    public static Built exploits(Path dbs, Path csv) throws IOException {
        long documents = 0;
        long skipped = 0;
        try (IndexWriter w = writer(dbs.resolve(EXPLOITS));
             Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            CsvReader r = new CsvReader(in, ",");
            CsvReader.Record header = r.next();
            Map<String, Integer> col = new HashMap<>();
            for (int i = 0; header != null && i < header.fields().size(); i++) {
                col.putIfAbsent(header.fields().get(i).trim().toLowerCase(java.util.Locale.ROOT), i);
            }
            col.putIfAbsent("date", col.getOrDefault("date_published", -1));
            for (CsvReader.Record rec = r.next(); rec != null; rec = r.next()) {
                List<String> f = rec.fields();
                String id = get(f, col, "id");
                if (rec.error() != null || id.isEmpty() || id.length() > MAX_KEY) {
                    skipped++;
                    continue;
                }
                Document d = new Document();
                d.add(new StringField(ID, id, Field.Store.YES));
                d.add(new TextField(DESCRIPTION, get(f, col, "description"), Field.Store.YES));
                for (String name : new String[] {"file", "date", "author", "type", "platform", "port"}) {
                    d.add(new StoredField(name, get(f, col, name)));
                }
                add(w, d);
                documents++;
            }
        }
        return new Built(documents, skipped);
    }

    private static String get(List<String> fields, Map<String, Integer> col, String name) {
        int i = col.getOrDefault(name, -1);
        return i >= 0 && i < fields.size() ? fields.get(i) : "";
    }

    private static IndexWriter writer(Path dir) throws IOException {
        LuceneIndex.quiet();
        Files.createDirectories(dir);
        IndexWriterConfig c = new IndexWriterConfig(analyzer()).setOpenMode(IndexWriterConfig.OpenMode.CREATE);
        return new IndexWriter(FSDirectory.open(dir), c);
    }

    private static void add(IndexWriter w, Document d) {
        try {
            w.addDocument(d);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
