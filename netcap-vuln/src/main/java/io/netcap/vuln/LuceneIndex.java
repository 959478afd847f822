package io.netcap.vuln;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.QueryBuilder;

/** One opened index of {@link Indexes} and the phrase queries on its {@code Description}. Thread-safe. */
abstract class LuceneIndex implements AutoCloseable {
    private final DirectoryReader reader;
    final IndexSearcher searcher;
    final QueryBuilder phrases = new QueryBuilder(Indexes.analyzer());

    LuceneIndex(DirectoryReader reader) {
        this.reader = reader;
        this.searcher = new IndexSearcher(reader);
    }

    /** The index {@code name} in {@code dbs}, or null when it was not built. */
    /**
     * Lucene logs through java.util.logging, on its first use, that the JDK's incubating vector module is not
     * enabled: a line for Lucene's developers, not for a capture's user. Held here so the setting stays.
     */
    private static final java.util.logging.Logger VECTORIZATION =
            java.util.logging.Logger.getLogger("org.apache.lucene.internal.vectorization.VectorizationProvider");

    /** Turns Lucene's start-up advice off; called before Lucene is first used. */
    static void quiet() {
        VECTORIZATION.setLevel(java.util.logging.Level.SEVERE);
    }

    static DirectoryReader open(Path dbs, String name) throws IOException {
        quiet();
        Path dir = dbs.resolve(name);
        return Files.isDirectory(dir) ? DirectoryReader.open(FSDirectory.open(dir)) : null;
    }

    /**
     * A query of {@code +Description:"<text>"} for every non-blank text, or null when {@code product} or
     * {@code version} is blank or a text has no words (nothing can match).
     */
    static BooleanQuery.Builder describing(QueryBuilder phrases, String product, String version, String... texts) {
        if (product.isBlank() || version.isBlank()) {
            return null;
        }
        BooleanQuery.Builder q = new BooleanQuery.Builder();
        for (String text : texts) {
            if (text.isBlank()) {
                continue;
            }
            Query p = phrases.createPhraseQuery(Indexes.DESCRIPTION, text);
            if (p == null) {
                return null;
            }
            q.add(p, BooleanClause.Occur.MUST);
        }
        return q;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
