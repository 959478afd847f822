package io.netcap.decoder.stream.software;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Any bytes as {@code hasshdb.json} or {@code cmsdb.json} (the first byte selects): loading gives a database or an
 * IOException (the capture then says the file is unreadable), never another exception, and lookups never throw.
 * Seeds: {@code SoftwareDatabasesFuzzTestInputs/parseAnything/}.
 */
class SoftwareDatabasesFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void parseAnything(byte[] data) throws IOException {
        if (data.length == 0) {
            return;
        }
        Path dir = Files.createTempDirectory("netcap-software-fuzz");
        try {
            boolean cms = (data[0] & 1) == 1;
            Files.write(dir.resolve(cms ? CmsDb.FILE : HasshDb.FILE), Arrays.copyOfRange(data, 1, data.length));
            try {
                if (cms) {
                    CmsDb db = CmsDb.load(dir);
                    List<String[]> fields = List.<String[]>of(new String[] {"X-Powered-By", "Express 4.1"},
                            new String[] {"Server", "x".repeat(2000)});
                    CmsDb.Match m = db.match(fields, fields);
                    assertThat(m == null || m.product() != null).isTrue();
                } else {
                    HasshDb db = HasshDb.load(dir);
                    assertThat(db.candidates("06046964c022c6407d15a27b12a6a4fb")).isNotNull();
                }
            } catch (IOException expected) {
                // a file that is not JSON of the expected shape: reported as unreadable
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.delete(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
    }
}
