package io.netcap.decoder.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MAC vendors from Debian's ieee-data registries equal a plain lookup in the files written here: a regular
 * expression per line, the longest assignment that is a prefix of the MAC, the first line of an assignment.
 */
class MacVendorsTest {
    private static final Path IEEE = Path.of("/usr/share/ieee-data");
    /** {@code MA-x,<hex>,<name>,...}: the name quoted (with doubled quotes) or plain. */
    private static final Pattern LINE = Pattern.compile("^MA-[LMS],([0-9A-F]+),(?:\"((?:[^\"]|\"\")*)\"|([^,]*)),");

    @Test
    void ieeeRegistriesEqualAPlainLookup(@TempDir Path dbs) throws IOException {
        assumeTrue(Files.isRegularFile(IEEE.resolve("oui.csv")), "skipped: needs Debian ieee-data (/usr/share/ieee-data/oui.csv)");
        Map<String, String> plain = new HashMap<>();
        for (String f : MacVendors.IEEE_FILES) {
            Files.copy(IEEE.resolve(f), dbs.resolve(f));
            for (String line : Files.readAllLines(IEEE.resolve(f), StandardCharsets.UTF_8)) {
                Matcher m = LINE.matcher(line);
                if (m.find()) {
                    String name = m.group(2) != null ? m.group(2).replace("\"\"", "\"") : m.group(3);
                    plain.putIfAbsent(m.group(1), name.trim());
                }
            }
        }
        MacVendors v = MacVendors.load(dbs, Log.NONE);
        assertThat(v).isNotNull();
        assertThat(v.bad).isZero();
        Random random = new Random(1);
        int checked = 0;
        int longer = 0;
        for (String assignment : plain.keySet()) {
            // a MAC inside the assignment: its hex digits, then random ones
            StringBuilder hex = new StringBuilder(assignment);
            while (hex.length() < 12) {
                hex.append(Character.toUpperCase(Character.forDigit(random.nextInt(16), 16)));
            }
            String expected = "";
            for (int len = 9; len >= 6 && expected.isEmpty(); len--) {
                expected = plain.getOrDefault(hex.substring(0, len), "");
            }
            longer += assignment.length() > 6 ? 1 : 0;
            assertThat(v.manufacturer(Long.parseLong(hex.toString(), 16))).as(hex.toString()).isEqualTo(expected);
            checked++;
        }
        assertThat(checked).isGreaterThan(30_000);
        assertThat(longer).as("MA-M and MA-S assignments checked").isGreaterThan(5_000);
        assertThat(v.manufacturer(0xFFFFFFFFFFFFL)).isEmpty(); // broadcast: no registration
    }

    @Test
    void truncatedOuiFileKeepsTheCompleteLines(@TempDir Path dbs) throws IOException {
        String csv = """
                Registry,Assignment,Organization Name,Organization Address
                MA-L,002272,American Micro-Fuel Device Corp.,2181 Buchanan Loop Ferndale WA US 98248\s
                MA-L,F4BD9E,"Cisco Systems, Inc",80 West Tasman Drive San Jose CA US 94568\s
                MA-L,00D0EF,"IGT, cut inside the quotes""";
        Files.writeString(dbs.resolve("oui.csv"), csv);
        Files.writeString(dbs.resolve("oui36.csv"), "Registry,Assignment,Organization Name\nMA-S,70B3D5F2");
        List<String> log = new ArrayList<>();
        MacVendors v = MacVendors.load(dbs, log::add);
        assertThat(v.manufacturer(0x002272_123456L)).isEqualTo("American Micro-Fuel Device Corp.");
        assertThat(v.manufacturer(0xF4BD9E_000001L)).isEqualTo("Cisco Systems, Inc");
        assertThat(v.manufacturer(0x00D0EF_000001L)).isEmpty();
        assertThat(v.bad).isEqualTo(2);
        assertThat(log).containsExactly("MAC vendors: 2 MA-L, 0 MA-M, 0 MA-S prefixes from " + dbs
                + " (2 malformed or over the cap, skipped)");
    }

    @Test
    void macaddressIoJsonLinesAsTheOriginalReadsThem(@TempDir Path dbs) throws IOException {
        Files.writeString(dbs.resolve(MacVendors.MACADDRESS_IO), """
                {"oui":"08:EC:F5","isPrivate":false,"companyName":"Cisco Systems, Inc","companyAddress":"80 West Tasman Drive San Jose CA 94568","countryCode":"US","assignmentBlockSize":"MA-L","dateCreated":"2018-11-09","dateUpdated":"2018-11-09"}
                {"oui":"70:B3:D5:F2:F","isPrivate":false,"companyName":"TELEPLATFORMS","assignmentBlockSize":"MA-S"}
                {"oui":"00:00:0c","companyName":"lower-case hex"}
                not json
                {"oui":"00:00:01","companyName":"Xerox","extra":{"nested":[1,2]}}
                """);
        Files.writeString(dbs.resolve("oui.csv"), "Registry,Assignment,Organization Name\nMA-L,08ECF5,IEEE name\n");
        MacVendors v = MacVendors.load(dbs, Log.NONE);
        assertThat(v.manufacturer(0x08ECF5_AABBCCL)).as("macaddress.io is read first").isEqualTo("Cisco Systems, Inc");
        assertThat(v.manufacturer(0x00000C_000000L)).isEqualTo("lower-case hex");
        assertThat(v.manufacturer(0x000001_000000L)).isEqualTo("Xerox");
        assertThat(v.manufacturer(0x70B3D5_F2F000L)).as("a longer block never matched the original's 8 characters").isEmpty();
        assertThat(v.bad).isEqualTo(2);
    }

    @Test
    void noFilesIsNoResolver(@TempDir Path dbs) throws IOException {
        assertThat(MacVendors.load(dbs, Log.NONE)).isNull();
    }
}
