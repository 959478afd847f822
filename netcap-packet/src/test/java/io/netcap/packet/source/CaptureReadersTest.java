package io.netcap.packet.source;

import static io.netcap.packet.source.CaptureBytes.data;
import static java.nio.ByteOrder.BIG_ENDIAN;
import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netcap.packet.Packet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hand-built captures with hand-computed expectations: formats, byte orders, resolutions, damage. */
class CaptureReadersTest {

    /** 2023-11-14T22:13:20Z */
    private static final int T0 = 1_700_000_000;

    static List<Packet> readAll(PacketSource s) throws IOException {
        List<Packet> out = new ArrayList<>();
        Packet p;
        while ((p = s.next()) != null) {
            out.add(p.copy());
        }
        assertThat(s.next()).isNull();
        return out;
    }

    static List<Packet> readAll(byte[] capture) throws IOException {
        try (PacketSource s = PacketSources.open(capture, "test")) {
            return readAll(s);
        }
    }

    @Test
    void bigEndianMicrosecondPcap() throws IOException {
        byte[] f = CaptureBytes.pcap(BIG_ENDIAN, PcapReader.MAGIC_MICROS, 65535, LinkType.ETHERNET)
                .record(T0, 123_456, 4, 60, new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef})
                .record(T0 + 1, 999_999, 0, 0, new byte[0])
                .bytes();
        assertThat(f[0]).isEqualTo((byte) 0xa1);
        try (PacketSource s = PacketSources.open(f, "be.pcap")) {
            assertThat(s).isInstanceOf(PcapReader.class);
            assertThat(((PcapReader) s).bigEndian()).isTrue();
            assertThat(((PcapReader) s).snaplen()).isEqualTo(65535);
            List<Packet> ps = readAll(s);
            assertThat(ps).hasSize(2);
            Packet p = ps.get(0);
            assertThat(p.timestampNanos()).isEqualTo(1_700_000_000_123_456_000L);
            assertThat(p.capturedLength()).isEqualTo(4);
            assertThat(p.wireLength()).isEqualTo(60);
            assertThat(p.linkType()).isEqualTo(1);
            assertThat(p.bytes()).containsExactly(0xde, 0xad, 0xbe, 0xef);
            assertThat(ps.get(1).timestampNanos()).isEqualTo(1_700_000_001_999_999_000L);
            assertThat(ps.get(1).capturedLength()).isZero();
            assertThat(s.defects()).isEmpty();
            assertThat(s.packetsRead()).isEqualTo(2);
        }
    }

    @Test
    void nanosecondPcapWithRawLinkType() throws IOException {
        byte[] f = CaptureBytes.pcap(LITTLE_ENDIAN, PcapReader.MAGIC_NANOS, 262144, LinkType.RAW)
                .record(1_600_000_000, 987_654_321, 20, 20, data(20, 0x45))
                .bytes();
        assertThat(f[0]).isEqualTo((byte) 0x4d);
        List<Packet> ps = readAll(f);
        assertThat(ps).hasSize(1);
        assertThat(ps.get(0).timestampNanos()).isEqualTo(1_600_000_000_987_654_321L);
        assertThat(ps.get(0).linkType()).isEqualTo(101);
        assertThat(ps.get(0).bytes()).isEqualTo(data(20, 0x45));
    }

    @Test
    void bigEndianNanosecondPcapAndFcsBitsInLinkType() throws IOException {
        // The link-type field's upper bits carry the FCS length (0x04000000 | 2<<28): masked off.
        int linkTypeWithFcs = 0x24000000 | LinkType.ETHERNET;
        byte[] f = CaptureBytes.pcap(BIG_ENDIAN, PcapReader.MAGIC_NANOS, 100, linkTypeWithFcs)
                .record(5, 7, 3, 3, data(3, 1)).bytes();
        List<Packet> ps = readAll(f);
        assertThat(ps.get(0).timestampNanos()).isEqualTo(5_000_000_007L);
        assertThat(ps.get(0).linkType()).isEqualTo(1);
    }

    @Test
    void modifiedMagicRecordsHaveLongerHeaders() throws IOException {
        // a1b2cd34: 16-byte standard header + ifindex(4) protocol(2) pkt_type(1) pad(1), then data
        byte[] f = CaptureBytes.pcap(LITTLE_ENDIAN, PcapReader.MAGIC_KUZNETSOV, 65535, 1)
                .record(1, 500_000, 4, 9, new byte[] {2, 0, 0, 0, 8, 0, 0, 0}).raw(data(4, 1))
                .record(2, 0, 1, 1, new byte[8]).raw(data(1, 7)).bytes();
        List<Packet> ps = readAll(f);
        assertThat(ps).hasSize(2);
        assertThat(ps.get(0).timestampNanos()).isEqualTo(1_500_000_000L);
        assertThat(ps.get(0).wireLength()).isEqualTo(9);
        assertThat(ps.get(0).bytes()).containsExactly(1, 2, 3, 4);
        assertThat(ps.get(1).bytes()).containsExactly(7);
    }

    @Test
    void formatVersionsBefore2Point3StoreTheWireLengthFirst() throws IOException {
        byte[] f = CaptureBytes.pcap(LITTLE_ENDIAN, PcapReader.MAGIC_MICROS, 65535, 1)
                .record(T0, 0, 60, 4, data(4, 1)).bytes();
        f[6] = 2; // version 2.2 (minor, little-endian)
        List<Packet> ps = readAll(f);
        assertThat(ps).singleElement().satisfies(p -> {
            assertThat(p.capturedLength()).isEqualTo(4);
            assertThat(p.wireLength()).isEqualTo(60);
        });
    }

    @Test
    void pcapCaplenAboveSnaplenIsToleratedAndCounted() throws IOException {
        byte[] f = CaptureBytes.pcap(LITTLE_ENDIAN, PcapReader.MAGIC_MICROS, 10, 1)
                .record(T0, 0, 10, 10, data(10, 0))
                .record(T0, 1, 11, 11, data(11, 0))
                .bytes();
        try (PacketSource s = PacketSources.open(f, "snap")) {
            assertThat(readAll(s)).hasSize(2);
            assertThat(((PcapReader) s).snaplenExceeded()).isEqualTo(1);
            assertThat(s.defects()).isEmpty();
        }
    }

    @Test
    void pcapCaplenAbove256KiBIsCorruptionAtItsOffset() throws IOException {
        // Three sound records first: Wireshark (and we) judge the record layout on the first three.
        CaptureBytes b = CaptureBytes.pcap(LITTLE_ENDIAN, PcapReader.MAGIC_MICROS, 65535, 1)
                .record(T0, 0, 2, 2, data(2, 0)).record(T0, 1, 2, 2, data(2, 0)).record(T0, 2, 2, 2, data(2, 0));
        int badOffset = b.size();
        byte[] f = b.record(T0, 0, 262_145, 262_145, data(8, 0)).bytes();
        try (PacketSource s = PacketSources.open(f, "big")) {
            assertThat(readAll(s)).hasSize(3);
            assertThat(s.defects()).singleElement().satisfies(d -> {
                assertThat(d.fileOffset()).isEqualTo(24 + 3 * (16 + 2)).isEqualTo(badOffset);
                assertThat(d.message()).contains("262145");
            });
        }
    }

    @Test
    void pcapTruncations() throws IOException {
        byte[] header = CaptureBytes.pcap(LITTLE_ENDIAN, PcapReader.MAGIC_MICROS, 65535, 1).bytes();
        // file header cut short
        try (PacketSource s = PacketSources.open(java.util.Arrays.copyOf(header, 10), "h")) {
            assertThat(readAll(s)).isEmpty();
            assertThat(s.defects()).singleElement().extracting(Defect::fileOffset).isEqualTo(0L);
        }
        // record header cut short
        byte[] f = CaptureBytes.pcap(LITTLE_ENDIAN, PcapReader.MAGIC_MICROS, 65535, 1)
                .record(T0, 0, 4, 4, data(4, 0)).raw(new byte[7]).bytes();
        try (PacketSource s = PacketSources.open(f, "r")) {
            assertThat(readAll(s)).hasSize(1);
            assertThat(s.defects()).singleElement().satisfies(d -> {
                assertThat(d.fileOffset()).isEqualTo(44);
                assertThat(d.message()).contains("record header");
            });
        }
        // record data cut short
        byte[] g = CaptureBytes.pcap(LITTLE_ENDIAN, PcapReader.MAGIC_MICROS, 65535, 1)
                .record(T0, 0, 4, 4, data(4, 0)).record(T0, 0, 100, 100, data(50, 0)).bytes();
        try (PacketSource s = PacketSources.open(g, "d")) {
            assertThat(readAll(s)).hasSize(1);
            assertThat(s.defects()).singleElement().satisfies(d -> {
                assertThat(d.fileOffset()).isEqualTo(44);
                assertThat(d.message()).contains("50 of 100");
            });
        }
        // a file of two bytes cannot be identified but is not an exception
        try (PacketSource s = PacketSources.open(new byte[] {(byte) 0xd4, (byte) 0xc3}, "tiny")) {
            assertThat(readAll(s)).isEmpty();
            assertThat(s.defects()).hasSize(1);
        }
    }

    @Test
    void unknownMagicIsRefusedWithTheBytesNamed() {
        assertThatThrownBy(() -> PacketSources.open("GIF89a....".getBytes(), "x.pcap"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("x.pcap").hasMessageContaining("47 49 46 38");
    }

    @Test
    void pcapngTwoSectionsOfDifferentByteOrders() throws IOException {
        byte[] f = twoSectionPcapng().bytes();
        try (PacketSource s = PacketSources.open(f, "two.pcapng")) {
            assertThat(s).isInstanceOf(PcapngReader.class);
            List<Packet> ps = readAll(s);
            assertThat(s.defects()).isEmpty();
            assertThat(((PcapngReader) s).sections()).isEqualTo(2);
            assertThat(ps).hasSize(5);

            // section 1 (little-endian), default resolution 10^-6
            Packet a = ps.get(0);
            assertThat(a.timestampNanos()).isEqualTo(1_500_000_000_000_001_000L);
            assertThat(a.capturedLength()).isEqualTo(5);
            assertThat(a.wireLength()).isEqualTo(64);
            assertThat(a.linkType()).isEqualTo(LinkType.ETHERNET);
            assertThat(a.bytes()).isEqualTo(data(5, 10));

            // section 2 (big-endian), interface 0: if_tsresol 2^-20, if_tsoffset 1000 s
            Packet b = ps.get(1);
            assertThat(b.timestampNanos()).isEqualTo(1_005_500_000_000L); // 5.5 s + 1000 s
            assertThat(b.linkType()).isEqualTo(LinkType.RAW);
            assertThat(b.interfaceId()).isZero();
            // 2^-20 s units: 1 unit = 953.67431640625 ns, floored on the exact value
            assertThat(ps.get(2).timestampNanos()).isEqualTo(1_000_000_000_000L + 953);

            // section 2, interface 1 via OPB: if_tsresol 10^-9
            Packet c = ps.get(3);
            assertThat(c.interfaceId()).isEqualTo(1);
            assertThat(c.linkType()).isEqualTo(LinkType.LINUX_SLL);
            assertThat(c.timestampNanos()).isEqualTo(1_700_000_000_123_456_789L);
            assertThat(c.capturedLength()).isEqualTo(3);
            assertThat(c.wireLength()).isEqualTo(3);

            // SPB: interface 0's snaplen (8) cuts the 20-byte frame; no timestamp
            Packet d = ps.get(4);
            assertThat(d.timestampNanos()).isZero();
            assertThat(d.capturedLength()).isEqualTo(8);
            assertThat(d.wireLength()).isEqualTo(20);
            assertThat(d.linkType()).isEqualTo(LinkType.RAW);
            assertThat(d.bytes()).isEqualTo(data(8, 99));
            assertThat(((PcapngReader) s).customBlocks()).isEqualTo(1);
        }
    }

    /** Section 1 LE: IDB ethernet, NRB, EPB, custom block; section 2 BE: two IDBs, EPBs, OPB, ISB, unknown, SPB. */
    static CaptureBytes twoSectionPcapng() {
        CaptureBytes b = CaptureBytes.pcapng().shb(LITTLE_ENDIAN);
        b.idb(LinkType.ETHERNET, 0)
                .block(PcapngReader.BT_NRB, new byte[] {0, 0, 0, 0})
                .epb(0, 1_500_000_000_000_001L, 5, 64, data(5, 10))
                .block(PcapngReader.BT_CB_COPY, new byte[] {0, 0, 0x7f, 0x7f, 1, 2, 3, 4});
        b.shb(BIG_ENDIAN);
        b.idb(LinkType.RAW, 8, b.option(9, b.u8(0x80 | 20)), b.option(14, b.i64(1000)))
                .idb(LinkType.LINUX_SLL, 0, b.option(9, b.u8(9)))
                .epb(0, (5L << 20) + (1L << 19), 4, 4, data(4, 0))
                .epb(0, 1, 1, 1, data(1, 0))
                .opb(1, 1_700_000_000_123_456_789L, 3, 3, data(3, 7))
                .block(PcapngReader.BT_ISB, new byte[12])
                .block(0x0000_0BEE, new byte[] {1, 2, 3, 4, 5, 6})
                .spb(20, data(8, 99));
        return b;
    }

    @Test
    void pcapngDecimalResolutionsAndNegativeOffset() throws IOException {
        CaptureBytes b = CaptureBytes.pcapng().shb(LITTLE_ENDIAN);
        b.idb(1, 0, b.option(9, b.u8(3)), b.option(14, b.i64(-10)))   // milliseconds, -10 s
                .idb(1, 0, b.option(9, b.u8(12)))                         // picoseconds
                .idb(1, 0, b.option(9, b.u8(0x80)))                       // 2^0: whole seconds
                .epb(0, 1_234_567, 1, 1, data(1, 0))
                .epb(1, 1_000_000_000_123_999L, 1, 1, data(1, 0))
                .epb(2, 42, 1, 1, data(1, 0));
        List<Packet> ps = readAll(b.bytes());
        assertThat(ps).extracting(Packet::timestampNanos)
                .containsExactly(1_234_567_000_000L - 10_000_000_000L, 1_000_000_000_123L, 42_000_000_000L);
        assertThat(ps).extracting(Packet::interfaceId).containsExactly(0, 1, 2);
    }

    @Test
    void pcapngDamageIsReportedAndResynchronised() throws IOException {
        CaptureBytes b = CaptureBytes.pcapng().shb(LITTLE_ENDIAN);
        b.idb(1, 0).epb(0, 1, 2, 2, data(2, 0));
        int badAt = b.size();
        // a block whose leading length is impossible (not a multiple of 4)
        b.raw(new byte[] {6, 0, 0, 0, 33, 0, 0, 0, 9, 9, 9, 9});
        b.epb(0, 2, 2, 2, data(2, 0));
        int mismatchAt = b.size();
        // trailing length that disagrees with the leading one
        byte[] broken = CaptureBytes.pcapng().shb(LITTLE_ENDIAN).epb(0, 3, 2, 2, data(2, 0)).bytes();
        byte[] epb = java.util.Arrays.copyOfRange(broken, 28, broken.length);
        epb[epb.length - 4] = 0x7f;
        b.raw(epb);
        b.epb(0, 4, 2, 2, data(2, 0));
        // EPB naming an interface that does not exist; EPB whose caplen exceeds its block
        int noIfaceAt = b.size();
        b.epb(5, 5, 2, 2, data(2, 0));
        int overrunAt = b.size();
        b.epb(0, 6, 200, 200, data(4, 0));
        b.epb(0, 7, 2, 2, data(2, 0));
        // cut short in the middle of a block
        int cutAt = b.size();
        byte[] last = CaptureBytes.pcapng().shb(LITTLE_ENDIAN).epb(0, 8, 40, 40, data(40, 0)).bytes();
        b.raw(java.util.Arrays.copyOfRange(last, 28, 28 + 30));

        try (PacketSource s = PacketSources.open(b.bytes(), "damaged.pcapng")) {
            List<Packet> ps = readAll(s);
            assertThat(ps).extracting(Packet::timestampNanos).containsExactly(1_000L, 2_000L, 4_000L, 7_000L);
            List<Long> offsets = s.defects().stream().map(Defect::fileOffset).toList();
            assertThat(offsets).contains((long) badAt, (long) mismatchAt, (long) noIfaceAt, (long) overrunAt,
                    (long) cutAt);
            assertThat(s.defects().getLast().message()).contains("cut short");
        }
    }

    @Test
    void pcapngWrongMagicInTheMiddleResynchronisesOnTheNextSection() throws IOException {
        CaptureBytes b = CaptureBytes.pcapng().shb(LITTLE_ENDIAN);
        b.idb(1, 0).epb(0, 1, 2, 2, data(2, 0));
        int junkAt = b.size();
        b.raw("this is not a block at all, just junk!!".getBytes()); // 39 bytes: misaligns the rest
        b.raw(new byte[] {0});
        b.shb(BIG_ENDIAN).idb(LinkType.RAW, 0).epb(0, 9, 1, 1, data(1, 0));
        try (PacketSource s = PacketSources.open(b.bytes(), "junk.pcapng")) {
            List<Packet> ps = readAll(s);
            assertThat(ps).as("%s", s.defects()).extracting(Packet::timestampNanos).containsExactly(1_000L, 9_000L);
            assertThat(ps.get(1).linkType()).isEqualTo(LinkType.RAW);
            assertThat(s.defects().getFirst().fileOffset()).isEqualTo(junkAt);
        }
    }

    @Test
    void pcapngBadByteOrderMagicAndTruncatedHeader() throws IOException {
        byte[] f = CaptureBytes.pcapng().shb(LITTLE_ENDIAN).bytes();
        f[8] = 0x00;
        try (PacketSource s = PacketSources.open(f, "bom")) {
            assertThat(readAll(s)).isEmpty();
            assertThat(s.defects().getFirst().fileOffset()).isEqualTo(8);
        }
        try (PacketSource s = PacketSources.open(java.util.Arrays.copyOf(f, 14), "short")) {
            assertThat(readAll(s)).isEmpty();
            assertThat(s.defects()).singleElement().extracting(Defect::fileOffset).isEqualTo(0L);
        }
    }

    @Test
    void gzipIsReadTransparentlyWhateverTheName(@TempDir Path dir) throws IOException {
        byte[] f = twoSectionPcapng().bytes();
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
            z.write(f);
        }
        Path file = dir.resolve("capture.txt");
        Files.write(file, gz.toByteArray());
        try (PacketSource s = PacketSources.open(file)) {
            assertThat(readAll(s)).hasSize(5);
            assertThat(s.description()).contains("capture.txt").contains("gzip").contains("pcapng");
        }
    }

    @Test
    void packetsSliceTheReadBufferUntilTheNextCall() throws IOException {
        CaptureBytes b = CaptureBytes.pcap(LITTLE_ENDIAN, PcapReader.MAGIC_MICROS, 65535, 1);
        for (int i = 0; i < 10; i++) {
            b.record(T0, i, 3, 3, data(3, i));
        }
        try (PacketSource s = PacketSources.open(b.bytes(), "alias")) {
            Packet first = s.next();
            Packet second = s.next();
            assertThat(second.buffer()).isSameAs(first.buffer());
            assertThat(second.offset()).isEqualTo(first.offset() + 3 + 16);
        }
    }

    @Test
    void largeCaptureCrossesBufferBoundaries(@TempDir Path dir) throws IOException {
        // Many times the read buffer, with records of odd sizes, so records straddle refills.
        Path file = dir.resolve("large.pcap");
        int n = 0;
        long bytes = 0;
        try (PcapWriter w = PcapWriter.create(file, LinkType.ETHERNET, 65535)) {
            while (bytes < 10 << 20) {
                int len = 1 + (n * 7919) % 9000;
                byte[] d = data(len, n);
                w.write(Packet.of(1_000_000L * n, len + 5, LinkType.ETHERNET, d));
                bytes += 16 + len;
                n++;
            }
        }
        assertThat(PacketSources.countPackets(file)).isEqualTo(n);
        try (PacketSource s = PacketSources.open(file)) {
            int i = 0;
            Packet p;
            while ((p = s.next()) != null) {
                int len = 1 + (i * 7919) % 9000;
                assertThat(p.capturedLength()).isEqualTo(len);
                assertThat(p.wireLength()).isEqualTo(len + 5);
                assertThat(p.timestampNanos()).isEqualTo(1_000_000L * i);
                assertThat(p.buffer()[p.offset()]).isEqualTo((byte) i);
                assertThat(p.buffer()[p.offset() + len - 1]).isEqualTo((byte) (i + len - 1));
                i++;
            }
            assertThat(i).isEqualTo(n);
            assertThat(s.defects()).isEmpty();
        }
    }
}
