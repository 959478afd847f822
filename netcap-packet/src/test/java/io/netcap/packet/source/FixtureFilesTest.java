package io.netcap.packet.source;

import static io.netcap.packet.source.CaptureBytes.data;
import static java.nio.ByteOrder.BIG_ENDIAN;
import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.packet.Packet;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The repository's own small captures (also the fuzz seeds): hand-built ones must equal what
 * {@link CaptureBytes} builds (run with {@code -Dnetcap.writeFixtures=<test resources dir>} to
 * rewrite them), and the three small corpus captures kept here read as TShark 4.0 read them.
 */
class FixtureFilesTest {
    private static final String PCAP_SEEDS = "PcapReaderFuzzTestInputs/readAnything/";
    private static final String PCAPNG_SEEDS = "PcapngReaderFuzzTestInputs/readAnything/";

    static Map<String, byte[]> handBuilt() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        byte[] be = CaptureBytes.pcap(BIG_ENDIAN, PcapReader.MAGIC_MICROS, 65535, LinkType.ETHERNET)
                .record(1_700_000_000, 123_456, 4, 60, data(4, 0xde)).record(1_700_000_001, 999_999, 0, 0, new byte[0])
                .bytes();
        m.put(PCAP_SEEDS + "hand-big-endian-us.pcap", be);
        m.put(PCAP_SEEDS + "hand-nanosecond.pcap", CaptureBytes.pcap(LITTLE_ENDIAN, PcapReader.MAGIC_NANOS, 262144,
                LinkType.RAW).record(1_600_000_000, 987_654_321, 20, 20, data(20, 0x45)).bytes());
        m.put(PCAP_SEEDS + "hand-truncated-file-header.pcap", Arrays.copyOf(be, 10));
        m.put(PCAP_SEEDS + "hand-truncated-record.pcap", Arrays.copyOf(be, be.length - 12));
        m.put(PCAP_SEEDS + "hand-caplen-too-big.pcap", CaptureBytes.pcap(LITTLE_ENDIAN, PcapReader.MAGIC_MICROS, 65535, 1)
                .record(1, 0, 2, 2, data(2, 0)).record(2, 0, 2, 2, data(2, 0)).record(3, 0, 2, 2, data(2, 0))
                .record(4, 0, 300_000, 300_000, data(8, 0)).bytes());
        m.put(PCAP_SEEDS + "hand-modified-magic.pcap", CaptureBytes.pcap(LITTLE_ENDIAN, PcapReader.MAGIC_KUZNETSOV, 65535, 1)
                .record(1, 0, 4, 4, new byte[8]).raw(data(4, 1)).bytes());
        byte[] two = CaptureReadersTest.twoSectionPcapng().bytes();
        m.put(PCAPNG_SEEDS + "hand-two-sections.pcapng", two);
        m.put(PCAPNG_SEEDS + "hand-cut-short.pcapng", Arrays.copyOf(two, two.length - 30));
        CaptureBytes junk = CaptureBytes.pcapng().shb(LITTLE_ENDIAN);
        junk.idb(1, 0).epb(0, 1, 2, 2, data(2, 0)).raw("this is not a block at all, just junk!!!".getBytes())
                .shb(BIG_ENDIAN).idb(LinkType.RAW, 0).epb(0, 9, 1, 1, data(1, 0));
        m.put(PCAPNG_SEEDS + "hand-junk-in-middle.pcapng", junk.bytes());
        return m;
    }

    @Test
    void handBuiltFixturesAreUpToDate() throws IOException {
        String target = System.getProperty("netcap.writeFixtures");
        for (Map.Entry<String, byte[]> e : handBuilt().entrySet()) {
            if (target != null) {
                Path f = Path.of(target, "io/netcap/packet/source", e.getKey());
                Files.createDirectories(f.getParent());
                Files.write(f, e.getValue());
                continue;
            }
            assertThat(resource(e.getKey())).as("%s (rewrite with -Dnetcap.writeFixtures)", e.getKey())
                    .isEqualTo(e.getValue());
        }
    }

    @Test
    void tcpdumpNanosecondHandshakeAsTshark() throws IOException {
        // tcpdump tests/tcp-handshake-nano.pcap (BSD-3-Clause); TShark 4.0: time_epoch, len, cap_len
        try (PacketSource s = PacketSources.open(resource(PCAP_SEEDS + "tcpdump__tcp-handshake-nano.pcap"), "nano")) {
            List<Packet> ps = CaptureReadersTest.readAll(s);
            assertThat(ps).extracting(Packet::timestampNanos)
                    .containsExactly(1418145369_924505488L, 1418145370_052027262L, 1418145370_052115157L);
            assertThat(ps).extracting(Packet::wireLength).containsExactly(76, 76, 68);
            assertThat(ps).extracting(Packet::capturedLength).containsExactly(76, 76, 68);
            assertThat(ps).extracting(Packet::linkType).containsOnly(LinkType.LINUX_SLL);
            assertThat(s.defects()).isEmpty();
        }
    }

    @Test
    void suricataFuzzCaptureAsTshark() throws IOException {
        // suricata-verify tests/bug-6875-01/fuzz.pcap (MIT). TShark 4.0 picks the 24-byte record
        // header of the 1999 "modified" libpcap, reads 2 frames, then fails on a 16711424-byte packet.
        try (PacketSource s = PacketSources.open(resource(PCAP_SEEDS + "suricata-verify__bug-6875-01_fuzz.pcap"), "f")) {
            List<Packet> ps = CaptureReadersTest.readAll(s);
            assertThat(ps).hasSize(2);
            assertThat(ps.get(0).timestampNanos()).isEqualTo(1508525002_992213000L);
            assertThat(ps.get(0).capturedLength()).isEqualTo(188);
            // printed by TShark as -1409179648.083690296: 1409179648 s and -83690296 ns
            assertThat(ps.get(1).timestampNanos()).isEqualTo(1409179648_000000000L - 83_690_296L);
            assertThat(ps.get(1).capturedLength()).isEqualTo(1);
            assertThat(ps.get(1).wireLength()).isEqualTo(1_048_576);
            assertThat(s.defects()).singleElement().satisfies(d -> assertThat(d.message()).contains("16711424"));
        }
    }

    @Test
    void gopacketBigEndianPcapngWithSimplePacketsAsTshark() throws IOException {
        // gopacket pcapgo/tests/be/test100.pcapng (BSD-3-Clause); SPBs have no time (TShark prints none)
        try (PacketSource s = PacketSources.open(resource(PCAPNG_SEEDS + "gopacket__test100.pcapng"), "t100")) {
            List<Packet> ps = CaptureReadersTest.readAll(s);
            assertThat(ps).extracting(Packet::timestampNanos).containsExactly(0L, 1340954905_298858000L, 0L,
                    1340954905_300858000L, 1340954905_301858000L);
            assertThat(ps).extracting(Packet::wireLength).containsExactly(314, 342, 314, 342, 168);
            assertThat(ps).extracting(Packet::capturedLength).containsExactly(314, 342, 314, 342, 168);
            assertThat(s.defects()).isEmpty();
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = FixtureFilesTest.class.getResourceAsStream(name)) {
            return in == null ? new byte[0] : in.readAllBytes();
        }
    }
}
