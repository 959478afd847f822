package io.netcap.packet.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netcap.packet.Packet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BPF filters on file input, compiled by libpcap (skipped with a message when it is missing). */
class FilteredSourceTest {

    @BeforeEach
    void requireLibpcap() {
        if (!LiveCapture.libpcapAvailable()) {
            System.err.println("SKIPPED: libpcap not installed; BPF file filtering not tested");
        }
        assumeTrue(LiveCapture.libpcapAvailable(), "libpcap not installed");
    }

    /** Ethernet / IPv4 (no options) / UDP from port 1000+i to {@code dstPort}. */
    static byte[] udpFrame(int dstPort, int i) {
        ByteBuffer b = ByteBuffer.allocate(14 + 20 + 8 + 4).order(ByteOrder.BIG_ENDIAN);
        b.put(new byte[] {2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2}).putShort((short) 0x0800);
        b.put((byte) 0x45).put((byte) 0).putShort((short) 32).putShort((short) i).putShort((short) 0)
                .put((byte) 64).put((byte) 17).putShort((short) 0)
                .put(new byte[] {10, 0, 0, 1}).put(new byte[] {10, 0, 0, 2});
        b.putShort((short) (1000 + i)).putShort((short) dstPort).putShort((short) 12).putShort((short) 0);
        b.putInt(i);
        return b.array();
    }

    @Test
    void filtersPcapFileThroughLibpcapsCompiler(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("udp.pcap");
        try (PcapWriter w = PcapWriter.create(file, LinkType.ETHERNET, 65535)) {
            for (int i = 0; i < 10; i++) {
                byte[] f = udpFrame(i % 2 == 0 ? 53 : 123, i);
                w.write(Packet.of(i * 1_000_000L, f.length, LinkType.ETHERNET, f));
            }
        }
        try (PacketSource s = PacketSources.open(file, "udp dst port 53")) {
            List<Packet> ps = CaptureReadersTest.readAll(s);
            assertThat(ps).extracting(Packet::timestampNanos).containsExactly(0L, 2_000_000L, 4_000_000L, 6_000_000L,
                    8_000_000L);
            assertThat(s.packetsRead()).isEqualTo(5);
            assertThat(s.description()).contains("udp dst port 53");
        }
        try (PacketSource s = PacketSources.open(file, "tcp")) {
            assertThat(s.next()).isNull();
        }
        try (PacketSource s = PacketSources.open(file, "")) {
            assertThat(CaptureReadersTest.readAll(s)).hasSize(10);
        }
    }

    @Test
    void filterCompiledPerLinkTypeOfAPcapng() throws IOException {
        // Interface 0 Ethernet, interface 1 raw IP: the same filter must match on both.
        CaptureBytes b = CaptureBytes.pcapng().shb(ByteOrder.LITTLE_ENDIAN);
        byte[] eth53 = udpFrame(53, 1);
        byte[] eth99 = udpFrame(99, 2);
        byte[] raw53 = java.util.Arrays.copyOfRange(udpFrame(53, 3), 14, eth53.length);
        b.idb(LinkType.ETHERNET, 0).idb(LinkType.RAW, 0)
                .epb(0, 1, eth53.length, eth53.length, eth53)
                .epb(0, 2, eth99.length, eth99.length, eth99)
                .epb(1, 3, raw53.length, raw53.length, raw53);
        Path file = Files.createTempFile("mixed", ".pcapng");
        try {
            Files.write(file, b.bytes());
            try (PacketSource s = PacketSources.open(file, "udp port 53")) {
                List<Packet> ps = CaptureReadersTest.readAll(s);
                assertThat(ps).extracting(Packet::timestampNanos).containsExactly(1_000L, 3_000L);
                assertThat(ps).extracting(Packet::linkType).containsExactly(LinkType.ETHERNET, LinkType.RAW);
            }
        } finally {
            Files.delete(file);
        }
    }

    /**
     * A filter that parses for no link type fails at open for a pcapng file too, as for a pcap file; one that
     * compiles for Ethernet but not for a link type met later stays a defect of that link type's packets.
     */
    @Test
    void aSyntaxErrorFailsAtOpenForPcapngToo(@TempDir Path dir) throws IOException {
        byte[] eth53 = udpFrame(53, 1);
        CaptureBytes b = CaptureBytes.pcapng().shb(ByteOrder.LITTLE_ENDIAN).idb(LinkType.ETHERNET, 0)
                .epb(0, 1, eth53.length, eth53.length, eth53);
        Path file = Files.write(dir.resolve("e.pcapng"), b.bytes());
        assertThatThrownBy(() -> PacketSources.open(file, "nonsense foo"))
                .isInstanceOf(IOException.class).hasMessageContaining("does not compile").hasMessageContaining("syntax error");
        assertThat(PacketSources.filterSyntaxError("nonsense foo")).contains("syntax error");
        assertThat(PacketSources.filterSyntaxError("udp port 53")).isNull();
        assertThat(PacketSources.filterSyntaxError("")).isNull();
        // "ether host" parses, but does not compile for raw IP: not a syntax error
        assertThat(PacketSources.filterSyntaxError("ether host 00:11:22:33:44:55")).isNull();
        byte[] raw53 = java.util.Arrays.copyOfRange(udpFrame(53, 3), 14, eth53.length);
        CaptureBytes mixed = CaptureBytes.pcapng().shb(ByteOrder.LITTLE_ENDIAN).idb(LinkType.ETHERNET, 0)
                .idb(LinkType.RAW, 0).epb(0, 1, eth53.length, eth53.length, eth53).epb(1, 3, raw53.length, raw53.length, raw53);
        Path both = Files.write(dir.resolve("m.pcapng"), mixed.bytes());
        try (PacketSource s = PacketSources.open(both, "ether src host 00:00:00:00:00:00 or udp")) {
            CaptureReadersTest.readAll(s);
            assertThat(s.defects()).extracting(Defect::message).singleElement().asString()
                    .contains("does not compile for link type");
        }
    }

    @Test
    void badFilterIsAClearError(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("e.pcap");
        try (PcapWriter w = PcapWriter.create(file, LinkType.ETHERNET, 65535)) {
            w.write(Packet.of(0, 4, 1, new byte[4]));
        }
        assertThatThrownBy(() -> PacketSources.open(file, "port port"))
                .isInstanceOf(IOException.class).hasMessageContaining("does not compile");
    }
}
