package io.netcap.vuln;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netcap.types.Software;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Any bytes as an NVD feed or as exploit-db's CSV (the first byte chooses): building the index either works
 * or fails with an {@link IOException} (a JSON syntax error: one line from {@code net util -index}); lookups
 * on what was built give records. Seeds: {@code VulnFeedsFuzzTestInputs/anyFeed/}.
 */
class VulnFeedsFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void anyFeed(byte[] data) throws IOException {
        if (data.length == 0) {
            return;
        }
        Path dbs = Files.createTempDirectory("netcap-vuln-fuzz");
        try {
            boolean csv = (data[0] & 1) == 1;
            Path f = dbs.resolve(csv ? "files_exploits.csv" : "nvdcve-1.1-2020.json");
            Files.write(f, java.util.Arrays.copyOfRange(data, 1, data.length));
            try {
                if (csv) {
                    Indexes.exploits(dbs, f);
                } else {
                    Indexes.nvd(dbs, List.of(f));
                }
            } catch (IOException e) {
                return; // malformed JSON: reported, nothing indexed
            }
            List<Object> out = new ArrayList<>();
            try (Vulnerabilities v = Vulnerabilities.open(dbs); Exploits x = Exploits.open(dbs)) {
                SoftwareLookup lookup = new SoftwareLookup(v, x);
                lookup.onSoftware(Software.newBuilder().setProduct("OpenSSH").setVersion("7.4").build(), out::add, out::add);
                assertThat(lookup.failures()).isZero();
            }
        } finally {
            try (Stream<Path> files = Files.walk(dbs)) {
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
