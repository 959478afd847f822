package io.netcap.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.protobuf.Message;
import io.netcap.testing.Corpus;
import io.netcap.types.Connection;
import io.netcap.types.RecordType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connection records against TShark's conversation tables (truth/*.conv_tcp.txt, conv_udp.txt): frames
 * and bytes per conversation and per direction, start time (TShark prints it relative to the first
 * frame, so the first frame's epoch from the fields file is added) and duration.
 */
class ConnectionTruthTest {
    private static final Pattern ROW = Pattern.compile(
            "^(\\S+):(\\d+)\\s+<->\\s+(\\S+):(\\d+)\\s+(\\d+)\\s+(\\d+) (bytes|kB|MB)\\s+(\\d+)\\s+(\\d+) (bytes|kB|MB)"
                    + "\\s+(\\d+)\\s+(\\d+) (bytes|kB|MB)\\s+([\\d.]+)\\s+([\\d.]+)\\s*$");

    @TempDir
    Path tmp;

    record Conv(String proto, String a, int aPort, String b, int bPort, long framesBA, long bytesBA, String unitBA,
                long framesAB, long bytesAB, String unitAB, long frames, long bytes, String unit,
                BigDecimal relStart, double duration) {}

    @ParameterizedTest
    @ValueSource(strings = {"zeek__bro.org.pcap", "zeek__get-gzip.pcap", "suricata-verify__dns-frames_input.pcap",
            "suricata-verify__tls-certs-alert_input.pcap", "zeek__var-services-std-ports.pcap",
            // FDDI link, and Ethernet with MPLS labels or a VLAN tag before IPv4.
            "zeek__dns-inverse-query.pcap", "zeek__mixed-vlan-mpls.pcap"})
    void connectionsMatchTshark(String capture) throws Exception {
        Path pcap = Corpus.pcaps().resolve(capture);
        Path truth = Corpus.truth();
        List<Conv> convs = new ArrayList<>();
        convs.addAll(conversations("TCP", truth.resolve(capture + ".conv_tcp.txt")));
        convs.addAll(conversations("UDP", truth.resolve(capture + ".conv_udp.txt")));
        assertThat(convs).isNotEmpty();
        BigDecimal epoch0 = firstEpoch(truth, capture);

        Path out = tmp.resolve("out");
        Runs.capture(TestConfig.of(pcap, out).include(RecordType.Connection).workers(2));
        Map<RecordType, List<Message>> records = Runs.records(out);
        List<Connection> conns = records.get(RecordType.Connection).stream().map(m -> (Connection) m)
                .filter(c -> c.getTransportProto().equals("TCP") || c.getTransportProto().equals("UDP")).toList();
        // The original keys connections by MAC pair too (docs/original.md, "Connection"): a conversation whose two
        // directions pass different MACs (a router, VRRP) is split; TShark's table sums the parts.
        int matched = 0;
        for (Conv v : convs) {
            List<Connection> parts = conns.stream().filter(x -> x.getTransportProto().equals(v.proto())
                    && (endpoints(x, v.a(), v.aPort(), v.b(), v.bPort()) || endpoints(x, v.b(), v.bPort(), v.a(), v.aPort())))
                    .toList();
            String what = capture + " " + v.a() + ":" + v.aPort() + " <-> " + v.b() + ":" + v.bPort();
            assertThat(parts).as(what).isNotEmpty();
            matched += parts.size();
            long frames = 0, total = 0, ab = 0, ba = 0, first = Long.MAX_VALUE, last = Long.MIN_VALUE;
            for (Connection c : parts) {
                frames += c.getNumPackets();
                total += c.getTotalSize();
                boolean fromA = c.getSrcIP().equals(v.a()) && c.getSrcPort().equals(Integer.toString(v.aPort()));
                ab += fromA ? c.getBytesClientToServer() : c.getBytesServerToClient();
                ba += fromA ? c.getBytesServerToClient() : c.getBytesClientToServer();
                first = Math.min(first, c.getTimestampFirst());
                last = Math.max(last, c.getTimestampLast());
                assertThat(c.getTimestampLast() - c.getTimestampFirst()).isEqualTo(c.getDuration());
                assertThat(c.getCommunityID()).startsWith("1:").hasSize(30);
            }
            assertThat(frames).as(what + " frames").isEqualTo(v.frames());
            bytes(total, v.bytes(), v.unit(), what + " bytes");
            bytes(ab, v.bytesAB(), v.unitAB(), what + " bytes A->B");
            bytes(ba, v.bytesBA(), v.unitBA(), what + " bytes B->A");
            long start = epoch0.add(v.relStart()).movePointRight(9).longValueExact();
            assertThat(first).as(what + " start").isCloseTo(start, within(1_000L));
            assertThat((last - first) / 1e9).as(what + " duration").isCloseTo(v.duration(), within(0.00006));
            if (parts.size() == 1) {
                // Unsplit: the client is the sender of the first frame, TShark's address A.
                assertThat(parts.getFirst().getSrcIP()).isEqualTo(v.a());
            }
        }
        assertThat(matched).as("every TCP/UDP Connection belongs to a TShark conversation").isEqualTo(conns.size());
    }

    private static boolean endpoints(Connection c, String a, int aPort, String b, int bPort) {
        return c.getSrcIP().equals(a) && c.getSrcPort().equals(Integer.toString(aPort))
                && c.getDstIP().equals(b) && c.getDstPort().equals(Integer.toString(bPort));
    }

    /** Exact for "bytes"; TShark rounds larger sizes to kB/MB (SI). */
    private static void bytes(long actual, long shown, String unit, String what) {
        switch (unit) {
            case "bytes" -> assertThat(actual).as(what).isEqualTo(shown);
            case "kB" -> assertThat(actual / 1000.0).as(what).isCloseTo(shown, within(1.0));
            default -> assertThat(actual / 1_000_000.0).as(what).isCloseTo(shown, within(1.0));
        }
    }

    static List<Conv> conversations(String proto, Path file) throws IOException {
        List<Conv> l = new ArrayList<>();
        if (!Files.exists(file)) {
            return l;
        }
        for (String line : Files.readAllLines(file)) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                l.add(new Conv(proto, m.group(1), Integer.parseInt(m.group(2)), m.group(3), Integer.parseInt(m.group(4)),
                        Long.parseLong(m.group(5)), Long.parseLong(m.group(6)), m.group(7),
                        Long.parseLong(m.group(8)), Long.parseLong(m.group(9)), m.group(10),
                        Long.parseLong(m.group(11)), Long.parseLong(m.group(12)), m.group(13),
                        new BigDecimal(m.group(14)), Double.parseDouble(m.group(15))));
            }
        }
        return l;
    }

    /** frame.time_epoch of frame 1 (second column of the fields file). */
    static BigDecimal firstEpoch(Path truth, String capture) throws IOException {
        Path plain = truth.resolve(capture + ".fields.tsv");
        Path gz = truth.resolve(capture + ".fields.tsv.gz");
        try (BufferedReader r = Files.exists(plain) ? Files.newBufferedReader(plain)
                : new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(gz)), StandardCharsets.UTF_8))) {
            r.readLine(); // header
            return new BigDecimal(r.readLine().split("\t")[1]);
        }
    }
}
