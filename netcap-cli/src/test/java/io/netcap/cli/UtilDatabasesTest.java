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
        for (String[] args : new String[][] {{"-clone-dbs"}, {"-update-dbs"}, {"-download-geolite"}, {"-index", "nvd"}}) {
            Run r = util(args);
            assertThat(r.status()).as(args[0]).isEqualTo(1);
            assertThat(r.err().lines()).as(args[0]).singleElement().asString().startsWith(args[0] + ": not available offline");
        }
        assertThat(root.resolve("dbs")).doesNotExist();
    }
}
