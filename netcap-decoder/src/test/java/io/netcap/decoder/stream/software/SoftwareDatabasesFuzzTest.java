package io.netcap.decoder.stream.software;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Any bytes as {@code hasshdb.json} or {@code cmsdb.json} (the first byte selects): loading gives a database or an
 * IOException (the capture then says the file is unreadable), never another exception, and lookups never throw.
 * Seeds: {@code SoftwareDatabasesFuzzTestInputs/parseAnything/}.
 *
 * <p>The input holds regexes by design, and one Java cannot compile is counted, not thrown. Jazzer's regex-injection
 * sanitizer reports it all the same: the classes that compile them are left out of its hooks in
 * {@code junit-platform.properties}, which the regression runs honour; as a fuzzer, run this test with
 * {@code JAZZER_DISABLED_HOOKS=com.code_intelligence.jazzer.sanitizers.RegexInjection}, as Jazzer 0.30 hooks them
 * there all the same.
 */
class SoftwareDatabasesFuzzTest {
    /** One directory for every input: each run overwrites its file, so nothing is left behind per run. */
    private static final Path DIR = directory();

    private static Path directory() {
        try {
            Path d = Files.createTempDirectory("netcap-software-fuzz");
            d.toFile().deleteOnExit();
            d.resolve(CmsDb.FILE).toFile().deleteOnExit();
            d.resolve(HasshDb.FILE).toFile().deleteOnExit();
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void parseAnything(byte[] data) throws IOException {
        if (data.length == 0) {
            return;
        }
        boolean cms = (data[0] & 1) == 1;
        Files.write(DIR.resolve(cms ? CmsDb.FILE : HasshDb.FILE), Arrays.copyOfRange(data, 1, data.length));
        try {
            if (cms) {
                CmsDb db = CmsDb.load(DIR);
                List<String[]> fields = List.<String[]>of(new String[] {"X-Powered-By", "Express 4.1"},
                        new String[] {"Server", "x".repeat(2000)});
                CmsDb.Match m = db.match(fields, fields);
                assertThat(m == null || m.product() != null).isTrue();
            } else {
                HasshDb db = HasshDb.load(DIR);
                assertThat(db.candidates("06046964c022c6407d15a27b12a6a4fb")).isNotNull();
            }
        } catch (IOException expected) {
            // a file that is not JSON of the expected shape: reported as unreadable
        }
    }
}
