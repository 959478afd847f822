package io.netcap.packet.layer;

import static io.netcap.packet.layer.Frames.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netcap.packet.Packet;
import org.junit.jupiter.api.Test;

/**
 * Dispatch, tunnels, link types and malformed input, with hand-built frames. The parser runs with the structural
 * routes only: the application routes are rows of the protocol registry in netcap-decoder, tested there
 * (ProtocolsTest); here application routes are added by hand only to test the mechanism.
 */
class LayerParserTest {
    private final LayerParser parser = new LayerParser(LayerRoutes.STRUCTURAL, false);

    @Test
    void ethernetIpv4Tcp() {
        Layers l = parser.parse(ethernet("0800", ipv4(44, 6), TCP_SYN, "deadbeef"));
        assertThat(kinds(l)).isEqualTo("ETHERNET IPV4 TCP PAYLOAD");
        assertThat(l.error()).isNull();
        assertThat(l.firstNetwork()).isEqualTo(1);
        assertThat(l.firstTransport()).isEqualTo(2);
        assertThat(l.payloadLength(0)).isEqualTo(44);
        assertThat(l.payloadLength(1)).isEqualTo(24);
        assertThat(l.headerLength(2)).isEqualTo(20);
        assertThat(l.payloadLength(2)).isEqualTo(4);
    }

    @Test
    void ethernetPaddingStaysInTheEthernetPayloadOnly() {
        // docs/original.md, "Payload": a 60-byte frame with a 40-byte IPv4 packet: Ethernet payload 46, IPv4 payload 20.
        Layers l = parser.parse(ethernet("0800", ipv4(40, 6), TCP_SYN, "000000000000"));
        assertThat(l.payloadLength(0)).isEqualTo(46);
        assertThat(l.payloadLength(1)).isEqualTo(20);
        assertThat(l.payloadLength(2)).isZero();
        assertThat(kinds(l)).isEqualTo("ETHERNET IPV4 TCP");
    }

    @Test
    void ieee8023LengthLimitsThePayload() {
        Layers l = parser.parse(ethernet("0006", "424203 0000 00", "ffffff"));
        assertThat(kinds(l)).isEqualTo("ETHERNET LLC PAYLOAD"); // STP (SAP 0x42) is a registry route
        assertThat(l.payloadLength(0)).isEqualTo(6);
    }

    @Test
    void qinqGivesOneLayerPerTag() {
        Layers l = parser.parse(ethernet("88a8", "0064 8100", "00c8 0800", ipv4(28, 17), "0035 0035 0008 0000"));
        assertThat(kinds(l)).isEqualTo("ETHERNET DOT1Q DOT1Q IPV4 UDP");
        Dot1QView v = new Dot1QView().wrap(l, 1);
        assertThat(v.vlanIdentifier()).isEqualTo(100);
        assertThat(new Dot1QView().wrap(l, 2).vlanIdentifier()).isEqualTo(200);
    }

    @Test
    void vlanStackDeeperThanSaneIsAnError() {
        String tag = "0001 8100 ";
        Layers l = parser.parse(ethernet("8100", tag.repeat(12), "0001 0800", ipv4(20, 6)));
        assertThat(l.error().kind()).isEqualTo(ParseError.Kind.VLAN_DEPTH);
        assertThat(l.count()).isEqualTo(1 + LayerParser.MAX_VLAN_DEPTH);
    }

    @Test
    void ihlBelowFiveIsAnErrorAndKeepsEthernet() {
        Layers l = parser.parse(ethernet("0800", "4400 0014 0000 0000 4006 0000 0a000001 0a000002"));
        assertThat(kinds(l)).isEqualTo("ETHERNET");
        assertThat(l.error().kind()).isEqualTo(ParseError.Kind.BAD_IHL);
        assertThat(l.error().offset()).isEqualTo(14);
    }

    @Test
    void totalLengthBeyondAWholeCaptureIsAnError() {
        Layers l = parser.parse(ethernet("0800", ipv4(200, 6), TCP_SYN));
        assertThat(kinds(l)).isEqualTo("ETHERNET IPV4 TCP");
        assertThat(l.error().kind()).isEqualTo(ParseError.Kind.LENGTH_BEYOND_CAPTURE);
        assertThat(l.truncated()).isTrue();
        assertThat(l.payloadLength(1)).isEqualTo(20);
    }

    @Test
    void totalLengthBeyondASnapLengthCutIsOnlyTruncation() {
        Layers l = parser.parse(snapped(1, 214, MAC_DST + MAC_SRC + "0800", ipv4(200, 6), TCP_SYN));
        assertThat(kinds(l)).isEqualTo("ETHERNET IPV4 TCP");
        assertThat(l.error()).isNull();
        assertThat(l.truncated()).isTrue();
    }

    @Test
    void tcpDataOffsetPastTheSegment() {
        Layers l = parser.parse(ethernet("0800", ipv4(40, 6), "0050 01bb 00000001 00000000 f002 ffff 0000 0000"));
        assertThat(kinds(l)).isEqualTo("ETHERNET IPV4 TCP");
        assertThat(l.error().kind()).isEqualTo(ParseError.Kind.BAD_DATA_OFFSET);
        assertThat(l.payloadLength(2)).isZero();
    }

    @Test
    void tcpDataOffsetBelowFive() {
        Layers l = parser.parse(ethernet("0800", ipv4(40, 6), "0050 01bb 00000001 00000000 2002 ffff 0000 0000"));
        assertThat(l.error().kind()).isEqualTo(ParseError.Kind.BAD_DATA_OFFSET);
    }

    @Test
    void tcpOptionLengthZeroIsAnErrorButTheSegmentStays() {
        Layers l = parser.parse(ethernet("0800", ipv4(48, 6),
                "0050 01bb 00000001 00000000 7002 ffff 0000 0000", "0204 05b4 0800 0000"));
        assertThat(kinds(l)).isEqualTo("ETHERNET IPV4 TCP");
        assertThat(l.error().kind()).isEqualTo(ParseError.Kind.BAD_OPTION_LENGTH);
        assertThat(l.error().offset()).isEqualTo(14 + 20 + 24);
    }

    @Test
    void tcpOptionPastTheHeader() {
        Layers l = parser.parse(ethernet("0800", ipv4(44, 6),
                "0050 01bb 00000001 00000000 6002 ffff 0000 0000", "010108 0a"));
        assertThat(l.error().kind()).isEqualTo(ParseError.Kind.BAD_OPTION_LENGTH);
    }

    @Test
    void ipv4OptionLengthZero() {
        Layers l = parser.parse(ethernet("0800", "4600 0018 0000 0000 40ff 0000 0a000001 0a000002", "8900 0000"));
        assertThat(kinds(l)).isEqualTo("ETHERNET IPV4");
        assertThat(l.error().kind()).isEqualTo(ParseError.Kind.BAD_OPTION_LENGTH);
    }

    @Test
    void endlessIpv6ExtensionHeadersAreCut() {
        String hdr = "3c00 0000 0000 0000 "; // destination options, next header 60 again
        int n = 40;
        Layers l = parser.parse(ethernet("86dd",
                String.format("6000 0000 %04x 3c40", n * 8) + "20010db8000000000000000000000001 20010db8000000000000000000000002",
                hdr.repeat(n)));
        assertThat(l.error().kind()).isEqualTo(ParseError.Kind.EXTENSION_HEADER_LIMIT);
        assertThat(l.count()).isEqualTo(2 + LayerParser.MAX_IPV6_EXTENSION_HEADERS);
    }

    @Test
    void ipv6ExtensionChainReachesUdp() {
        Layers l = parser.parse(ethernet("86dd",
                "6000 0000 0018 0040 20010db8000000000000000000000001 20010db8000000000000000000000002",
                "1100 0502 0000 0100", "0222 0223 0010 0000", "0102030405060708"));
        assertThat(kinds(l)).isEqualTo("ETHERNET IPV6 IPV6_HOP_BY_HOP UDP PAYLOAD");
        assertThat(l.payloadLength(1)).isEqualTo(24);
    }

    @Test
    void ipv6FragmentStopsAtTheFragmentData() {
        Layers l = parser.parse(ethernet("86dd",
                "6000 0000 0010 2c40 20010db8000000000000000000000001 20010db8000000000000000000000002",
                "3a00 0001 12345678", "8000 0000 0001 0001"));
        assertThat(kinds(l)).isEqualTo("ETHERNET IPV6 IPV6_FRAGMENT PAYLOAD");
        Ipv6FragmentView f = new Ipv6FragmentView().wrap(l, 2);
        assertThat(f.moreFragments()).isTrue();
        assertThat(f.fragmentOffset()).isZero();
        assertThat(f.identification()).isEqualTo(0x12345678);
    }

    @Test
    void udpLengthBelowEight() {
        Layers l = parser.parse(ethernet("0800", ipv4(28, 17), "0035 0035 0004 0000"));
        assertThat(l.error().kind()).isEqualTo(ParseError.Kind.BAD_LENGTH);
        assertThat(kinds(l)).isEqualTo("ETHERNET IPV4 UDP");
    }

    @Test
    void truncatedEthernet() {
        Layers l = parser.parse(packet(1, "ffffffffffff0011"));
        assertThat(l.count()).isZero();
        assertThat(l.error().kind()).isEqualTo(ParseError.Kind.TRUNCATED_HEADER);
    }

    @Test
    void unknownLinkType() {
        Layers l = parser.parse(packet(147, "00"));
        assertThat(l.error().kind()).isEqualTo(ParseError.Kind.UNSUPPORTED_LINK_TYPE);
    }

    @Test
    void vxlanContinuesIntoTheInnerFrame() {
        String inner = MAC_DST + MAC_SRC + "0800" + ipv4(28, 1) + "0800 f7ff 0000 0000";
        Layers l = parser.parse(ethernet("0800", ipv4(20 + 8 + 8 + 14 + 28, 17), "c000 12b5 003a 0000",
                "0800 0000 00123400", inner));
        assertThat(kinds(l)).isEqualTo("ETHERNET IPV4 UDP VXLAN ETHERNET IPV4 ICMPV4");
        assertThat(new VxlanView().wrap(l, 3).vni()).isEqualTo(0x1234);
        assertThat(l.error()).isNull();
        assertThat(l.firstNetwork()).isEqualTo(1);
    }

    @Test
    void greErspanTypeTwoAndGeneveAndMpls() {
        String inner = MAC_DST + MAC_SRC + "0800" + ipv4(20, 59);
        Layers gre = parser.parse(ethernet("0800", ipv4(20 + 8 + 8 + 34, 47), "1000 88be 00000001", "1001 0064 00000000", inner));
        assertThat(kinds(gre)).isEqualTo("ETHERNET IPV4 GRE ERSPAN ETHERNET IPV4");
        Layers geneve = parser.parse(ethernet("0800", ipv4(20 + 8 + 12 + 34, 17), "c000 17c1 0036 0000",
                "0100 6558 00000a00", "0103 8001", inner));
        assertThat(kinds(geneve)).isEqualTo("ETHERNET IPV4 UDP GENEVE ETHERNET IPV4");
        assertThat(new GeneveView().wrap(geneve, 3).optionsLength()).isEqualTo(4);
        Layers mpls = parser.parse(ethernet("8847", "00010040", "000211ff", ipv4(20, 59)));
        assertThat(kinds(mpls)).isEqualTo("ETHERNET MPLS MPLS IPV4");
        MplsView m = new MplsView().wrap(mpls, 2);
        assertThat(m.label()).isEqualTo(0x21);
        assertThat(m.stackBottom()).isTrue();
        assertThat(m.ttl()).isEqualTo(255);
    }

    @Test
    void ipInIpAndAhAndEsp() {
        Layers l = parser.parse(ethernet("0800", ipv4(20 + 20 + 8, 4), ipv4(28, 51), "3201 0000 00000100 00000001", ""));
        assertThat(kinds(l)).startsWith("ETHERNET IPV4 IPV4");
        Layers ah = parser.parse(ethernet("0800", ipv4(20 + 16 + 8, 51), "3202 0000 00000100 00000001 aabbccdd", "00001111 00000002"));
        assertThat(kinds(ah)).isEqualTo("ETHERNET IPV4 IPSEC_AH IPSEC_ESP");
        IpsecAhView v = new IpsecAhView().wrap(ah, 2);
        assertThat(v.headerLength()).isEqualTo(16);
        assertThat(v.spi()).isEqualTo(0x100);
    }

    @Test
    void linkTypes() {
        String ip = ipv4(20, 59);
        assertThat(kinds(parser.parse(packet(0, "02000000", ip)))).isEqualTo("LOOPBACK IPV4");
        assertThat(kinds(parser.parse(packet(0, "0000001e", "6000000000003b40" + "00".repeat(32))))).isEqualTo("LOOPBACK IPV6");
        assertThat(kinds(parser.parse(packet(101, ip)))).isEqualTo("IPV4");
        assertThat(kinds(parser.parse(packet(101, "6000000000003b40" + "00".repeat(32))))).isEqualTo("IPV6");
        assertThat(kinds(parser.parse(packet(228, ip)))).isEqualTo("IPV4");
        assertThat(kinds(parser.parse(packet(113, "0000 0001 0006 001122334455 0000 0800", ip)))).isEqualTo("LINUX_SLL IPV4");
        assertThat(kinds(parser.parse(packet(276, "0800 0000 00000002 0001 00 06 0011223344550000", ip)))).isEqualTo("LINUX_SLL2 IPV4");
        assertThat(kinds(parser.parse(packet(9, "ff03 0021", ip)))).isEqualTo("PPP IPV4");
        assertThat(kinds(parser.parse(packet(9, "0057", "6000000000003b40" + "00".repeat(32))))).isEqualTo("PPP IPV6");
        assertThat(kinds(parser.parse(packet(10, "50", MAC_DST, MAC_SRC, "aaaa03 000000 0800", ip))))
                .isEqualTo("FDDI LLC SNAP IPV4");
    }

    @Test
    void radiotapDot11DataWithFcs() {
        // radiotap: version 0, length 9, present = Flags; flags 0x10 (FCS at end)
        String radiotap = "0000 0900 02000000 10";
        String dot11 = "0801 0000" + "001122334455" + "66778899aabb" + "ccddeeff0011" + "1000";
        Layers l = parser.parse(packet(127, radiotap, dot11, "aaaa03 000000 0800", ipv4(20, 59), "01020304"));
        assertThat(kinds(l)).isEqualTo("RADIOTAP DOT11 LLC SNAP IPV4");
        assertThat(l.length(1) - l.headerLength(1) - l.payloadLength(1)).isEqualTo(4);
        Dot11View d = new Dot11View().wrap(l, 1);
        assertThat(d.type()).isEqualTo(0x02);
        assertThat(d.flags()).isEqualTo(0x01);
        assertThat(d.address(Dot11View.ADDRESS2)).isEqualTo("66:77:88:99:aa:bb");
        assertThat(d.sequenceNumber()).isEqualTo(1);
    }

    @Test
    void usbmonSetupPacket() {
        String hdr = "0102030405060708" + "53" + "02" + "80" + "05" + "0100" + "00" + "2d"
                + "0000000000000000" + "00000000" + "8dffffff" + "12000000" + "00000000"
                + "8006000100001200" + "00".repeat(16);
        Layers l = parser.parse(packet(220, hdr));
        assertThat(kinds(l)).isEqualTo("USB USB_REQUEST_BLOCK_SETUP");
        UsbView u = new UsbView().wrap(l, 0);
        assertThat(u.id()).isEqualTo(0x0807060504030201L);
        assertThat(u.direction()).isEqualTo(UsbView.DIRECTION_IN);
        assertThat(u.status()).isEqualTo(-115);
        UsbRequestBlockSetupView s = new UsbRequestBlockSetupView().wrap(l, 1);
        assertThat(s.request()).isEqualTo(6);
        assertThat(s.value()).isEqualTo(0x0100);
        assertThat(s.lengthField()).isEqualTo(18);
    }

    @Test
    void ethernetCtpReply() {
        Layers l = parser.parse(ethernet("9000", "0000 0100 0700", "cafe"));
        assertThat(kinds(l)).isEqualTo("ETHERNET ETHERNET_CTP ETHERNET_CTP_REPLY");
        EthernetCtpView r = new EthernetCtpView().wrap(l, 2);
        assertThat(r.function()).isEqualTo(1);
        assertThat(r.receiptNumber()).isEqualTo(7);
    }

    @Test
    void applicationRoutesAddedToTheStructuralOnes() {
        LayerRoutes routes = LayerRoutes.builder()
                .route(LayerRoutes.Field.UDP_PORT, 53, LayerKind.DNS)
                .route(LayerRoutes.Field.IP_PROTOCOL, 89, LayerKind.OSPF)
                .route(LayerRoutes.Field.ETHER_TYPE, 0x88cc, LayerKind.LLDP)
                .route(LayerRoutes.Field.SNAP_PID, 0x2000, LayerKind.CDP)
                .route(LayerRoutes.Field.TCP_PORT, 443, LayerKind.TLS)
                .build();
        LayerParser p = new LayerParser(routes, false);
        Packet dns = ethernet("0800", ipv4(36, 17), "d431 0035 0010 0000", "0000000000000000");
        assertThat(kinds(p.parse(dns))).endsWith("UDP DNS");
        assertThat(kinds(parser.parse(dns))).endsWith("UDP PAYLOAD");
        // destination port first, then source port
        assertThat(kinds(p.parse(ethernet("0800", ipv4(36, 17), "0035 d431 0010 0000", "0000000000000000")))).endsWith("UDP DNS");
        assertThat(kinds(p.parse(ethernet("0800", ipv4(28, 89), "0201001c0a0000010000000000000000")))).endsWith("IPV4 OSPF");
        assertThat(kinds(parser.parse(ethernet("0800", ipv4(28, 89), "0201001c0a0000010000000000000000")))).endsWith("IPV4 UNKNOWN");
        assertThat(kinds(p.parse(ethernet("88cc", "0207046c4f6f2e7c")))).isEqualTo("ETHERNET LLDP");
        assertThat(kinds(p.parse(ethernet("000a", "aaaa03 00000c 2000", "01b4")))).isEqualTo("ETHERNET LLC SNAP CDP");
        Packet tls = ethernet("0800", ipv4(44, 6), "c350 01bb 00000001 00000000 5018 ffff 0000 0000", "16030100");
        assertThat(kinds(new LayerParser(routes, true).parse(tls))).endsWith("TCP TLS");
        assertThat(kinds(p.parse(tls))).endsWith("TCP PAYLOAD"); // TCP ports only with the datagrams option
    }

    @Test
    void aRouteThatWouldReplaceAnotherIsRefused() {
        assertThatThrownBy(() -> LayerRoutes.builder().route(LayerRoutes.Field.UDP_PORT, 4789, LayerKind.DNS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("VXLAN");
        assertThatThrownBy(() -> LayerRoutes.builder().route(LayerRoutes.Field.ETHER_TYPE, EtherType.IPV4, LayerKind.ARP))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("IPV4");
        assertThatThrownBy(() -> LayerRoutes.builder().route(LayerRoutes.Field.IP_PROTOCOL, 256, LayerKind.OSPF))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out of range");
        assertThat(LayerRoutes.STRUCTURAL.keys(LayerRoutes.Field.ETHER_TYPE, LayerKind.DOT1Q))
                .containsExactly(EtherType.DOT1Q, EtherType.QINQ, EtherType.QINQ_OLD);
    }

    @Test
    void edgeValues() {
        Packet p = ethernet("0800", "4fff ffff ffff ffff ffff ffff ffffffff ffffffff", "ff".repeat(40), "ff".repeat(65535 - 60));
        Layers l = parser.parse(p);
        Ipv4View v = new Ipv4View().wrap(l, 1);
        assertThat(v.ihl()).isEqualTo(15);
        assertThat(v.totalLength()).isEqualTo(65535);
        assertThat(v.flags()).isEqualTo(7);
        assertThat(v.fragOffset()).isEqualTo(0x1FFF);
        assertThat(v.ttl()).isEqualTo(255);
        assertThat(v.srcIp()).isEqualTo("255.255.255.255");
        assertThat(l.error().kind()).isEqualTo(ParseError.Kind.BAD_OPTION_LENGTH); // option 0xff with length 0xff
    }

    @Test
    void everyPrefixOfAFrameParsesToAPrefixOfItsLayers() {
        String inner = MAC_DST + MAC_SRC + "0800" + ipv4(28, 1) + "0800 f7ff 0000 0000";
        Packet[] frames = {
            ethernet("0800", ipv4(44, 6), TCP_SYN, "deadbeef"),
            ethernet("88a8", "0064 8100", "00c8 0800", ipv4(28, 17), "0035 0035 0008 0000"),
            ethernet("0800", ipv4(20 + 8 + 8 + 14 + 28, 17), "c000 12b5 003a 0000", "0800 0000 00123400", inner),
            ethernet("86dd", "6000 0000 0018 0040 20010db8000000000000000000000001 20010db8000000000000000000000002",
                    "1100 0502 0000 0100", "0222 0223 0010 0000", "0102030405060708"),
            ethernet("0806", "0001 0800 06 04 0001 001122334455 c0a80001 000000000000 c0a80002"),
            ethernet("0800", ipv4(20 + 12 + 20, 47), "3000 0800 0000abcd 00000005", ipv4(20, 59)),
        };
        for (Packet full : frames) {
            Layers whole = parser.parse(full);
            String expected = kinds(whole);
            int n = full.capturedLength();
            for (int k = 0; k < n; k++) {
                byte[] cut = java.util.Arrays.copyOf(full.bytes(), k);
                Layers l = parser.parse(new Packet(0, k, n, full.linkType(), 0, cut, 0));
                for (int i = 0; i < l.count(); i++) {
                    assertThat(whole.kind(i) == l.kind(i) || l.kind(i) == LayerKind.PAYLOAD || l.kind(i) == LayerKind.UNKNOWN
                            || l.kind(i).role() == LayerKind.Role.APPLICATION)
                            .as("layer %d of the %d-byte prefix of %s: %s", i, k, expected, kinds(l)).isTrue();
                    assertThat(l.offset(i) + l.length(i)).isLessThanOrEqualTo(k);
                }
                assertThat(l.count() < whole.count() || l.truncated() || l.error() != null)
                        .as("the %d-byte prefix of %s is marked: %s", k, expected, l).isTrue();
            }
        }
    }
}
