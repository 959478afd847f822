package io.netcap.decoder.layer;

import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.decoder.DecodeOptions;
import io.netcap.decoder.LayerPipeline;
import io.netcap.decoder.Protocols;
import io.netcap.packet.Packet;
import io.netcap.testing.Corpus;
import io.netcap.types.RecordType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every protocol of the layer decoders that TShark finds in a corpus capture yields at least one
 * record of its type when we decode that capture.
 */
class CorpusCoverageTest {

    /** TShark protocol names (frame.protocols) and the record type they imply. */
    private static final Map<String, RecordType> BY_TSHARK_NAME = Map.ofEntries(
            Map.entry("eth", RecordType.Ethernet),
            Map.entry("vlan", RecordType.Dot1Q),
            Map.entry("wlan", RecordType.Dot11),
            Map.entry("llc", RecordType.LLC),
            Map.entry("arp", RecordType.ARP),
            Map.entry("loop", RecordType.EthernetCTP),
            Map.entry("fddi", RecordType.FDDI),
            Map.entry("ip", RecordType.IPv4),
            Map.entry("ipv6", RecordType.IPv6),
            Map.entry("ipv6.hopopts", RecordType.IPv6HopByHop),
            Map.entry("ipv6.fraghdr", RecordType.IPv6Fragment),
            Map.entry("icmp", RecordType.ICMPv4),
            Map.entry("icmpv6", RecordType.ICMPv6),
            Map.entry("tcp", RecordType.TCP),
            Map.entry("udp", RecordType.UDP),
            Map.entry("sctp", RecordType.SCTP),
            Map.entry("gre", RecordType.GRE),
            Map.entry("mpls", RecordType.MPLS),
            Map.entry("vxlan", RecordType.VXLAN),
            Map.entry("geneve", RecordType.Geneve),
            Map.entry("ah", RecordType.IPSecAH),
            Map.entry("esp", RecordType.IPSecESP),
            Map.entry("usb", RecordType.USB));

    /** ICMPv6 message types and their specific records. */
    private static final Map<String, RecordType> ICMPV6_TYPES = Map.of(
            "128", RecordType.ICMPv6Echo, "129", RecordType.ICMPv6Echo,
            "133", RecordType.ICMPv6RouterSolicitation, "134", RecordType.ICMPv6RouterAdvertisement,
            "135", RecordType.ICMPv6NeighborSolicitation, "136", RecordType.ICMPv6NeighborAdvertisement);

    /** Captures with LLC/SNAP headers (coverage.md, "SNAP": llc.oui present). */
    private static final Set<String> SNAP_FILES = Set.of(
            "chrissanders-packets__3e80211_wpaauth.pcapng", "tcpdump__LLDP_and_CDP.pcap",
            "tcpdump__erspan-type-ii-3.pcap", "tcpdump__various_gre.pcap", "zeek__cdp-v1.pcap",
            "zeek__dns-inverse-query.pcap");

    @Test
    void everyLayerProtocolInTheCorpusProducesItsRecord() throws IOException {
        Path truth = Corpus.truth();
        Map<RecordType, Integer> filesPerType = new TreeMap<>();
        List<String> missing = new ArrayList<>();
        LayerPipeline pipeline = new LayerPipeline(Protocols.layerTypes(), DecodeOptions.defaults());
        for (Path capture : Corpus.captures()) {
            String name = capture.getFileName().toString();
            Set<RecordType> expected = EnumSet.noneOf(RecordType.class);
            for (CorpusFrames.Row row : CorpusFrames.truth(truth, capture)) {
                boolean fragment = row.get("ip.flags").equals("0x01") || row.get("ip.flags").equals("0x03")
                        || !row.get("ip.frag_offset").isEmpty() && !row.get("ip.frag_offset").equals("0");
                for (String proto : row.get("frame.protocols").split(":")) {
                    if (TsharkDifferentialTest.TSHARK_ONLY.contains(proto)) {
                        break; // docs/layers.md: encapsulations the original's parser leaves as payload
                    }
                    RecordType t = BY_TSHARK_NAME.get(proto);
                    if (t != null) {
                        expected.add(t);
                    }
                    // Past these TShark shows quoted or reassembled headers, which are no layers of this frame.
                    if (proto.equals("icmp") || proto.equals("icmpv6") || proto.equals("ipv6.fraghdr")
                            || fragment && proto.equals("ip")) {
                        break;
                    }
                }
                RecordType icmp6 = ICMPV6_TYPES.get(row.get("icmpv6.type"));
                if (icmp6 != null && row.get("frame.protocols").matches(".*ipv6:(ipv6\\.hopopts:)?icmpv6.*")) {
                    expected.add(icmp6);
                }
            }
            if (SNAP_FILES.contains(name)) {
                expected.add(RecordType.SNAP);
            }
            if (expected.isEmpty()) {
                continue;
            }
            Set<RecordType> produced = EnumSet.noneOf(RecordType.class);
            for (Packet p : Corpus.packets(capture)) {
                pipeline.decode(p, m -> RecordType.byName(m.getDescriptorForType().getName()).ifPresent(produced::add));
            }
            for (RecordType t : expected) {
                if (produced.contains(t)) {
                    filesPerType.merge(t, 1, Integer::sum);
                } else {
                    missing.add(name + ": no " + t + " record");
                }
            }
        }
        System.out.println("captures producing each expected record type: " + filesPerType);
        assertThat(missing).isEmpty();
        assertThat(filesPerType.keySet()).as("record types seen in the corpus")
                .contains(RecordType.Ethernet, RecordType.ARP, RecordType.Dot1Q, RecordType.Dot11, RecordType.LLC,
                        RecordType.SNAP, RecordType.EthernetCTP, RecordType.FDDI, RecordType.IPv4, RecordType.IPv6,
                        RecordType.IPv6HopByHop, RecordType.IPv6Fragment, RecordType.ICMPv4, RecordType.ICMPv6,
                        RecordType.ICMPv6Echo, RecordType.ICMPv6NeighborSolicitation,
                        RecordType.ICMPv6NeighborAdvertisement, RecordType.ICMPv6RouterSolicitation,
                        RecordType.ICMPv6RouterAdvertisement, RecordType.TCP, RecordType.UDP, RecordType.SCTP,
                        RecordType.GRE, RecordType.MPLS, RecordType.VXLAN, RecordType.Geneve, RecordType.IPSecAH,
                        RecordType.IPSecESP, RecordType.USB);
    }
}
