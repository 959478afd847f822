package io.netcap.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.protobuf.Message;
import io.netcap.io.RecordReader;
import io.netcap.types.DeviceProfile;
import io.netcap.types.IPProfile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code net capture} with the database directory of {@code NC_CONFIG_ROOT} (docs/enrichment.md): manufacturers
 * from Debian's ieee-data equal a plain search of oui.csv, local names come from the hosts file, and without
 * the directory the capture says so in one line and leaves the fields empty.
 */
class CaptureEnrichmentTest {
    private static final Path SAMPLE = Path.of("..", "samples", "http-get-gzip.pcap");
    private static final Path OUI = Path.of("/usr/share/ieee-data/oui.csv");

    @TempDir
    Path tmp;

    @Test
    void manufacturersAndLocalNamesFromTheDatabaseDirectory() throws IOException {
        assumeTrue(Files.isRegularFile(OUI), "skipped: needs Debian ieee-data (/usr/share/ieee-data/oui.csv)");
        Path dbs = Files.createDirectories(tmp.resolve("root/dbs"));
        Files.copy(OUI, dbs.resolve("oui.csv"));
        Files.writeString(dbs.resolve("hosts"), "# test\n141.142.228.5\tclient.lan\n");
        Run r = CaptureCommandTest.capture(Map.of("NC_CONFIG_ROOT", tmp.resolve("root").toString()),
                "-read", SAMPLE.toString(), "-out", tmp.resolve("out").toString(), "-include", "DeviceProfile,IPProfile");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err()).contains("MAC vendors: ").contains("local DNS: 1 names from ");

        List<DeviceProfile> devices = read(tmp.resolve("out/DeviceProfile.ncap.gz"));
        assertThat(devices).isNotEmpty();
        int named = 0;
        for (DeviceProfile d : devices) {
            String expected = plainOuiLookup(d.getMacAddr());
            assertThat(d.getDeviceManufacturer()).as(d.getMacAddr()).isEqualTo(expected);
            named += expected.isEmpty() ? 0 : 1;
        }
        assertThat(named).as("devices with a registered vendor in the sample").isPositive();
        List<IPProfile> ips = read(tmp.resolve("out/IPProfile.ncap.gz"));
        for (IPProfile p : ips) {
            assertThat(p.getDNSNamesList()).as(p.getAddr())
                    .isEqualTo(p.getAddr().equals("141.142.228.5") ? List.of("client.lan") : List.of());
            assertThat(p.getGeolocation()).isEmpty(); // -geoDB is off by default
        }
        assertThat(ips).extracting(IPProfile::getAddr).contains("141.142.228.5");
    }

    @Test
    void withoutTheDirectoryOneLineAndEmptyFields() throws IOException {
        Run r = CaptureCommandTest.capture(Map.of("NC_CONFIG_ROOT", tmp.resolve("none").toString()),
                "-read", SAMPLE.toString(), "-out", tmp.resolve("out").toString(), "-include", "DeviceProfile");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err().lines().filter(l -> l.contains("database directory")))
                .containsExactly("resolvers: no database directory " + tmp.resolve("none/dbs")
                        + " (set NC_CONFIG_ROOT; net util -generate-dbs fills it): MAC vendors, geolocation and JA3 descriptions stay empty");
        List<DeviceProfile> devices = read(tmp.resolve("out/DeviceProfile.ncap.gz"));
        assertThat(devices).isNotEmpty().allMatch(d -> d.getDeviceManufacturer().isEmpty());
        Run quiet = CaptureCommandTest.capture(Map.of("NC_CONFIG_ROOT", tmp.resolve("none").toString()),
                "-read", SAMPLE.toString(), "-out", tmp.resolve("q").toString(), "-quiet");
        assertThat(quiet.err()).isEmpty();
    }

    /** -ignore-init-errors=false: a database a decoder lacks ends the run before the first packet, naming it. */
    @Test
    void strictInitEndsTheRunOnAMissingDatabase() throws IOException {
        Path out = tmp.resolve("strict");
        Run r = CaptureCommandTest.capture(Map.of("NC_CONFIG_ROOT", tmp.resolve("none").toString()),
                "-read", SAMPLE.toString(), "-out", out.toString(), "-include", "DeviceProfile", "-ignore-init-errors=false");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("error while initializing (-ignore-init-errors=false): resolvers: no database directory "
                + tmp.resolve("none/dbs"));
        assertThat(out.resolve("DeviceProfile.ncap.gz")).doesNotExist();
        // the same capture by default: one line, and the records
        assertThat(CaptureCommandTest.capture(Map.of("NC_CONFIG_ROOT", tmp.resolve("none").toString()), "-read",
                SAMPLE.toString(), "-out", out.toString(), "-include", "DeviceProfile").status()).isZero();
        assertThat(out.resolve("DeviceProfile.ncap.gz")).exists();
        // decoders that lack nothing: the strict run works
        Run tcp = CaptureCommandTest.capture(Map.of("NC_CONFIG_ROOT", tmp.resolve("none").toString()), "-read",
                SAMPLE.toString(), "-out", tmp.resolve("tcp").toString(), "-include", "TCP", "-ignore-init-errors=false");
        assertThat(tcp.status()).as(tcp.err()).isZero();
        assertThat(read(tmp.resolve("tcp/TCP.ncap.gz"))).hasSize(14);
    }

    @Test
    void macDbOffLeavesManufacturersEmpty() throws IOException {
        assumeTrue(Files.isRegularFile(OUI), "skipped: needs Debian ieee-data (/usr/share/ieee-data/oui.csv)");
        Path dbs = Files.createDirectories(tmp.resolve("root/dbs"));
        Files.copy(OUI, dbs.resolve("oui.csv"));
        Run r = CaptureCommandTest.capture(Map.of("NC_CONFIG_ROOT", tmp.resolve("root").toString()),
                "-read", SAMPLE.toString(), "-out", tmp.resolve("out").toString(), "-include", "DeviceProfile",
                "-macDB=false");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain("MAC vendors");
        assertThat(read(tmp.resolve("out/DeviceProfile.ncap.gz"))).allMatch(d -> ((DeviceProfile) d).getDeviceManufacturer().isEmpty());
    }

    @Test
    void geoDbFillsTheGeolocationOfAddressesInTheDatabase() throws Exception {
        Path dbs = Files.createDirectories(tmp.resolve("root/dbs"));
        // a City database for the sample's server, written by MaxMind's Perl writer (Debian libmaxmind-db-writer-perl)
        Path script = tmp.resolve("city.pl");
        Files.writeString(script, """
                use MaxMind::DB::Writer::Tree;
                my %t = (city => 'map', country => 'map', names => 'map', iso_code => 'utf8_string', en => 'utf8_string');
                my $w = MaxMind::DB::Writer::Tree->new(ip_version => 6, record_size => 24, database_type => 'GeoLite2-City',
                    languages => ['en'], description => { en => 'test' }, map_key_type_callback => sub { $t{ $_[0] } });
                $w->insert_network('54.243.0.0/16', { city => { names => { en => 'Ashburn' } }, country => { iso_code => 'US' } });
                open my $fh, '>:raw', $ARGV[0] or die; $w->write_tree($fh); close $fh;
                """);
        Process p = new ProcessBuilder("perl", script.toString(), dbs.resolve("GeoLite2-City.mmdb").toString())
                .redirectErrorStream(true).start();
        String perl = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(p.waitFor() == 0, "skipped: needs perl with Debian libmaxmind-db-writer-perl: " + perl);
        Run r = CaptureCommandTest.capture(Map.of("NC_CONFIG_ROOT", tmp.resolve("root").toString()),
                "-read", SAMPLE.toString(), "-out", tmp.resolve("out").toString(), "-include", "DeviceProfile,IPProfile", "-geoDB");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err()).contains("GeoIP: no " + dbs.resolve("GeoLite2-ASN.mmdb"));
        List<IPProfile> ips = read(tmp.resolve("out/IPProfile.ncap.gz"));
        assertThat(ips).extracting(ip -> ip.getAddr() + "=" + ip.getGeolocation())
                .containsExactlyInAnyOrder("54.243.118.187=US (Ashburn)", "141.142.228.5=");
    }

    /** The organisation of the oui.csv line whose assignment is the MAC's first three bytes, or "". */
    private static String plainOuiLookup(String mac) throws IOException {
        if (mac.isEmpty()) {
            return "";
        }
        String prefix = "MA-L," + mac.substring(0, 8).replace(":", "").toUpperCase() + ",";
        for (String line : Files.readAllLines(OUI, StandardCharsets.UTF_8)) {
            if (line.startsWith(prefix)) {
                String rest = line.substring(prefix.length());
                String name = rest.startsWith("\"") ? rest.substring(1, rest.indexOf('"', 1)) : rest.substring(0, rest.indexOf(','));
                return name.trim();
            }
        }
        return "";
    }

    /** The records of a file, in order. */
    @SuppressWarnings("unchecked")
    static <T extends Message> List<T> read(Path file) throws IOException {
        List<T> out = new ArrayList<>();
        try (RecordReader r = RecordReader.open(file)) {
            for (Message m = r.next(); m != null; m = r.next()) {
                out.add((T) m);
            }
        }
        return out;
    }
}
