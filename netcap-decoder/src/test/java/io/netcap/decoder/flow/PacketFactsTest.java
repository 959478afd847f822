package io.netcap.decoder.flow;

import static io.netcap.decoder.flow.Frames.ip4;
import static io.netcap.decoder.flow.Frames.mac;
import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.packet.Packet;
import org.junit.jupiter.api.Test;

class PacketFactsTest {
    final byte[] ma = mac(1), mb = mac(2);
    final byte[] a = ip4(192, 168, 1, 10), b = ip4(93, 184, 216, 34);

    int shard(Packet p) {
        return ShardKey.of(p);
    }

    /** The frame with {@code header} put where its EtherType was (the header ends with the EtherType). */
    static Packet insertAfterMacs(Packet p, int linkType, byte[] header) {
        byte[] f = p.bytes();
        byte[] out = new byte[f.length + header.length - 2];
        System.arraycopy(f, 0, out, 0, 12);
        System.arraycopy(header, 0, out, 12, header.length);
        System.arraycopy(f, 14, out, 12 + header.length, f.length - 14);
        return Packet.of(p.timestampNanos(), out.length, linkType, out);
    }

    /** The IPv4 packet of an Ethernet frame behind another link header. */
    static Packet behind(Packet p, int linkType, byte[] header) {
        byte[] f = p.bytes();
        byte[] out = new byte[header.length + f.length - 14];
        System.arraycopy(header, 0, out, 0, header.length);
        System.arraycopy(f, 14, out, header.length, f.length - 14);
        return Packet.of(p.timestampNanos(), out.length, linkType, out);
    }

    @Test
    void bothDirectionsShareAShard() {
        for (int port = 1024; port < 1100; port++) {
            assertThat(shard(Frames.tcp(1, ma, mb, a, b, port, 443, 2, 1, 0)))
                    .isEqualTo(shard(Frames.tcp(2, mb, ma, b, a, 443, port, 0x12, 1, 0)));
        }
    }

    @Test
    void fragmentsShareAShardAndHaveNoPorts() {
        byte[] l4 = new byte[16];
        Packet first = Frames.frame(1, ma, mb, a, b, 17, l4, 0x2000);
        Packet later = Frames.frame(2, mb, ma, b, a, 17, l4, 0x0010);
        assertThat(shard(first)).isEqualTo(shard(later));
        PacketFacts f = Facts.of(first);
        assertThat(f.fragment).isTrue();
        assertThat(f.hasTransport()).isFalse();
        assertThat(f.ipProtocol).isEqualTo(17);
    }

    @Test
    void tcpFieldsAndEthernetPaddingIgnored() {
        Packet p = Frames.tcp(7, ma, mb, a, b, 40000, 80, 0x018, 29200, 12);
        PacketFacts f = Facts.of(p);
        assertThat(f.linkProto).isEqualTo("Ethernet");
        assertThat(f.networkProto).isEqualTo("IPv4");
        assertThat(f.transportProto).isEqualTo("TCP");
        assertThat(f.tcpFlags).isEqualTo(0x018);
        assertThat(f.tcpWindow).isEqualTo(29200);
        assertThat(f.payloadLength).isEqualTo(12);
        assertThat(f.applicationProto).isEqualTo("Payload");
        // 60-byte minimum frame: trailing padding beyond the IPv4 total length is not payload.
        byte[] padded = java.util.Arrays.copyOf(p.bytes(), p.capturedLength() + 6);
        PacketFacts g = Facts.of(Packet.of(7, padded.length, 1, padded));
        assertThat(g.payloadLength).isEqualTo(12);
    }

    @Test
    void truncatedHeadersEndTheDescription() {
        byte[] full = Frames.tcp(1, ma, mb, a, b, 1, 2, 2, 1, 0).bytes();
        PacketFacts f = Facts.of(Packet.of(1, full.length, 1, java.util.Arrays.copyOf(full, 40)));
        assertThat(f.hasNetwork()).isTrue();
        assertThat(f.hasTransport()).isFalse();
        PacketFacts g = Facts.of(Packet.of(1, 10, 1, new byte[10]));
        assertThat(g.hasMac).isFalse();
        assertThat(g.hasNetwork()).isFalse();
    }

    @Test
    void threeVlanTagsAndMplsStillGiveTheAddresses() {
        Packet p = Frames.tcp(1, ma, mb, a, b, 40000, 80, 0x010, 100, 5);
        byte[] tags = {(byte) 0x81, 0, 0, 10, (byte) 0x81, 0, 0, 20, (byte) 0x81, 0, 0, 30, 0x08, 0x00};
        PacketFacts vlan = Facts.of(insertAfterMacs(p, 1, tags));
        assertThat(vlan.srcIp).startsWith(a);
        assertThat(vlan.dstPort).isEqualTo(80);
        assertThat(vlan.connectionKey()).isEqualTo(Facts.of(p).connectionKey());
        byte[] mpls = {(byte) 0x88, 0x47, 0, 0, 0x10, 64, 0, 0, 0x21, 64}; // two labels, the second at the bottom
        PacketFacts labelled = Facts.of(insertAfterMacs(p, 1, mpls));
        assertThat(labelled.networkProto).isEqualTo("IPv4");
        assertThat(labelled.srcPort).isEqualTo(40000);
        assertThat(labelled.connectionKey()).isEqualTo(Facts.of(p).connectionKey());
    }

    @Test
    void linksWithoutMacPairGiveTheirNameAndTheAddresses() {
        Packet p = Frames.tcp(1, ma, mb, a, b, 40000, 80, 0x010, 100, 5);
        // BSD loopback with Linux's AF_INET6 would be IPv6; AF_INET (2) in host order here.
        PacketFacts loop = Facts.of(behind(p, 0, new byte[] {2, 0, 0, 0}));
        assertThat(loop.linkProto).isEqualTo("Loopback");
        assertThat(loop.hasMac).isFalse();
        assertThat(loop.srcPort).isEqualTo(40000);
        PacketFacts ppp = Facts.of(behind(p, 9, new byte[] {(byte) 0xff, 0x03, 0x00, 0x21}));
        assertThat(ppp.linkProto).isEqualTo("PPP");
        assertThat(ppp.ipLength).isEqualTo(4);
        assertThat(ppp.linkFlowHash()).isZero();
        byte[] sll = new byte[16];
        sll[14] = 0x08;
        PacketFacts cooked = Facts.of(behind(p, 113, sll));
        assertThat(cooked.linkProto).isEqualTo("Linux SLL");
        assertThat(cooked.dstIp).startsWith(b);
    }

    @Test
    void fddiGivesItsMacPair() {
        Packet p = Frames.tcp(1, ma, mb, a, b, 40000, 80, 0x010, 100, 5);
        byte[] fddi = new byte[13 + 8];
        fddi[0] = 0x50; // asynchronous LLC frame
        System.arraycopy(mb, 0, fddi, 1, 6);
        System.arraycopy(ma, 0, fddi, 7, 6);
        byte[] snap = {(byte) 0xaa, (byte) 0xaa, 0x03, 0, 0, 0, 0x08, 0x00};
        System.arraycopy(snap, 0, fddi, 13, 8);
        PacketFacts f = Facts.of(behind(p, 10, fddi));
        assertThat(f.linkProto).isEqualTo("FDDI");
        assertThat(f.srcMac).isEqualTo(ma);
        assertThat(f.dstMac).isEqualTo(mb);
        assertThat(f.transportProto).isEqualTo("TCP");
        assertThat(f.connectionKey()).isEqualTo(Facts.of(p).connectionKey());
    }
}
