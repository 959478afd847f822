package io.netcap.vuln;

import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.types.Exploit;
import io.netcap.types.Software;
import io.netcap.types.Vulnerability;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tiny NVD feeds in both formats and an exploit-db CSV, written here; each expected hit worked out by hand. */
class VulnerabilitiesTest {
    @TempDir
    Path dbs;

    /** JSON 1.1 feed: an exact version of OpenSSH, a range of OpenSSH, and a CVE of another product. */
    private static final String FEED_11 = """
            {"CVE_data_type":"CVE","CVE_Items":[
             {"cve":{"CVE_data_meta":{"ID":"CVE-2016-10009"},
               "description":{"description_data":[{"lang":"en","value":"Untrusted search path vulnerability in ssh-agent.c in sshd in OpenSSH before 7.4."}]}},
              "configurations":{"nodes":[{"operator":"OR","cpe_match":[
                {"vulnerable":true,"cpe23Uri":"cpe:2.3:a:openbsd:openssh:7.3:*:*:*:*:*:*:*"}]}]},
              "impact":{"baseMetricV2":{"cvssV2":{"accessVector":"NETWORK","baseScore":7.5},"severity":"HIGH"}}},
             {"cve":{"CVE_data_meta":{"ID":"CVE-2018-15473"},
               "description":{"description_data":[{"lang":"en","value":"OpenSSH through 7.7 is prone to a user enumeration vulnerability."}]}},
              "configurations":{"nodes":[{"operator":"OR","children":[{"cpe_match":[
                {"vulnerable":true,"cpe23Uri":"cpe:2.3:a:openbsd:openssh:*:*:*:*:*:*:*:*","versionEndIncluding":"7.7"}]}]}]},
              "impact":{"baseMetricV2":{"cvssV2":{"accessVector":"NETWORK","baseScore":5.0},"severity":"MEDIUM"}}},
             {"cve":{"CVE_data_meta":{"ID":"CVE-2017-0001"},
               "description":{"description_data":[{"lang":"en","value":"Something in OpenSSL 7.3."}]}},
              "configurations":{"nodes":[{"cpe_match":[{"vulnerable":true,"cpe23Uri":"cpe:2.3:a:openssl:openssl:7.3:*:*:*:*:*:*:*"}]}]},
              "impact":{}},
             {"cve":{"CVE_data_meta":{}}}
            ]}
            """;

    /** CVE API 2.0 answer: a range with an exclusive end. */
    private static final String API_20 = """
            {"resultsPerPage":1,"format":"NVD_CVE","version":"2.0","vulnerabilities":[
             {"cve":{"id":"CVE-2023-38408","descriptions":[{"lang":"es","value":"x"},{"lang":"en","value":"The PKCS#11 feature in ssh-agent in OpenSSH before 9.3p2 has an insufficiently trustworthy search path."}],
              "metrics":{"cvssMetricV31":[{"cvssData":{"baseScore":9.8}}]},
              "configurations":[{"nodes":[{"operator":"OR","negate":false,"cpeMatch":[
                {"vulnerable":true,"criteria":"cpe:2.3:a:openbsd:openssh:*:*:*:*:*:*:*:*","versionEndExcluding":"9.3","matchCriteriaId":"x"},
                {"vulnerable":true,"criteria":"cpe:2.3:a:openbsd:openssh:9.3:-:*:*:*:*:*:*"},
                {"vulnerable":true,"criteria":"cpe:2.3:a:openbsd:openssh:9.3:p1:*:*:*:*:*:*"}]}]}]}}
            ]}
            """;

    private static final String EXPLOITS_CSV = """
            id,file,description,date_published,author,type,platform,port,date_added,date_updated,verified,codes,tags,aliases,screenshot_url,application_url,source_url
            45233,exploits/linux/remote/45233.py,"OpenSSH 2.3 < 7.7 - Username Enumeration",2018-08-20,"Justin Gardner",remote,linux,22,2018-08-21,2018-08-21,1,CVE-2018-15473,,,,,
            40136,exploits/linux/remote/40136.py,"OpenSSH 7.2p2 - Username Enumeration",2016-07-18,"Eddie Harari",remote,linux,22,2016-07-18,2016-07-18,1,,,,,,
            41173,exploits/multiple/dos/41173.c,"ProFTPD 1.3.5, vsftpd - ""quoted"" thing",2017-01-01,x,dos,multiple,0,,,0,,,,,,
            ,broken,row,without,id
            """;

    private void build() throws IOException {
        Path f11 = dbs.resolve("nvdcve-1.1-2017.json");
        Files.writeString(f11, FEED_11);
        Path api = dbs.resolve("cve-api.json.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(api))) {
            o.write(API_20.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(Indexes.nvd(dbs, List.of(f11, api))).isEqualTo(new Indexes.Built(4, 1));
        Path csv = dbs.resolve("files_exploits.csv");
        Files.writeString(csv, EXPLOITS_CSV);
        assertThat(Indexes.exploits(dbs, csv)).isEqualTo(new Indexes.Built(3, 1));
    }

    @Test
    void cvesByListedVersionAndByRange() throws IOException {
        build();
        try (Vulnerabilities v = Vulnerabilities.open(dbs)) {
            // 7.3: listed in CVE-2016-10009, inside "through 7.7" and "before 9.3"; OpenSSL's 7.3 is another product
            List<Vulnerability> hits = v.of("OpenSSH", "7.3");
            assertThat(hits).extracting(Vulnerability::getID)
                    .containsExactlyInAnyOrder("CVE-2016-10009", "CVE-2018-15473", "CVE-2023-38408");
            Vulnerability first = hits.stream().filter(h -> h.getID().equals("CVE-2016-10009")).findFirst().orElseThrow();
            assertThat(first.getSeverity()).isEqualTo("HIGH");
            assertThat(first.getV2Score()).isEqualTo("7.5");
            assertThat(first.getAccessVector()).isEqualTo("NETWORK");
            assertThat(first.getVersionsList()).containsExactly("7.3");
            // 8.0 is after 7.7, before 9.3; 9.3p1 is listed; 9.4 is in nothing
            assertThat(v.of("OpenSSH", "8.0")).extracting(Vulnerability::getID).containsExactly("CVE-2023-38408");
            assertThat(v.of("OpenSSH", "9.3p1")).extracting(Vulnerability::getID).containsExactly("CVE-2023-38408");
            assertThat(v.of("OpenSSH", "9.4")).isEmpty();
            // the vendor must be in the description, as in the original
            assertThat(v.of("openbsd", "OpenSSH", "7.3")).isEmpty();
            assertThat(v.of("OpenSSH", "")).isEmpty();
            assertThat(v.of("OpenSSL", "7.3")).extracting(Vulnerability::getID).containsExactly("CVE-2017-0001");
        }
    }

    @Test
    void exploitsByTitle() throws IOException {
        build();
        try (Exploits e = Exploits.open(dbs)) {
            List<Exploit> hits = e.of("", "OpenSSH", "7.2p2");
            assertThat(hits).singleElement().satisfies(x -> {
                assertThat(x.getID()).isEqualTo("40136");
                assertThat(x.getFile()).isEqualTo("exploitdb/exploits/linux/remote/40136.py");
                assertThat(x.getDate()).isEqualTo("2016-07-18");
                assertThat(x.getAuthor()).isEqualTo("Eddie Harari");
                assertThat(x.getTyp()).isEqualTo("remote");
                assertThat(x.getPlatform()).isEqualTo("linux");
                assertThat(x.getPort()).isEqualTo("22");
            });
            assertThat(e.of("", "OpenSSH", "7.7")).extracting(Exploit::getID).containsExactly("45233");
            assertThat(e.of("", "ProFTPD", "1.3.5")).extracting(Exploit::getDescription)
                    .containsExactly("ProFTPD 1.3.5, vsftpd - \"quoted\" thing");
        }
    }

    @Test
    void softwareRecordsGiveEachCveAndExploitOnce() throws IOException {
        build();
        List<Vulnerability> vulns = new ArrayList<>();
        List<Exploit> exploits = new ArrayList<>();
        try (Vulnerabilities v = Vulnerabilities.open(dbs); Exploits e = Exploits.open(dbs)) {
            SoftwareLookup lookup = new SoftwareLookup(v, e);
            Software ssh = Software.newBuilder().setTimestamp(42).setProduct("OpenSSH").setVersion("7.7").build();
            lookup.onSoftware(ssh, vulns::add, exploits::add);
            lookup.onSoftware(ssh, vulns::add, exploits::add);
            lookup.onSoftware(ssh.toBuilder().setVersion("8.0").build(), vulns::add, exploits::add);
            lookup.onSoftware(ssh.toBuilder().setVersion("").build(), vulns::add, exploits::add);
            assertThat(vulns).extracting(Vulnerability::getID).containsExactly("CVE-2018-15473", "CVE-2023-38408");
            assertThat(vulns.getFirst().getSoftware()).isEqualTo(ssh);
            assertThat(vulns.getFirst().getTimestamp()).isEqualTo(42);
            assertThat(exploits).extracting(Exploit::getID).containsExactly("45233");
            assertThat(lookup.failures()).isZero();
        }
    }

    @Test
    void noIndexNoLookup() throws IOException {
        assertThat(Vulnerabilities.open(dbs)).isNull();
        assertThat(Exploits.open(dbs)).isNull();
    }

    @Test
    void versionsCompareBySegments() {
        assertThat(VersionRange.compare("7.4", "7.10")).isNegative();
        assertThat(VersionRange.compare("7.2p1", "7.2p2")).isNegative();
        assertThat(VersionRange.compare("9.3p1", "9.3")).isPositive();
        assertThat(VersionRange.compare("1.02", "1.2")).isZero();
        assertThat(VersionRange.compare(".1", "0.1")).isPositive();
    }
}
