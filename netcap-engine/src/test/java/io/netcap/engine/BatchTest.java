package io.netcap.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.decoder.flow.PacketFacts;
import io.netcap.packet.Packet;
import org.junit.jupiter.api.Test;

class BatchTest {
    static Packet packet(long ts) {
        return Packet.of(ts, 60, 1, new byte[60]);
    }

    @Test
    void attachedFactsStayWithTheirPacketAndSlotsAreRecycled() {
        Batch b = new Batch(3);
        PacketFacts a = new PacketFacts();
        PacketFacts c = new PacketFacts();
        assertThat(b.add(packet(1), 1)).isTrue();
        assertThat(b.attach(a)).isNull(); // a fresh slot holds nothing to give back
        assertThat(b.add(packet(2), 2)).isTrue(); // not parsed (a single worker)
        assertThat(b.facts(0)).isSameAs(a);
        assertThat(b.facts(1)).isNull();

        b.clear();
        assertThat(b.add(packet(3), 3)).isTrue();
        assertThat(b.facts(0)).as("a recycled slot is not parsed until facts are attached").isNull();
        assertThat(b.attach(c)).as("the reader gets the recycled object back").isSameAs(a);
        assertThat(b.facts(0)).isSameAs(c);
    }
}
