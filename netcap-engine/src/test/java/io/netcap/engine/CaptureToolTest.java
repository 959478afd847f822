package io.netcap.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.testing.Corpus;
import io.netcap.types.RecordType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureToolTest {
    @TempDir
    Path tmp;

    @Test
    void flagErrorsExitTwo() {
        assertThat(Runs.capture(Map.of(), "-bogus").exit()).isEqualTo(2);
        assertThat(Runs.capture(Map.of(), "-workers", "x").exit()).isEqualTo(2);
        assertThat(Runs.capture(Map.of(), "-h").exit()).isEqualTo(2);
        assertThat(Runs.capture(Map.of("NC_PBUF", "lots")).exit()).isEqualTo(2);
    }

    @Test
    void fatalErrorsExitOne() {
        Runs.Result none = Runs.capture(Map.of());
        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.err()).contains("nothing to do");
        assertThat(Runs.capture(Map.of(), "-read", "x.ncap.gz").exit()).isEqualTo(1);
        assertThat(Runs.capture(Map.of(), "-read", "a.pcap", "b.pcap").err()).contains("two consecutive args");
        assertThat(Runs.capture(Map.of(), "-read", "a.pcap", "-include", "Nope").err()).contains("invalid decoder: Nope");
    }

    @Test
    void versionAndOverview() {
        assertThat(Runs.capture(Map.of(), "-version").out()).isEqualTo("test\n");
        String overview = Runs.capture(Map.of(), "-overview").out();
        assertThat(overview).startsWith("| Type | File | Kind | #Fields | Fields |\n|---|");
        assertThat(overview.lines().takeWhile(l -> !l.isEmpty()).count()).isEqualTo(2 + RecordType.values().length);
        assertThat(overview).endsWith("\n" + io.netcap.decoder.Protocols.markdown());
        assertThat(overview).contains("| VRRPv2 | VRRP | layer |").contains("CommunityID");
    }

    @Test
    void generatedConfigDrivesARun() throws Exception {
        String conf = Runs.capture(Map.of(), "-gen-config").out();
        Path file = tmp.resolve("net.capture.conf");
        Path out = tmp.resolve("from-config");
        Files.writeString(file, conf.replace("\nout \n", "\nout " + out + "\n")
                .replace("\ncompress true\n", "\ncompress false\n")
                .replace("\ninclude \n", "\ninclude Ethernet,Connection\n")
                .replace("\nread \n", "\nread " + Corpus.pcaps().resolve("zeek__get-gzip.pcap") + "\n")
                .replace("\nquiet false\n", "\nquiet true\n"));
        assertThat(Runs.capture(Map.of(), "-config", file.toString()).exit()).isZero();
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.contains(".ncap")))
                    .containsExactlyInAnyOrder("Ethernet.ncap", "Connection.ncap");
        }
    }

    @Test
    void environmentOverridesTheFileAndTheCommandLineWins() throws Exception {
        Path file = tmp.resolve("c.conf");
        Files.writeString(file, "include TCP\ncompress false\nworkers 1\n");
        Path out = tmp.resolve("env");
        Map<String, String> env = Map.of("NC_CONFIG", file.toString(), "NC_INCLUDE", "UDP,IPv4",
                "NC_COMPRESS", "true", "NC_OUT", tmp.resolve("not-this").toString());
        Runs.Result r = Runs.capture(env, "-read", Corpus.pcaps().resolve("suricata-verify__dns-frames_input.pcap").toString(),
                "-out", out.toString(), "-quiet");
        assertThat(r.exit()).as(r.err()).isZero();
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.contains(".ncap")))
                    .containsExactlyInAnyOrder("UDP.ncap.gz", "IPv4.ncap.gz");
        }
        assertThat(tmp.resolve("not-this")).doesNotExist();
    }

    @Test
    void malformedPacketsAreCountedAndLogged() throws Exception {
        Path pcap = Corpus.pcaps().resolve("zeek__geneve-truncated.pcapng");
        Path quiet = tmp.resolve("counted");
        Runs.capture(pcap, quiet);
        assertThat(Files.readString(quiet.resolve("summary.json"))).contains("\"TRUNCATED_HEADER\": 1");
        assertThat(quiet.resolve("errors.pcap")).doesNotExist();

        Path logged = tmp.resolve("logged");
        Runs.capture(pcap, logged, "-log-errors");
        byte[] errors = Files.readAllBytes(logged.resolve("errors.pcap"));
        // Global header (magic a1b2c3d4 little-endian, v2.4, snaplen 1024, Ethernet) plus one record.
        assertThat(errors[0] & 0xff).isEqualTo(0xd4);
        assertThat(errors[20]).isEqualTo((byte) 1);
        assertThat(errors[16] & 0xff | (errors[17] & 0xff) << 8).isEqualTo(1024);
        int caplen = errors[32] & 0xff | (errors[33] & 0xff) << 8;
        assertThat(errors.length).isEqualTo(24 + 16 + caplen);
        assertThat(Files.readString(logged.resolve("errors.log"))).contains("Error: TRUNCATED_HEADER").contains("Error summary");
    }

    @Test
    void unknownPcapOnlyWhenAskedFor() throws Exception {
        Path pcap = Corpus.pcaps().resolve("zeek__ipv6-hbh-routing0.pcap"); // IPv6Routing: no record type
        Path a = tmp.resolve("a");
        Runs.capture(pcap, a);
        assertThat(a.resolve("unknown.pcap")).doesNotExist();
        assertThat(Files.readString(a.resolve("summary.json"))).contains("\"IPv6Routing\": 1");
        Path b = tmp.resolve("b");
        Runs.capture(pcap, b, "-ignore-unknown=false");
        assertThat(Files.size(b.resolve("unknown.pcap"))).isGreaterThan(24);
    }

    @Test
    void anEarlierRunsRecordFilesDoNotSurvive() throws Exception {
        Path pcap = Corpus.pcaps().resolve("zeek__get-gzip.pcap");
        Path out = tmp.resolve("again");
        Runs.capture(pcap, out, "-include", "Ethernet,TCP");
        assertThat(out.resolve("TCP.ncap.gz")).exists();
        Runs.capture(pcap, out, "-include", "Ethernet");
        assertThat(out.resolve("TCP.ncap.gz")).doesNotExist();
        assertThat(out.resolve("Ethernet.ncap.gz")).exists();
    }

    @Test
    void summaryKeys() throws Exception {
        Path out = tmp.resolve("s");
        Runs.capture(Corpus.pcaps().resolve("zeek__get-gzip.pcap"), out);
        String json = Files.readString(out.resolve("summary.json"));
        // 14 frames, 1365 bytes: truth/zeek__get-gzip.pcap.conv_tcp.txt
        assertThat(json).contains("\"packets\": 14,").contains("\"bytes\": 1365,").contains("\"TCP\": 14")
                .contains("\"errors\": {}").contains("\"elapsed_seconds\": ");
    }
}
