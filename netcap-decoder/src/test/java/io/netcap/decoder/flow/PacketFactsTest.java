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
        return new PacketFacts().parse(p).shardHash();
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
        PacketFacts f = new PacketFacts().parse(first);
        assertThat(f.fragment).isTrue();
        assertThat(f.hasTransport()).isFalse();
        assertThat(f.ipProtocol).isEqualTo(17);
    }

    @Test
    void tcpFieldsAndEthernetPaddingIgnored() {
        Packet p = Frames.tcp(7, ma, mb, a, b, 40000, 80, 0x018, 29200, 12);
        PacketFacts f = new PacketFacts().parse(p);
        assertThat(f.linkProto).isEqualTo("Ethernet");
        assertThat(f.networkProto).isEqualTo("IPv4");
        assertThat(f.transportProto).isEqualTo("TCP");
        assertThat(f.tcpFlags).isEqualTo(0x018);
        assertThat(f.tcpWindow).isEqualTo(29200);
        assertThat(f.payloadLength).isEqualTo(12);
        assertThat(f.applicationProto).isEqualTo("Payload");
        // 60-byte minimum frame: trailing padding beyond the IPv4 total length is not payload.
        byte[] padded = java.util.Arrays.copyOf(p.bytes(), p.capturedLength() + 6);
        PacketFacts g = new PacketFacts().parse(Packet.of(7, padded.length, 1, padded));
        assertThat(g.payloadLength).isEqualTo(12);
    }

    @Test
    void truncatedHeadersEndTheDescription() {
        byte[] full = Frames.tcp(1, ma, mb, a, b, 1, 2, 2, 1, 0).bytes();
        PacketFacts f = new PacketFacts().parse(Packet.of(1, full.length, 1, java.util.Arrays.copyOf(full, 40)));
        assertThat(f.hasNetwork()).isTrue();
        assertThat(f.hasTransport()).isFalse();
        PacketFacts g = new PacketFacts().parse(Packet.of(1, 10, 1, new byte[10]));
        assertThat(g.hasMac).isFalse();
        assertThat(g.hasNetwork()).isFalse();
    }
}
