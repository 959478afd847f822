package io.netcap.label;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netcap.testing.Corpus;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alerts written for chosen frames of corpus captures, with times and addresses from TShark's fields
 * (truth/*.fields.tsv) — TCP, UDP, ICMP without ports, IPv6, SCTP — and the SCTP frames named by
 * suricata-verify's own expected alerts (its checks name the packet by {@code pcap_cnt} and give the
 * addresses Suricata reported). Each alert is written as a fast.log line in three sensor time zones and
 * as an eve.json event; all four give the same labeled files, and the labels fall exactly on the records
 * of the frames TShark lists at those times with those addresses (and on their connections).
 */
class ChosenFramesTest {
    private static final List<ZoneId> ZONES = List.of(ZoneOffset.UTC, ZoneId.of("America/New_York"), ZoneId.of("Asia/Kolkata"));
    private static final DateTimeFormatter FAST_TIME = DateTimeFormatter.ofPattern("MM/dd/yyyy-HH:mm:ss.SSSSSS");
    private static final DateTimeFormatter EVE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxx");

    @TempDir
    Path tmp;

    static Stream<Arguments> captures() {
        return Stream.of(
                Arguments.of("suricata-verify__flowbit-oring_input.pcap", List.of(4, 9)),
                Arguments.of("chrissanders-packets__dns.pcap", List.of(1, 4)),
                Arguments.of("chrissanders-packets__icmp_echo.pcapng", List.of(3)),
                Arguments.of("chrissanders-packets__http_ip4and6.pcapng", List.of(11)),
                Arguments.of("suricata-verify__sctp-keywords_input.pcap", List.of()));
    }

    /** One alert: the frame it names, its class, and its fields. */
    record Named(Truth.Frame frame, String cls, String proto, String src, int srcPort, String dst, int dstPort) {}

    @ParameterizedTest
    @MethodSource("captures")
    void labelsFallOnTheNamedFrames(String capture, List<Integer> frameNumbers) throws Exception {
        Path corpus = Corpus.require();
        List<Truth.Frame> frames = Truth.frames(corpus, capture);
        List<Named> named = new ArrayList<>();
        for (int n : frameNumbers) {
            Truth.Frame f = frames.get(n - 1);
            assertThat(f.number()).isEqualTo(n);
            named.add(new Named(f, "class-" + n, f.proto(), f.src(), port(f.srcPort()), f.dst(), port(f.dstPort())));
        }
        named.addAll(suricataVerifyAlerts(corpus, capture, frames));
        assertThat(named).isNotEmpty();

        Path records = Captures.run(corpus.resolve("pcaps").resolve(capture), tmp.resolve("records"));
        List<Path> outputs = new ArrayList<>();
        for (ZoneId zone : ZONES) {
            AlertFile f = FastLog.read(new StringReader(fastLog(named, zone)), "fast.log", zone);
            assertThat(f.problems()).isEmpty();
            outputs.add(label(f, records, "fast-" + zone.getId().replace('/', '-')));
        }
        AlertFile eve = Eve.read(new StringReader(eve(named, ZoneId.of("America/New_York"))), "eve.json");
        assertThat(eve.problems()).isEmpty();
        outputs.add(label(eve, records, "eve"));
        for (Path other : outputs.subList(1, outputs.size())) {
            for (Path csv : Labeler.recordFiles(records).stream()
                    .map(p -> Path.of(Labeler.baseName(p) + Labeler.SUFFIX)).toList()) {
                assertThat(other.resolve(csv)).as(other + " " + csv).hasSameTextualContentAs(outputs.getFirst().resolve(csv));
            }
        }
        Path out = outputs.getFirst();

        // transport records: those of TShark's frames at an alert's time, protocol and endpoints
        for (String type : List.of("TCP", "UDP", "SCTP")) {
            List<String> expected = new ArrayList<>();
            for (Truth.Frame f : frames) {
                firstMatch(named, f, type, true).ifPresent(a -> expected.add(f.epochNanos() + " " + port(portOf(f, type, true))
                        + " " + port(portOf(f, type, false)) + " " + a.cls()));
            }
            assertThat(labeled(out, type, "SrcPort", "DstPort")).as(capture + " " + type).containsExactlyInAnyOrderElementsOf(expected);
        }
        // network records: TShark's frames at an alert's time between its two addresses
        for (String type : List.of("IPv4", "IPv6")) {
            List<String> expected = new ArrayList<>();
            for (Truth.Frame f : frames) {
                String src = type.equals("IPv4") ? f.ipSrc() : f.ipv6Src();
                String dst = type.equals("IPv4") ? f.ipDst() : f.ipv6Dst();
                if (!src.isEmpty()) {
                    firstMatch(named, f, null, false).ifPresent(a -> expected.add(f.epochNanos() + " " + src + " " + dst + " " + a.cls()));
                }
            }
            assertThat(labeled(out, type, "SrcIP", "DstIP")).as(capture + " " + type).containsExactlyInAnyOrderElementsOf(expected);
        }
        // link records: every frame at an alert's time
        List<String> link = new ArrayList<>();
        for (Truth.Frame f : frames) {
            named.stream().filter(a -> a.frame().epochNanos() == f.epochNanos()).findFirst()
                    .ifPresent(a -> link.add(f.epochNanos() + " " + a.cls()));
        }
        assertThat(link).isNotEmpty();
        assertThat(labeled(out, "Ethernet")).as(capture + " Ethernet").containsExactlyInAnyOrderElementsOf(link);

        // connections: one per TShark conversation (tcp.stream / udp.stream) holding a named frame, each with
        // the endpoints of an alert inside its time window
        Set<String> streams = new HashSet<>();
        named.stream().map(a -> a.frame().stream()).filter(s -> !s.isEmpty()).forEach(streams::add);
        List<Map<String, String>> conns = Captures.rows(out.resolve("Connection_labeled.csv")).stream()
                .filter(r -> !r.get("result").equals("normal")).toList();
        assertThat(conns.stream().filter(c -> c.get("TransportProto").equals("TCP") || c.get("TransportProto").equals("UDP")))
                .as(capture + " Connection").hasSize(streams.size());
        for (Map<String, String> c : conns) {
            assertThat(named).as(c.toString()).anySatisfy(a -> {
                assertThat(Set.of(c.get("SrcIP"), c.get("DstIP"))).isEqualTo(Set.of(a.src(), a.dst()));
                assertThat(a.frame().epochNanos()).isBetween(Long.parseLong(c.get("TimestampFirst")), Long.parseLong(c.get("TimestampLast")));
            });
        }
        assertThat(conns).as(capture + " some Connection").isNotEmpty();
    }

    /**
     * An alert inside a VXLAN tunnel names the inner packet (Suricata writes the inner addresses): the inner
     * IPv4 record of that frame is labeled, the outer IPv4 and UDP records are not, and both Ethernet headers
     * of the frame are (they have only the time). The ICMP record is not: like every record with packet
     * context it holds the outer addresses (docs/labeling.md, "Tunnels"). The inner addresses come from
     * TShark at test time: the truth files hold the first (outer) occurrence only.
     */
    @org.junit.jupiter.api.Test
    void alertInsideATunnelNamesTheInnerPacket() throws Exception {
        Path pcap = Corpus.pcaps().resolve("tcpdump__vxlan.pcap");
        List<String> fields = Tshark.fields(pcap, 1, "frame.time_epoch", "ip.src", "ip.dst", "eth.src");
        long time = new java.math.BigDecimal(fields.get(0)).movePointRight(9).longValueExact();
        String[] src = fields.get(1).split(",");
        String[] dst = fields.get(2).split(",");
        assertThat(src).hasSize(2);
        assertThat(fields.get(3).split(",")).hasSize(2);
        String fast = FAST_TIME.format(Instant.ofEpochSecond(0, time).atZone(ZoneOffset.UTC))
                + "  [**] [1:1:1] ping in tunnel [**] [Classification: tunnelled] [Priority: 3] {ICMP} " + src[1] + " -> " + dst[1] + "\n";
        Path records = Captures.run(pcap, tmp.resolve("records"));
        Path out = label(FastLog.read(new StringReader(fast), "fast.log", ZoneOffset.UTC), records, "out");
        assertThat(labeled(out, "IPv4", "SrcIP", "DstIP")).containsExactly(time + " " + src[1] + " " + dst[1] + " tunnelled");
        assertThat(labeled(out, "ICMPv4")).isEmpty();
        assertThat(labeled(out, "UDP")).isEmpty();
        assertThat(labeled(out, "Ethernet")).containsExactly(time + " tunnelled", time + " tunnelled");
    }

    /** suricata-verify's expected alerts for this capture that name their packet and addresses. */
    private static List<Named> suricataVerifyAlerts(Path corpus, String capture, List<Truth.Frame> frames) throws IOException {
        JsonNode tests = new ObjectMapper().readTree(corpus.resolve("alerts/suricata-verify-checks-for-corpus.json").toFile()).path(capture);
        List<Named> out = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (JsonNode test : tests) {
            for (JsonNode check : test.path("checks")) {
                JsonNode m = check.path("match");
                if (!m.path("event_type").asText().equals("alert") || !m.has("pcap_cnt") || !m.has("src_ip")
                        || !seen.add(m.path("pcap_cnt").asInt())) {
                    continue;
                }
                Truth.Frame f = frames.get(m.path("pcap_cnt").asInt() - 1);
                // Suricata's addresses are TShark's for that frame
                assertThat(List.of(f.src(), f.srcPort(), f.dst(), f.dstPort())).isEqualTo(List.of(m.path("src_ip").asText(),
                        m.path("src_port").asText(), m.path("dest_ip").asText(), m.path("dest_port").asText()));
                out.add(new Named(f, "sid-" + m.path("alert.signature_id").asInt() + "-pkt-" + f.number(), m.path("proto").asText(),
                        m.path("src_ip").asText(), m.path("src_port").asInt(), m.path("dest_ip").asText(), m.path("dest_port").asInt()));
            }
        }
        return out;
    }

    private static int port(String s) {
        return s.isEmpty() ? Alert.NO_PORT : Integer.parseInt(s);
    }

    private static String portOf(Truth.Frame f, String type, boolean src) {
        return switch (type) {
            case "TCP" -> src ? f.tcpSrcPort() : f.tcpDstPort();
            case "UDP" -> src ? f.udpSrcPort() : f.udpDstPort();
            default -> src ? f.sctpSrcPort() : f.sctpDstPort();
        };
    }

    /** The first alert (file order) at the frame's time between its addresses, with the ports of {@code type}. */
    private static java.util.Optional<Named> firstMatch(List<Named> named, Truth.Frame f, String type, boolean ports) {
        return named.stream().filter(a -> a.frame().epochNanos() == f.epochNanos()
                && Set.of(a.src(), a.dst()).equals(Set.of(f.src(), f.dst()))
                && (!ports || (a.proto().equals(type) && !portOf(f, type, true).isEmpty()
                        && Set.of(a.srcPort(), a.dstPort()).equals(Set.of(port(portOf(f, type, true)), port(portOf(f, type, false))))))
        ).findFirst();
    }

    /** "time field... label" of the labeled rows of a file; empty when the capture has no such file. */
    private static List<String> labeled(Path out, String type, String... fields) throws IOException {
        Path csv = out.resolve(type + Labeler.SUFFIX);
        if (!Files.exists(csv)) {
            return List.of();
        }
        return Captures.rows(csv).stream().filter(r -> !r.get("result").equals("normal")).map(r -> {
            StringBuilder sb = new StringBuilder(r.get("Timestamp"));
            for (String f : fields) {
                sb.append(' ').append(r.get(f));
            }
            return sb.append(' ').append(r.get("result")).toString();
        }).sorted(Comparator.naturalOrder()).toList();
    }

    private Path label(AlertFile alerts, Path records, String name) throws Exception {
        Path dir = tmp.resolve(name);
        LabelRun.run(List.of(alerts), records, dir, LabelOptions.defaults());
        return dir;
    }

    /** fast.log lines as Suricata writes them: wall clock of the sensor's zone, IPv6 fully expanded. */
    static String fastLog(List<Named> named, ZoneId zone) {
        StringBuilder sb = new StringBuilder();
        for (Named a : named) {
            Instant t = Instant.ofEpochSecond(0, a.frame().epochNanos());
            sb.append(FAST_TIME.format(t.atZone(zone))).append("  [**] [1:1:1] rule for frame ").append(a.frame().number())
                    .append(" [**] [Classification: ").append(a.cls()).append("] [Priority: 3] {").append(a.proto()).append("} ")
                    .append(endpoint(a.src(), a.srcPort())).append(" -> ").append(endpoint(a.dst(), a.dstPort())).append('\n');
        }
        return sb.toString();
    }

    private static String endpoint(String ip, int port) {
        String text = ip;
        if (ip.contains(":")) {
            try {
                byte[] b = java.net.InetAddress.ofLiteral(ip).getAddress();
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < 16; i += 2) {
                    sb.append(i == 0 ? "" : ":").append(String.format("%02x%02x", b[i], b[i + 1]));
                }
                text = sb.toString();
            } catch (IllegalArgumentException e) {
                throw new AssertionError(e);
            }
        }
        return port == Alert.NO_PORT ? text : text + ":" + port;
    }

    /** eve.json alert events in a zone's offset. */
    static String eve(List<Named> named, ZoneId zone) {
        StringBuilder sb = new StringBuilder();
        for (Named a : named) {
            Instant t = Instant.ofEpochSecond(0, a.frame().epochNanos());
            sb.append("{\"timestamp\":\"").append(EVE_TIME.format(t.atZone(zone))).append("\",\"event_type\":\"alert\",\"src_ip\":\"")
                    .append(a.src()).append('"').append(a.srcPort() == Alert.NO_PORT ? "" : ",\"src_port\":" + a.srcPort())
                    .append(",\"dest_ip\":\"").append(a.dst()).append('"').append(a.dstPort() == Alert.NO_PORT ? "" : ",\"dest_port\":" + a.dstPort())
                    .append(",\"proto\":\"").append(a.proto().equals("IPV6-ICMP") ? "IPv6-ICMP" : a.proto())
                    .append("\",\"alert\":{\"signature_id\":1,\"signature\":\"rule for frame ").append(a.frame().number())
                    .append("\",\"category\":\"").append(a.cls()).append("\"}}\n");
        }
        return sb.toString();
    }
}
