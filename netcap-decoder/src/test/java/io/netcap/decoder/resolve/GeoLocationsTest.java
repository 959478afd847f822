package io.netcap.decoder.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GeoIP lookups on MaxMind DB files written by MaxMind's own Perl writer (Debian libmaxmind-db-writer-perl,
 * script build-test-mmdb.pl beside this test) equal what libmaxminddb's {@code mmdblookup} (Debian mmdb-bin)
 * reads from the same files; damaged files are reported and ignored.
 */
class GeoLocationsTest {
    private static final List<String> ADDRESSES = List.of("192.0.2.7", "198.51.100.1", "203.0.113.9", "10.1.2.3",
            "2001:db8:1::5", "2001:db8:ffff::1", "8.8.8.8", "::1", "192.0.2.255");
    /** The first value mmdblookup prints: a quoted string or a number, each followed by its type. */
    private static final Pattern VALUE = Pattern.compile("^\\s*(?:\"(.*)\"|(\\S+)) <\\w+>$", Pattern.MULTILINE);

    @TempDir
    static Path dbs;

    @BeforeAll
    static void build() throws Exception {
        assumeTrue(Commands.onPath("perl") && Commands.onPath("mmdblookup"),
                "skipped: needs perl with Debian libmaxmind-db-writer-perl and mmdblookup (Debian mmdb-bin)");
        Path script = dbs.resolve("build-test-mmdb.pl");
        try (InputStream in = GeoLocationsTest.class.getResourceAsStream("build-test-mmdb.pl")) {
            Files.copy(in, script);
        }
        Commands.Result r = Commands.run(List.of("perl", script.toString(), dbs.toString()));
        assumeTrue(r.exit() == 0, "skipped: the MaxMind DB writer did not run (Debian libmaxmind-db-writer-perl): " + r.output());
    }

    @Test
    void locationsAndAsnsEqualMmdblookup() throws Exception {
        List<String> log = new ArrayList<>();
        try (GeoLocations geo = GeoLocations.load(dbs, log::add)) {
            assertThat(geo).isNotNull();
            int withCity = 0;
            for (String a : ADDRESSES) {
                String cc = mmdblookup(GeoLocations.CITY, a, "country", "iso_code");
                String city = mmdblookup(GeoLocations.CITY, a, "city", "names", "en");
                String expected = city.isEmpty() ? cc : cc + " (" + city + ")";
                withCity += city.isEmpty() ? 0 : 1;
                InetAddress addr = InetAddress.getByName(a);
                assertThat(geo.location(addr)).as(a).isEqualTo(expected);
                assertThat(geo.location(addr)).as("cached " + a).isEqualTo(expected);
                String n = mmdblookup(GeoLocations.ASN, a, "autonomous_system_number");
                String org = mmdblookup(GeoLocations.ASN, a, "autonomous_system_organization");
                assertThat(geo.asn(addr)).as("ASN of " + a).isEqualTo(n.isEmpty() ? "" : "ASN " + n + " (" + org + ")");
            }
            assertThat(withCity).as("addresses with a city in the test database").isGreaterThanOrEqualTo(3);
            assertThat(geo.failures()).isZero();
        }
        assertThat(log).hasSize(2).allMatch(l -> l.startsWith("GeoIP: " + dbs));
    }

    @Test
    void damagedDatabasesAreOneLineEachAndNoFailure(@TempDir Path bad) throws IOException {
        byte[] good = Files.readAllBytes(dbs.resolve(GeoLocations.CITY));
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        Files.write(bad.resolve(GeoLocations.CITY), noise);
        // the ASN database cut in half: its metadata at the end is gone
        byte[] asn = Files.readAllBytes(dbs.resolve(GeoLocations.ASN));
        Files.write(bad.resolve(GeoLocations.ASN), java.util.Arrays.copyOf(asn, asn.length / 2));
        List<String> log = new ArrayList<>();
        assertThat(GeoLocations.load(bad, log::add)).isNull();
        assertThat(log).hasSize(2).allMatch(l -> l.contains("is not a readable MaxMind DB"));

        // metadata intact, search tree overwritten: lookups fail one by one, counted, never thrown
        byte[] damaged = good.clone();
        for (int i = 0; i < 1024 && i < damaged.length; i++) {
            damaged[i] = (byte) 0xFF;
        }
        Files.write(bad.resolve(GeoLocations.CITY), damaged);
        log.clear();
        try (GeoLocations geo = GeoLocations.load(bad, log::add)) {
            assertThat(geo).isNotNull();
            for (String a : ADDRESSES) {
                assertThat(geo.location(InetAddress.getByName(a))).isNotNull();
            }
        }
    }

    @Test
    void missingDatabasesAreOneLineEach(@TempDir Path empty) {
        List<String> log = new ArrayList<>();
        assertThat(GeoLocations.load(empty, log::add)).isNull();
        assertThat(log).containsExactly(
                "GeoIP: no " + empty.resolve(GeoLocations.CITY) + "; that part of the geolocation stays empty",
                "GeoIP: no " + empty.resolve(GeoLocations.ASN) + "; that part of the geolocation stays empty");
    }

    /** The value at a path, or "" when mmdblookup finds no entry or no such key. */
    private static String mmdblookup(String file, String ip, String... path) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("mmdblookup", "--file", dbs.resolve(file).toString(), "--ip", ip));
        cmd.addAll(List.of(path));
        Commands.Result r = Commands.run(cmd);
        Matcher m = VALUE.matcher(r.output());
        if (r.exit() != 0 || !m.find()) {
            return "";
        }
        return m.group(1) != null ? m.group(1) : m.group(2);
    }
}
