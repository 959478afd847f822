package io.netcap.packet.source;

import static io.netcap.packet.source.CaptureBytes.data;
import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.packet.Packet;
import io.netcap.testing.Tshark;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapngWriterTest {
    @TempDir
    Path dir;

    /** The blocks as the reader tests build them: SHB, IDB without options, EPBs with padded data. */
    @Test
    void writesTheLayoutOfPcapng() throws IOException {
        Path file = dir.resolve("w.pcapng");
        try (PcapngWriter w = PcapngWriter.create(file, LinkType.ETHERNET, 8)) {
            w.write(Packet.of(1_700_000_000_123_456_789L, 60, LinkType.ETHERNET, data(5, 1)));
            w.write(Packet.of(2_000_000L, 12, LinkType.ETHERNET, data(12, 2))); // cut to the snaplen
        }
        byte[] expected = CaptureBytes.pcapng().shb(ByteOrder.LITTLE_ENDIAN).idb(LinkType.ETHERNET, 8)
                .epb(0, 1_700_000_000_123_456L, 5, 60, data(5, 1))
                .epb(0, 2_000L, 8, 12, Arrays.copyOf(data(12, 2), 8)).bytes();
        assertThat(Files.readAllBytes(file)).isEqualTo(expected);
        try (PacketSource s = PacketSources.open(file)) {
            List<Packet> ps = CaptureReadersTest.readAll(s);
            assertThat(ps).hasSize(2);
            assertThat(ps.get(0).timestampNanos()).isEqualTo(1_700_000_000_123_456_000L);
            assertThat(ps.get(0).bytes()).isEqualTo(data(5, 1));
            assertThat(ps.get(1).capturedLength()).isEqualTo(8);
            assertThat(ps.get(1).wireLength()).isEqualTo(12);
        }
    }

    /** TShark reads it as the same frames. */
    @Test
    void tsharkReadsIt() throws IOException {
        Tshark.require();
        Path file = dir.resolve("t.pcapng");
        try (PcapngWriter w = PcapngWriter.create(file, LinkType.ETHERNET, 65535)) {
            w.write(Packet.of(1_700_000_000_000_001_000L, 61, LinkType.ETHERNET, data(61, 3)));
            w.write(Packet.of(1_700_000_001_000_000_000L, 14, LinkType.ETHERNET, data(14, 4)));
        }
        List<String> frames = Tshark.run("-r", file.toString(), "-T", "fields", "-e", "frame.time_epoch",
                "-e", "frame.cap_len", "-e", "frame.len").lines().map(l -> {
                    String[] f = l.split("\t");
                    return new BigDecimal(f[0]).stripTrailingZeros().toPlainString() + " " + f[1] + " " + f[2];
                }).toList();
        assertThat(frames).containsExactly("1700000000.000001 61 61", "1700000001 14 14");
    }
}
