package io.netcap.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code net util}'s database actions: what installed data gives offline, one line for what needs a download. */
class UtilDatabasesTest {
    @TempDir
    Path root;

    private Run util(String... args) {
        return Run.execute(GoFlags.configure(new CommandLine(new UtilCommand(Map.of("NC_CONFIG_ROOT", root.toString()))), Map.of()), args);
    }

    @Test
    void generateDbsCopiesTheIeeeRegistriesAndKeepsExistingFiles() throws IOException {
        assumeTrue(Files.isRegularFile(DatabaseCommands.IEEE_DATA.resolve("oui.csv")),
                "skipped: needs Debian ieee-data (/usr/share/ieee-data/oui.csv)");
        Run r = util("-generate-dbs");
        assertThat(r.status()).as(r.err()).isZero();
        Path dbs = root.resolve("dbs");
        for (String f : new String[] {"oui.csv", "mam.csv", "oui36.csv"}) {
            assertThat(dbs.resolve(f)).hasSameBinaryContentAs(DatabaseCommands.IEEE_DATA.resolve(f));
        }
        assertThat(r.out()).contains("wrote " + dbs.resolve("oui.csv")).contains("GeoLite2-City.mmdb");
        Files.writeString(dbs.resolve("oui.csv"), "mine");
        assertThat(util("-generate-dbs").out()).contains("kept " + dbs.resolve("oui.csv"));
        assertThat(dbs.resolve("oui.csv")).hasContent("mine");
        util("-generate-dbs", "-force");
        assertThat(dbs.resolve("oui.csv")).hasSameBinaryContentAs(DatabaseCommands.IEEE_DATA.resolve("oui.csv"));
    }

    @Test
    void downloadsAreOneLineAndExitOne() {
        for (String[] args : new String[][] {{"-clone-dbs"}, {"-update-dbs"}, {"-download-geolite"}}) {
            Run r = util(args);
            assertThat(r.status()).as(args[0]).isEqualTo(1);
            assertThat(r.err().lines()).as(args[0]).singleElement().asString().startsWith(args[0] + ": not available offline");
        }
        assertThat(root.resolve("dbs")).doesNotExist();
    }

    @Test
    void indexBuildsTheLuceneIndexesFromFilesInTheDatabaseDirectory() throws IOException {
        Path dbs = root.resolve("dbs");
        Files.createDirectories(dbs);
        Run none = util("-index", "nvd");
        assertThat(none.status()).isEqualTo(1);
        assertThat(none.err().lines()).singleElement().asString().startsWith("-index nvd: no NVD feeds");
        assertThat(util("-index", "bogus").err()).startsWith("-index bogus: allowed are nvd, exploit-db, all");
        Files.writeString(dbs.resolve("nvdcve-1.1-2018.json"), """
                {"CVE_Items":[{"cve":{"CVE_data_meta":{"ID":"CVE-2018-15473"},"description":{"description_data":[
                 {"lang":"en","value":"OpenSSH through 7.7 is prone to a user enumeration vulnerability."}]}},
                 "configurations":{"nodes":[{"cpe_match":[{"vulnerable":true,
                  "cpe23Uri":"cpe:2.3:a:openbsd:openssh:*:*:*:*:*:*:*:*","versionEndIncluding":"7.7"}]}]}}]}
                """);
        Files.writeString(dbs.resolve("nvdcve-1.1-2001.json"), "{\"CVE_Items\":[{\"cve\":{}}]}");
        Files.writeString(dbs.resolve("files_exploits.csv"), """
                id,file,description,date,author,type,platform,port
                45233,exploits/linux/remote/45233.py,"OpenSSH 2.3 < 7.7 - Username Enumeration",2018-08-20,"Justin Gardner",remote,linux,22
                """);
        Run r = util("-index", "all", "-nvd-start-year", "2002");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out().lines()).containsExactly(
                "wrote " + dbs.resolve("nvd.lucene") + ": 1 CVEs from 1 feeds",
                "wrote " + dbs.resolve("exploit-db.lucene") + ": 1 exploits");
        try (var v = io.netcap.vuln.Vulnerabilities.open(dbs); var e = io.netcap.vuln.Exploits.open(dbs)) {
            assertThat(v.of("OpenSSH", "7.6")).singleElement().extracting(x -> x.getID()).isEqualTo("CVE-2018-15473");
            assertThat(e.of("", "OpenSSH", "7.7")).singleElement().extracting(x -> x.getID()).isEqualTo("45233");
        }
        assertThat(DatabaseCommands.nvdFeed("nvdcve-1.1-modified.json.gz", 2002)).isTrue();
        assertThat(DatabaseCommands.nvdFeed("nvd-page-1.json", 2002)).isTrue();
        assertThat(DatabaseCommands.nvdFeed("nvdcve-1.1-2001.json", 2002)).isFalse();
        assertThat(DatabaseCommands.nvdFeed("oui.csv", 2002)).isFalse();
    }
}
