package io.netcap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.types.Vulnerability;
import io.netcap.vuln.Indexes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code net capture} looks every Software record up in the NVD index of the database directory
 * (docs/enrichment.md, "Vulnerabilities and exploits"). The sample's server answers with
 * {@code Server: gunicorn/0.16.1} (what TShark shows as {@code http.server}); a tiny feed written here names that
 * version in one CVE and another version in a second.
 */
class CaptureVulnerabilitiesTest {
    private static final Path SAMPLE = Path.of("..", "samples", "http-get-gzip.pcap");

    private static final String FEED = """
            {"CVE_data_type":"CVE","CVE_Items":[
             {"cve":{"CVE_data_meta":{"ID":"CVE-2099-0001"},
               "description":{"description_data":[{"lang":"en","value":"gunicorn 0.16.1 mishandles something."}]}},
              "configurations":{"nodes":[{"operator":"OR","cpe_match":[
                {"vulnerable":true,"cpe23Uri":"cpe:2.3:a:gunicorn:gunicorn:0.16.1:*:*:*:*:*:*:*"}]}]},
              "impact":{"baseMetricV2":{"cvssV2":{"accessVector":"NETWORK","baseScore":5.0},"severity":"MEDIUM"}}},
             {"cve":{"CVE_data_meta":{"ID":"CVE-2099-0002"},
               "description":{"description_data":[{"lang":"en","value":"gunicorn 19.4.0 mishandles something else."}]}},
              "configurations":{"nodes":[{"operator":"OR","cpe_match":[
                {"vulnerable":true,"cpe23Uri":"cpe:2.3:a:gunicorn:gunicorn:19.4.0:*:*:*:*:*:*:*"}]}]},
              "impact":{}}
            ]}
            """;

    @TempDir
    Path tmp;

    @Test
    void softwareOfTheCaptureFindsItsCve() throws IOException {
        Path dbs = Files.createDirectories(tmp.resolve("root/dbs"));
        Path feed = Files.writeString(dbs.resolve("nvdcve-1.1-2099.json"), FEED);
        Indexes.nvd(dbs, List.of(feed));
        Run r = CaptureCommandTest.capture(Map.of("NC_CONFIG_ROOT", tmp.resolve("root").toString()),
                "-read", SAMPLE.toString(), "-out", tmp.resolve("out").toString(),
                "-include", "Software,Vulnerability,Exploit");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err()).contains("vulnerabilities: NVD index in " + dbs);
        List<Vulnerability> found = CaptureEnrichmentTest.read(tmp.resolve("out/Vulnerability.ncap.gz"));
        assertThat(found).extracting(Vulnerability::getID).containsExactly("CVE-2099-0001");
        assertThat(found.getFirst().getSoftware().getProduct()).isEqualTo("gunicorn");
        assertThat(found.getFirst().getSoftware().getVersion()).isEqualTo("0.16.1");
        assertThat(found.getFirst().getSeverity()).isEqualTo("MEDIUM");
        assertThat(tmp.resolve("out/Exploit.ncap.gz")).doesNotExist(); // no exploit-db index: none written
    }

    @Test
    void withoutIndexesNothingIsLookedUp() throws IOException {
        Run r = CaptureCommandTest.capture(Map.of("NC_CONFIG_ROOT", tmp.resolve("none").toString()),
                "-read", SAMPLE.toString(), "-out", tmp.resolve("out").toString(), "-include", "Software,Vulnerability");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain("vulnerabilities:");
        assertThat(tmp.resolve("out/Vulnerability.ncap.gz")).doesNotExist();
    }
}
