package io.netcap.packet.layer;

import static io.netcap.packet.layer.Frames.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Field getters of the views over static bytes (RFC examples and hand-computed values). */
class ViewsTest {

    @Test
    void ethernet() {
        byte[] b = bytes("00005e0053af 3c2c30a1b2c3 86dd");
        EthernetView v = new EthernetView().wrap(b, 0, b.length);
        assertThat(v.dstMac()).isEqualTo("00:00:5e:00:53:af");
        assertThat(v.srcMac()).isEqualTo("3c:2c:30:a1:b2:c3");
        assertThat(v.typeOrLength()).isEqualTo(0x86DD);
        assertThat(v.isIeee8023()).isFalse();
    }

    @Test
    void dot1q() {
        byte[] b = bytes("b00a 0800"); // PCP 5, DEI 1, VID 10
        Dot1QView v = new Dot1QView().wrap(b, 0, 4);
        assertThat(v.priority()).isEqualTo(5);
        assertThat(v.dropEligible()).isTrue();
        assertThat(v.vlanIdentifier()).isEqualTo(10);
        assertThat(v.type()).isEqualTo(0x0800);
    }

    @Test
    void arp() {
        byte[] b = bytes("0001 0800 06 04 0002 001122334455 c0a80001 66778899aabb c0a80002");
        ArpView v = new ArpView().wrap(b, 0, b.length);
        assertThat(v.operation()).isEqualTo(2);
        assertThat(v.messageLength()).isEqualTo(28);
        assertThat(Addresses.mac(b, v.srcHwOffset(), 6)).isEqualTo("00:11:22:33:44:55");
        assertThat(Addresses.ip(b, v.dstProtocolOffset(), 4)).isEqualTo("192.168.0.2");
    }

    @Test
    void llcFormats() {
        byte[] u = bytes("aaab03");
        LlcView v = new LlcView().wrap(u, 0, 3);
        assertThat(v.dsap()).isEqualTo(0xAA);
        assertThat(v.ig()).isFalse();
        assertThat(v.ssap()).isEqualTo(0xAA);
        assertThat(v.cr()).isTrue();
        assertThat(v.control()).isEqualTo(3);
        byte[] i = bytes("f0f0 0204");
        assertThat(LlcView.headerLength(i, 0)).isEqualTo(4);
        assertThat(new LlcView().wrap(i, 0, 4).control()).isEqualTo(0x0204);
    }

    @Test
    void ipv4AndTcpEdgeValues() {
        byte[] b = bytes("4500 0028 ffff 2000 ff06 abcd 0a000001 0a000002",
                "ffff 0001 ffffffff 80000000 51ff 0000 1234 5678");
        Ipv4View ip = new Ipv4View().wrap(b, 0, 20);
        assertThat(ip.id()).isEqualTo(0xFFFF);
        assertThat(ip.flags()).isEqualTo(Ipv4View.FLAG_MORE_FRAGMENTS);
        assertThat(ip.isFragment()).isTrue();
        assertThat(ip.ttl()).isEqualTo(255);
        assertThat(ip.checksum()).isEqualTo(0xABCD);
        TcpView t = new TcpView().wrap(b, 20, 20);
        assertThat(t.srcPort()).isEqualTo(65535);
        assertThat(Integer.toUnsignedLong(t.seq())).isEqualTo(0xFFFFFFFFL);
        assertThat(Integer.toUnsignedLong(t.ack())).isEqualTo(0x80000000L);
        assertThat(t.dataOffset()).isEqualTo(5);
        assertThat(t.ns()).isTrue();
        assertThat(t.flags()).isEqualTo(0xFF);
        assertThat(t.window()).isZero();
        assertThat(t.urgent()).isEqualTo(0x5678);
    }

    @Test
    void ipv6() {
        byte[] b = bytes("6abcdef0 0010 3a01 fe800000000000000000000000000001 ff020000000000000000000000000001");
        Ipv6View v = new Ipv6View().wrap(b, 0, 40);
        assertThat(v.trafficClass()).isEqualTo(0xAB);
        assertThat(v.flowLabel()).isEqualTo(0xCDEF0);
        assertThat(v.payloadLength()).isEqualTo(16);
        assertThat(v.nextHeader()).isEqualTo(58);
        assertThat(v.hopLimit()).isEqualTo(1);
        assertThat(v.srcIp()).isEqualTo("fe80::1");
        assertThat(v.dstIp()).isEqualTo("ff02::1");
    }

    @Test
    void ipv6TextForms() {
        // RFC 5952 section 4 examples
        assertThat(Addresses.ipv6(bytes("20010db8000000000001000000000001"), 0)).isEqualTo("2001:db8::1:0:0:1");
        assertThat(Addresses.ipv6(bytes("20010db8000000010001000100010001"), 0)).isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(Addresses.ipv6(bytes("20010db8000000000001000000000000"), 0)).isEqualTo("2001:db8:0:0:1::");
        assertThat(Addresses.ipv6(bytes("00000000000000000000000000000000"), 0)).isEqualTo("::");
        assertThat(Addresses.ipv6(bytes("00000000000000000000ffffc0000201"), 0)).isEqualTo("192.0.2.1");
        assertThat(Addresses.ip(bytes("0102"), 0, 2)).isEqualTo("?0102");
        assertThat(Addresses.ip(bytes(""), 0, 0)).isEqualTo("<nil>");
        assertThat(Addresses.mac(bytes(""), 0, 0)).isEmpty();
    }

    @Test
    void udpSctpIcmp() {
        byte[] u = bytes("1234 0035 001c abcd");
        UdpView v = new UdpView().wrap(u, 0, 8);
        assertThat(v.srcPort()).isEqualTo(0x1234);
        assertThat(v.lengthField()).isEqualTo(28);
        byte[] s = bytes("0b59 0b59 deadbeef 01020304");
        SctpView sc = new SctpView().wrap(s, 0, 12);
        assertThat(sc.verificationTag()).isEqualTo(0xDEADBEEF);
        byte[] i = bytes("0b01 1234 0001 0002");
        Icmpv4View ic = new Icmpv4View().wrap(i, 0, 8);
        assertThat(ic.typeCode()).isEqualTo(11 * 256 + 1);
        assertThat(ic.isError()).isTrue();
        assertThat(ic.seq()).isEqualTo(2);
    }

    @Test
    void greOptionalFields() {
        byte[] b = bytes("b000 0800 1234 0000 0000abcd 00000007");
        GreView g = new GreView().wrap(b, 0, b.length);
        assertThat(g.checksumPresent()).isTrue();
        assertThat(g.keyPresent()).isTrue();
        assertThat(g.seqPresent()).isTrue();
        assertThat(Bytes.u16(b, g.checksumOffset())).isEqualTo(0x1234);
        assertThat(Bytes.u32(b, g.keyOffset())).isEqualTo(0xABCD);
        assertThat(Bytes.u32(b, g.seqOffset())).isEqualTo(7);
        assertThat(g.routingOffset()).isEqualTo(16);
    }

    @Test
    void vxlanAndGeneve() {
        byte[] vx = bytes("88c0 1234 abcdef00");
        VxlanView v = new VxlanView().wrap(vx, 0, 8);
        assertThat(v.validIdFlag()).isTrue();
        assertThat(v.gbpExtension()).isTrue();
        assertThat(v.gbpDontLearn()).isTrue();
        assertThat(v.gbpApplied()).isTrue();
        assertThat(v.gbpGroupPolicyId()).isEqualTo(0x1234);
        assertThat(v.vni()).isEqualTo(0xABCDEF);
        byte[] ge = bytes("42c0 6558 00000100 0103 8001 aabbccdd 00000000");
        GeneveView g = new GeneveView().wrap(ge, 0, ge.length);
        assertThat(g.version()).isEqualTo(1);
        assertThat(g.optionsLength()).isEqualTo(8);
        assertThat(g.oamPacket()).isTrue();
        assertThat(g.criticalOption()).isTrue();
        assertThat(g.vni()).isEqualTo(1);
    }

    @Test
    void dot11QosAndFourAddresses() {
        // QoS data, ToDS+FromDS+Order: four addresses, QoS control, HT control
        byte[] b = bytes("8883 3000", "010101010101 020202020202 030303030303", "5000", "040404040404", "2500", "01000000");
        Dot11View v = new Dot11View().wrap(b, 0, b.length);
        assertThat(v.type()).isEqualTo(0x22);
        assertThat(v.qos()).isTrue();
        assertThat(v.hasAddress4()).isTrue();
        assertThat(v.hasHtControl()).isTrue();
        assertThat(v.headerLength()).isEqualTo(36);
        assertThat(v.durationId()).isEqualTo(0x30);
        assertThat(v.sequenceNumber()).isEqualTo(5);
        assertThat(v.qosOffset()).isEqualTo(30);
    }
}
