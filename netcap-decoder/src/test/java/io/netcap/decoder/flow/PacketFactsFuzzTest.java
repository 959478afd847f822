package io.netcap.decoder.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netcap.packet.Packet;

/**
 * Any bytes under any of the link types the flow decoders know: no exception, facts within bounds, and
 * the Connection and profile decoders accept whatever was extracted. Seeds: {@code PacketFactsFuzzTestInputs/parseAnything/} (first byte selects the link type).
 */
class PacketFactsFuzzTest {
    private static final int[] LINK_TYPES = {1, 101, 228, 229, 0, 113, 276, 147, 9, 10, 108, 127};

    @FuzzTest(maxDuration = "30s")
    void parseAnything(byte[] data) {
        if (data.length == 0) {
            return;
        }
        int link = LINK_TYPES[(data[0] & 0xff) % LINK_TYPES.length];
        byte[] frame = java.util.Arrays.copyOfRange(data, 1, data.length);
        PacketFacts f = Facts.of(new Packet(1, frame.length, frame.length, link, 0, frame, 0));
        assertThat(f.ipLength).isIn(0, 4, 16);
        assertThat(f.payloadLength).isBetween(0, frame.length);
        assertThat(f.srcPort).isBetween(0, 65535);
        ConnectionDecoder d = new ConnectionDecoder(c -> assertThat(c.getNumPackets()).isEqualTo(1), Long.MAX_VALUE,
                Long.MAX_VALUE, 1, 0);
        d.handle(f);
        d.flush();
        new ProfileDecoder().handle(f);
    }
}
