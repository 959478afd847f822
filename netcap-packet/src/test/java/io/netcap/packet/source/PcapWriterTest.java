package io.netcap.packet.source;

import static io.netcap.packet.source.CaptureBytes.data;
import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.packet.Packet;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapWriterTest {

    @Test
    void writesTheLayoutOfPcapSavefile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("w.pcap");
        try (PcapWriter w = PcapWriter.create(file, LinkType.ETHERNET, 1514)) {
            w.write(Packet.of(1_700_000_000_123_456_789L, 60, LinkType.ETHERNET, data(4, 1)));
        }
        byte[] expected = CaptureBytes.pcap(ByteOrder.LITTLE_ENDIAN, 0xa1b2c3d4, 1514, 1)
                .record(1_700_000_000, 123_456, 4, 60, data(4, 1)).bytes();
        assertThat(Files.readAllBytes(file)).isEqualTo(expected);
    }

    @Test
    void nanosecondBigEndianRoundTripAndSnaplenCut(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("n.pcap");
        try (PcapWriter w = PcapWriter.create(file, LinkType.RAW, 10, true, ByteOrder.BIG_ENDIAN)) {
            w.write(Packet.of(1_600_000_000_987_654_321L, 30, LinkType.RAW, data(30, 3)));
            w.write(Packet.of(5L, 2, LinkType.RAW, data(2, 9)));
            assertThat(w.count()).isEqualTo(2);
        }
        try (PacketSource s = PacketSources.open(file)) {
            List<Packet> ps = CaptureReadersTest.readAll(s);
            assertThat(((PcapReader) s).bigEndian()).isTrue();
            assertThat(((PcapReader) s).nanosecondResolution()).isTrue();
            assertThat(ps.get(0).timestampNanos()).isEqualTo(1_600_000_000_987_654_321L);
            assertThat(ps.get(0).capturedLength()).isEqualTo(10);
            assertThat(ps.get(0).wireLength()).isEqualTo(30);
            assertThat(ps.get(0).bytes()).isEqualTo(data(10, 3));
            assertThat(ps.get(1).timestampNanos()).isEqualTo(5L);
            assertThat(ps.get(1).linkType()).isEqualTo(LinkType.RAW);
        }
    }
}
