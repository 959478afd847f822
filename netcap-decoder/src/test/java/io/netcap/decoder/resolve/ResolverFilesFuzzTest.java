package io.netcap.decoder.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Any bytes as any database file: loading never throws, lookups give text. The first byte selects the file;
 * seeds: {@code ResolverFilesFuzzTestInputs/parseAnything/} (an OUI CSV, JSON lines, a JA4 array, an IANA CSV,
 * a City mmdb written by build-test-mmdb.pl).
 */
class ResolverFilesFuzzTest {
    private static final String[] FILES = {"oui.csv", "mam.csv", "oui36.csv", MacVendors.MACADDRESS_IO,
        "ja3fingerprint.json", Ja3Descriptions.JA3_ARRAY, Ja3Descriptions.JA4, ServiceNames.IANA_CSV, "services",
        LocalHosts.FILE, GeoLocations.CITY, GeoLocations.ASN, DomainAllowList.FILE};

    @FuzzTest(maxDuration = "30s")
    void parseAnything(byte[] data) throws IOException {
        if (data.length == 0) {
            return;
        }
        Path dir = Files.createTempDirectory("netcap-resolver-fuzz");
        try {
            String name = FILES[(data[0] & 0xff) % FILES.length];
            Files.write(dir.resolve(name), Arrays.copyOfRange(data, 1, data.length));
            MacVendors macs = MacVendors.load(dir, Log.NONE);
            if (macs != null) {
                assertThat(macs.manufacturer(0x0010DB_000001L)).isNotNull();
            }
            Ja3Descriptions ja3 = Ja3Descriptions.load(dir, Log.NONE);
            if (ja3 != null) {
                assertThat(ja3.ja3("x")).isNotNull();
            }
            ServiceNames services = ServiceNames.load(dir, dir.resolve("services"), Log.NONE);
            if (services != null) {
                assertThat(services.name(80, "TCP")).isNotNull();
            }
            DomainAllowList allowed = DomainAllowList.load(dir, Log.NONE);
            if (allowed != null) {
                assertThat(allowed.contains("www.example.org")).isIn(true, false);
                assertThat(allowed.contains("")).isIn(true, false);
            }
            try (Resolvers r = Resolvers.open(new ResolverConfig(dir, true, false, false, true, true, false, false), Log.NONE)) {
                for (String a : new String[] {"192.0.2.7", "2001:db8:1::5", "0.0.0.0"}) {
                    byte[] b = InetAddress.getByName(a).getAddress();
                    assertThat(r.geolocation(b, a)).isNotNull();
                    assertThat(r.localName(a)).isNotNull();
                }
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
