package io.netcap.engine;

import io.netcap.decoder.stream.software.CmsDb;
import io.netcap.decoder.stream.software.HasshDb;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.ToLongFunction;

/**
 * The optional software databases of the database directory (docs/enrichment.md, "Software"): HASSH
 * fingerprints and CMS fingerprints, in the original's files. A missing file is silent, as the other optional
 * databases that are off by default; a loaded one is one line, an unreadable one too (and it is left out).
 */
final class SoftwareDatabases {
    private SoftwareDatabases() {}

    static HasshDb hassh(Path dbs, boolean quiet) {
        return load(dbs.resolve(HasshDb.FILE), "HASSH", () -> HasshDb.load(dbs), HasshDb::size, HasshDb::skipped, quiet);
    }

    static CmsDb cms(Path dbs, boolean quiet) {
        return load(dbs.resolve(CmsDb.FILE), "CMS", () -> CmsDb.load(dbs), CmsDb::size, CmsDb::skipped, quiet);
    }

    @FunctionalInterface
    private interface Read<T> {
        T read() throws IOException;
    }

    private static <T> T load(Path file, String what, Read<T> read, ToLongFunction<T> size, ToLongFunction<T> skipped,
                              boolean quiet) {
        try {
            T db = read.read();
            if (db != null && !quiet) {
                long n = skipped.applyAsLong(db);
                System.err.println("software: " + size.applyAsLong(db) + " " + what + " fingerprints from " + file
                        + (n == 0 ? "" : " (" + n + " entries skipped)"));
            }
            return db;
        } catch (IOException | RuntimeException e) {
            if (!quiet) {
                System.err.println("software: " + file + " unreadable (" + e.getMessage() + "): no " + what + " fingerprints");
            }
            return null;
        }
    }
}
