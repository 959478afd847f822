package io.netcap.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.decoder.Protocols;
import io.netcap.decoder.flow.PacketFacts;
import io.netcap.packet.Packet;
import io.netcap.packet.layer.LayerKind;
import io.netcap.packet.layer.LayerParser;
import io.netcap.packet.layer.Layers;
import org.junit.jupiter.api.Test;

class BatchTest {
    static Packet packet(long ts) {
        return Packet.of(ts, 60, 1, new byte[60]);
    }

    @Test
    void attachedParsesStayWithTheirPacketAndSlotsAreRecycled() {
        Batch b = new Batch(3);
        Layers a = new LayerParser(Protocols.routes(), false).parse(packet(1), new Layers());
        Layers c = new LayerParser(Protocols.routes(), false).parse(packet(3), new Layers());
        assertThat(b.add(packet(1), 1)).isTrue();
        assertThat(b.attach(a)).isNull(); // a fresh slot holds nothing to give back
        assertThat(b.add(packet(2), 2)).isTrue(); // not parsed (a single worker)
        assertThat(b.parsed(0)).isSameAs(a);
        assertThat(b.parsed(1)).isNull();

        b.clear();
        assertThat(b.add(packet(3), 3)).isTrue();
        assertThat(b.parsed(0)).as("a recycled slot is not parsed until a parse is attached").isNull();
        assertThat(b.attach(c)).as("the reader gets the recycled object back").isSameAs(a);
        assertThat(b.parsed(0)).isSameAs(c);
    }

    @Test
    void attachedLayersPointIntoTheBatchCopy() {
        byte[] frame = new byte[80];
        frame[12] = 0x08; // EtherType IPv4
        frame[14] = 0x45;
        frame[17] = 66; // total length
        frame[23] = 17; // UDP
        frame[37] = 53; // destination port 53
        frame[39] = 46; // UDP length
        byte[] source = new byte[100];
        System.arraycopy(frame, 0, source, 20, frame.length);
        Packet p = new Packet(1, frame.length, frame.length, 1, 0, source, 20);
        Batch b = new Batch(2);
        b.add(packet(0), 0); // the packet under test lands at offset 60 of the batch
        b.add(p, 1);
        Layers parsed = new LayerParser(Protocols.routes(), false).parse(p, new Layers());
        b.attach(parsed);
        java.util.Arrays.fill(source, (byte) 0); // the source reuses its buffer

        assertThat(parsed.packet()).isSameAs(b.packet(1));
        assertThat(parsed.buffer()).isSameAs(b.packet(1).buffer());
        int udp = parsed.indexOf(LayerKind.UDP);
        assertThat(parsed.offset(udp)).isEqualTo(b.packet(1).offset() + 34);
        assertThat(parsed.buffer()[parsed.offset(udp) + 3]).isEqualTo((byte) 53);
        assertThat(new PacketFacts().fill(parsed).dstPort).isEqualTo(53);
    }
}
