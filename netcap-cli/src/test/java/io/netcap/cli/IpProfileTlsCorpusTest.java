package io.netcap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.io.RecordReader;
import io.netcap.testing.Corpus;
import io.netcap.testing.Tshark;
import io.netcap.types.IPProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code IPProfile.Ja3Hashes} and {@code SNIs} against TShark dissecting each packet on its own (docs/enrichment.md,
 * "JA3 and SNI on IPProfile"): for the corpus captures with TLS hellos, every address gets the JA3 of each
 * ClientHello (else the JA3S of each ServerHello) of the packets it sent or received as keys, and one count per
 * ClientHello server name; a JA3 database written here gives a key its description.
 */
class IpProfileTlsCorpusTest {
    @TempDir
    Path tmp;

    @Test
    void ja3HashesAndServerNamesPerAddressEqualTshark() throws Exception {
        Path truth = Corpus.truth();
        Tshark.require();
        int captures = 0;
        int hellos = 0;
        List<String> differences = new ArrayList<>();
        for (Path pcap : Corpus.captures()) {
            String name = pcap.getFileName().toString();
            if (!Files.exists(truth.resolve(name + ".ja3.tsv"))) {
                continue; // the captures with TLS hellos (coverage.md)
            }
            captures++;
            Map<String, Set<String>> fingerprints = new TreeMap<>();
            Map<String, Map<String, Long>> serverNames = new TreeMap<>();
            String described = null;
            String fields = Tshark.run("-r", pcap.toString(), "-o", "tcp.desegment_tcp_streams:FALSE",
                    "-Y", "tls.handshake.type == 1 || tls.handshake.type == 2", "-T", "fields", "-E", "occurrence=f",
                    "-e", "ip.src", "-e", "ipv6.src", "-e", "ip.dst", "-e", "ipv6.dst",
                    "-e", "tls.handshake.extensions_server_name", "-e", "tls.handshake.ja3", "-e", "tls.handshake.ja3s");
            for (String line : fields.split("\n")) {
                String[] f = line.split("\t", -1);
                if (f.length < 7) {
                    continue;
                }
                String fingerprint = !f[5].isEmpty() ? f[5] : f[6];
                if (fingerprint.isEmpty()) {
                    continue; // a hello TShark could not read whole in this packet
                }
                hellos++;
                if (described == null) {
                    described = fingerprint;
                }
                for (String ip : new String[] {f[0].isEmpty() ? f[1] : f[0], f[2].isEmpty() ? f[3] : f[2]}) {
                    String addr = CaptureDpiCorpusTest.normal(ip);
                    fingerprints.computeIfAbsent(addr, k -> new TreeSet<>()).add(fingerprint);
                    if (!f[5].isEmpty() && !f[4].isEmpty()) {
                        serverNames.computeIfAbsent(addr, k -> new TreeMap<>()).merge(f[4], 1L, Long::sum);
                    }
                }
            }
            Path root = tmp.resolve(name + ".config");
            Files.createDirectories(root.resolve("dbs"));
            if (described != null) {
                Files.writeString(root.resolve("dbs/ja3fingerprint.json"),
                        "# written by the test\n{\"desc\": \"Test Fingerprint\", \"ja3_hash\": \"" + described + "\"}\n");
            }
            Path out = tmp.resolve(name);
            Run r = CaptureCommandTest.capture(Map.of("NC_CONFIG_ROOT", root.toString()), "-read", pcap.toString(),
                    "-out", out.toString(), "-quiet", "-include", "DeviceProfile,IPProfile");
            assertThat(r.status()).as(name + ": " + r.err()).isZero();
            Map<String, Set<String>> ourFingerprints = new TreeMap<>();
            Map<String, Map<String, Long>> ourServerNames = new TreeMap<>();
            String describedHash = described;
            try (RecordReader rr = RecordReader.open(out.resolve("IPProfile.ncap.gz"))) {
                for (var m = rr.next(); m != null; m = rr.next()) {
                    IPProfile p = (IPProfile) m;
                    String addr = CaptureDpiCorpusTest.normal(p.getAddr());
                    if (p.getJa3HashesCount() > 0) {
                        ourFingerprints.put(addr, new TreeSet<>(p.getJa3HashesMap().keySet()));
                    }
                    if (p.getSNIsCount() > 0) {
                        ourServerNames.put(addr, new TreeMap<>(p.getSNIsMap()));
                    }
                    p.getJa3HashesMap().forEach((hash, description) -> {
                        String want = hash.equals(describedHash) ? "Test Fingerprint" : "";
                        if (!description.equals(want)) {
                            differences.add(name + " " + addr + " " + hash + ": description '" + description + "'");
                        }
                    });
                }
            }
            if (!ourFingerprints.equals(fingerprints)) {
                differences.add(name + " Ja3Hashes: TShark " + fingerprints + ", netcap " + ourFingerprints);
            }
            if (!ourServerNames.equals(serverNames)) {
                differences.add(name + " SNIs: TShark " + serverNames + ", netcap " + ourServerNames);
            }
        }
        System.out.printf("IPProfile TLS: %d captures, %d hellos%n", captures, hellos);
        assertThat(captures).isGreaterThanOrEqualTo(5);
        assertThat(hellos).isGreaterThanOrEqualTo(10);
        assertThat(differences).isEmpty();
    }
}
