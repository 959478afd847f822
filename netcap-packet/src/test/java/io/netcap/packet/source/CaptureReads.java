package io.netcap.packet.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.packet.Packet;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads arbitrary bytes with a reader and checks the invariants every reading must keep. */
final class CaptureReads {
    private CaptureReads() {}

    /** Reads everything; returns a summary of each packet and defect for comparison. */
    static List<String> summary(byte[] data, int capacity, boolean pcap) throws IOException {
        List<String> out = new ArrayList<>();
        CaptureInput input = new CaptureInput(new ByteArrayInputStream(data), capacity);
        try (PacketSource s = pcap ? new PcapReader(input, "fuzz.pcap") : new PcapngReader(input, "fuzz.pcapng")) {
            Packet p;
            long n = 0;
            while ((p = s.next()) != null) {
                n++;
                assertThat(p.capturedLength()).isBetween(0, PcapReader.MAX_CAPTURED_LENGTH);
                assertThat(p.offset() + p.capturedLength()).isLessThanOrEqualTo(p.buffer().length);
                out.add(p.timestampNanos() + "/" + p.capturedLength() + "/" + p.wireLength() + "/" + p.linkType()
                        + "/" + p.interfaceId() + "/" + java.util.Arrays.hashCode(p.bytes()));
            }
            assertThat(s.next()).isNull();
            assertThat(s.packetsRead()).isEqualTo(n);
            for (Defect d : s.defects()) {
                assertThat(d.fileOffset()).isBetween(0L, (long) data.length);
                assertThat(d.message()).isNotBlank();
                out.add(d.toString());
            }
            assertThat(s.description()).isNotBlank();
        }
        return out;
    }
}
