package io.netcap.decoder.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import io.netcap.types.DHCPv4;
import io.netcap.types.DHCPv6;
import io.netcap.types.DNS;
import io.netcap.testing.Corpus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Application decoders against TShark on the shared corpus. Records come from the real capture reader,
 * layer parser and application decoding ({@link PipelineRecords}), with the datagrams option on (so
 * Modbus, ENIP/CIP and DNS over TCP are reached, as with {@code -opts datagrams}).
 */
class AppCorpusDifferentialTest {
    /** Decoded records of one frame of one capture. */
    record Decoded(String capture, int frame, Message record) {}

    static final List<Decoded> ALL = new ArrayList<>();
    static Path truth;

    @BeforeAll
    static void decodeCorpus() throws IOException {
        truth = Corpus.truth();
        for (Path p : Corpus.captures()) {
            String name = p.getFileName().toString();
            for (PipelineRecords.Framed f : PipelineRecords.of(p)) ALL.add(new Decoded(name, f.frame(), f.record()));
        }
    }

    static Map<String, Long> ourCounts(String type) {
        Map<String, Long> m = new HashMap<>();
        for (Decoded d : ALL) {
            if (d.record().getDescriptorForType().getName().equals(type)) m.merge(d.capture(), 1L, Long::sum);
        }
        return m;
    }

    /**
     * Records per capture equal TShark's frames carrying the protocol, except the documented
     * differences (docs/app-decoders.md): multi-segment TCP messages (TShark reassembles), captures cut
     * shorter than the message, malformed messages TShark still labels, EAP inside RADIUS (the original
     * does not decode it), and EAP inside EAPOL, which the original records but TShark's protocol column
     * of that capture omits (a negative gap: we have more), and several ENIP messages (each with CIP) in
     * one segment, one record each where TShark counts the frame once ({@link EnipCorpusTest}).
     */
    @Test
    void recordCountsEqualTsharkFrameCounts() {
        Map<String, String> protoOf = Map.ofEntries(
                Map.entry("DNS", "dns"), Map.entry("DHCPv4", "dhcp"), Map.entry("DHCPv6", "dhcpv6"),
                Map.entry("NTP", "ntp"), Map.entry("SIP", "sip"), Map.entry("IGMP", "igmp"),
                Map.entry("LinkLayerDiscovery", "lldp"), Map.entry("CiscoDiscovery", "cdp"),
                Map.entry("BFD", "bfd"), Map.entry("VRRPv2", "vrrp"), Map.entry("EAPOL", "eapol"),
                Map.entry("EAP", "eap"), Map.entry("Modbus", "mbtcp"), Map.entry("CIP", "cip"),
                Map.entry("ENIP", "enip"), Map.entry("Diameter", "diameter"), Map.entry("NortelDiscovery", "ndp"));
        Map<String, Long> expectedGaps = Map.of(
                "DNS chrissanders-packets__dns_axfr.pcapng", 1L,
                "DNS chrissanders-packets__dns_tcp.pcapng", 1L,
                "DNS zeek__dns-inverse-query.pcap", 1L,
                "DNS zeek__ipv6-hbh-routing0.pcap", 1L,
                "DHCPv4 gopacket__test202.pcapng", 6L,
                "LinkLayerDiscovery tcpdump__lldp_asan.pcap", 1L,
                "EAP tcpdump__RADIUS.pcap", 4L,
                "EAP tcpdump__eapon1.pcap", -29L,
                "ENIP gopacket__ethernetIP.pcap", -7L,
                "CIP gopacket__ethernetIP.pcap", -7L);
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        for (Path p : Corpus.captures()) {
            String name = p.getFileName().toString();
            var rows = Truth.fields(truth, name);
            if (rows.isEmpty()) continue;
            for (var e : protoOf.entrySet()) {
                long theirs = Truth.framesWith(rows, e.getValue());
                long ours = ourCounts(e.getKey()).getOrDefault(name, 0L);
                long gap = expectedGaps.getOrDefault(e.getKey() + " " + name, 0L);
                if (theirs == 0 && ours == 0) continue;
                compared++;
                if (ours + gap != theirs) mismatches.add(e.getKey() + " " + name + ": ours " + ours + ", tshark " + theirs);
            }
        }
        assertThat(mismatches).isEmpty();
        assertThat(compared).isGreaterThan(40);
    }

    /** OSPF: TShark has no version column; every OSPF frame becomes an OSPFv2 or OSPFv3 record. */
    @Test
    void ospfRecordsMatchTsharkFramesAndVersion() {
        for (String name : List.of("tcpdump__OSPFv2_Capture_FINAL.pcapng", "tcpdump__erspan-type-i-4.pcap")) {
            assertThat(ourCounts("OSPFv2").getOrDefault(name, 0L)).as(name)
                    .isEqualTo(Truth.framesWith(Truth.fields(truth, name), "ospf"));
        }
        String v3 = "tcpdump__OSPFv3_with_AH.pcap";
        assertThat(ourCounts("OSPFv3").getOrDefault(v3, 0L)).isEqualTo(Truth.framesWith(Truth.fields(truth, v3), "ospf"));
    }

    @Test
    void dnsIdFlagsQueryNameAndAnswerCountEqualTshark() {
        int compared = 0;
        List<String> mismatches = new ArrayList<>();
        Map<String, Map<String, Map<String, String>>> byCapture = new HashMap<>();
        for (Decoded d : ALL) {
            if (!(d.record() instanceof DNS dns)) continue;
            var rows = byCapture.computeIfAbsent(d.capture(), c -> index(Truth.fields(truth, c)));
            Map<String, String> row = rows.get(Integer.toString(d.frame()));
            if (row == null || row.get("dns.id").isEmpty()) continue;
            compared++;
            String where = d.capture() + " frame " + d.frame();
            if (dns.getID() != Integer.decode(row.get("dns.id"))) mismatches.add(where + " id");
            if (dns.getQR() != row.get("dns.flags.response").equals("1")) mismatches.add(where + " QR");
            String qname = dns.getQuestionsCount() == 0 ? "" : dns.getQuestions(0).getName();
            if (qname.isEmpty()) qname = dns.getQuestionsCount() == 0 ? "" : "<Root>";
            if (!qname.equals(row.get("dns.qry.name"))) mismatches.add(where + " qname " + qname + " vs " + row.get("dns.qry.name"));
            if (!row.get("dns.count.answers").isEmpty()
                    && dns.getANCount() != Integer.parseInt(row.get("dns.count.answers"))) mismatches.add(where + " ANCount");
            if (dns.getAnswersCount() != dns.getANCount()) mismatches.add(where + " answers decoded");
        }
        assertThat(mismatches).isEmpty();
        assertThat(compared).isGreaterThan(100);
    }

    @Test
    void dhcpMessageTypesEqualTshark() {
        int compared = 0;
        Map<String, Map<String, Map<String, String>>> byCapture = new HashMap<>();
        for (Decoded d : ALL) {
            var rows = byCapture.computeIfAbsent(d.capture(), c -> index(Truth.fields(truth, c)));
            Map<String, String> row = rows.get(Integer.toString(d.frame()));
            if (d.record() instanceof DHCPv4 dhcp) {
                assertThat(Integer.toString(DhcpV4.messageType(dhcp))).as(d.capture() + " " + d.frame())
                        .isEqualTo(row.get("dhcp.option.dhcp"));
                compared++;
            } else if (d.record() instanceof DHCPv6 dhcp) {
                assertThat(Integer.toString(dhcp.getMsgType())).as(d.capture() + " " + d.frame())
                        .isEqualTo(row.get("dhcpv6.msgtype"));
                compared++;
            }
        }
        assertThat(compared).isGreaterThanOrEqualTo(29);
    }

    static Map<String, Map<String, String>> index(List<Map<String, String>> rows) {
        Map<String, Map<String, String>> m = new HashMap<>();
        for (var r : rows) m.put(r.get("frame.number"), r);
        return m;
    }
}
