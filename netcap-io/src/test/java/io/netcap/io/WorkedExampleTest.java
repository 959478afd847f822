package io.netcap.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.types.Header;
import io.netcap.types.RecordType;
import io.netcap.types.TCP;
import io.netcap.types.Type;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worked example of docs/container.md, "Worked example": an 80-byte uncompressed TCP.ncap. */
class WorkedExampleTest {
    /** Copied from the hex table in docs/container.md, "Worked example", offsets 00 to 4f. */
    static final byte[] TCP_NCAP = Bytes.hex("""
            1d
            08 95 9a ef ff dd f0 95 9a 16
            12 06 61 2e 70 63 61 70
            18 26
            22 07 76 30 2e 36 2e 31 31
            31
            08 80 94 ef ff dd f0 95 9a 16
            10 bb 03
            18 b8 8e 03
            20 01
            30 05
            58 01
            80 01 f6 03
            c2 01 08 31 30 2e 30 2e 30 2e 31
            ca 01 08 31 30 2e 30 2e 30 2e 32
            """);

    static final long CREATED = 1600000000123456789L;

    static TCP exampleRecord() {
        return TCP.newBuilder()
                .setTimestamp(1600000000123456000L)
                .setSrcPort(443)
                .setDstPort(51000)
                .setSeqNum(1)
                .setDataOffset(5)
                .setACK(true)
                .setWindow(502)
                .setSrcIP("10.0.0.1")
                .setDstIP("10.0.0.2")
                .build();
    }

    static WriterOptions exampleOptions() {
        return new WriterOptions(false, 1, "a.pcap", "v0.6.11", false, CREATED, true);
    }

    @Test
    void specificationBytesAre80Long() {
        assertThat(TCP_NCAP).hasSize(0x50);
    }

    @Test
    void writerProducesTheExampleByteForByte(@TempDir Path dir) throws Exception {
        Path file;
        try (var w = RecordWriter.create(dir, RecordType.TCP, exampleOptions())) {
            w.write(exampleRecord());
            file = w.path();
            assertThat(w.count()).isEqualTo(1);
        }
        assertThat(file.getFileName()).hasToString("TCP.ncap");
        assertThat(Files.readAllBytes(file)).isEqualTo(TCP_NCAP);
    }

    @Test
    void writeSerializedProducesTheSameBytes(@TempDir Path dir) throws Exception {
        byte[] payload = exampleRecord().toByteArray();
        byte[] padded = Bytes.concat(new byte[] {9, 9, 9}, payload, new byte[] {7});
        try (var w = RecordWriter.create(dir, RecordType.TCP, exampleOptions())) {
            w.writeSerialized(padded, 3, payload.length);
        }
        assertThat(Files.readAllBytes(dir.resolve("TCP.ncap"))).isEqualTo(TCP_NCAP);
    }

    @Test
    void readerReadsTheExample() throws Exception {
        try (var r = RecordReader.open(new ByteArrayInputStream(TCP_NCAP), "TCP.ncap")) {
            Header h = r.header();
            assertThat(h.getCreated()).isEqualTo(CREATED);
            assertThat(h.getInputSource()).isEqualTo("a.pcap");
            assertThat(h.getType()).isEqualTo(Type.NC_TCP);
            assertThat(h.getVersion()).isEqualTo("v0.6.11");
            assertThat(h.getContainsPayloads()).isFalse();
            assertThat(r.type()).isEqualTo(RecordType.TCP);
            assertThat(r.compressed()).isFalse();
            assertThat(r.offset()).isEqualTo(0x1e);

            TCP tcp = (TCP) r.next();
            assertThat(tcp.getTimestamp()).isEqualTo(1600000000123456000L);
            assertThat(tcp.getSrcPort()).isEqualTo(443);
            assertThat(tcp.getDstPort()).isEqualTo(51000);
            assertThat(tcp.getSeqNum()).isEqualTo(1);
            assertThat(tcp.getAckNum()).isZero();
            assertThat(tcp.getDataOffset()).isEqualTo(5);
            assertThat(tcp.getACK()).isTrue();
            assertThat(tcp.getSYN()).isFalse();
            assertThat(tcp.getWindow()).isEqualTo(502);
            assertThat(tcp.getSrcIP()).isEqualTo("10.0.0.1");
            assertThat(tcp.getDstIP()).isEqualTo("10.0.0.2");
            assertThat(r.offset()).isEqualTo(0x50);

            assertThat(r.next()).isNull();
            assertThat(r.truncation()).isEmpty();
            assertThat(r.recordsRead()).isEqualTo(1);
        }
    }

    @Test
    void gzipFileDecompressesToTheExample(@TempDir Path dir) throws Exception {
        try (var w = RecordWriter.create(dir, RecordType.TCP, exampleOptions().withCompress(true))) {
            w.write(exampleRecord());
        }
        Path file = dir.resolve("TCP.ncap.gz");
        byte[] raw = Files.readAllBytes(file);
        assertThat(raw[0] & 0xff).isEqualTo(0x1f);
        assertThat(raw[1] & 0xff).isEqualTo(0x8b);
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(file))) {
            assertThat(in.readAllBytes()).isEqualTo(TCP_NCAP);
        }
        try (var r = RecordReader.open(file)) {
            assertThat(r.compressed()).isTrue();
            assertThat(r.next()).isEqualTo(exampleRecord());
            assertThat(r.next()).isNull();
            assertThat(r.truncation()).isEmpty();
        }
    }

    @Test
    void gzipIsDetectedByMagicNotByName(@TempDir Path dir) throws Exception {
        Path misnamed = dir.resolve("TCP.ncap");
        Files.write(misnamed, Bytes.gzip(TCP_NCAP));
        Path plainGz = dir.resolve("TCP.ncap.gz");
        Files.write(plainGz, TCP_NCAP);
        for (Path p : new Path[] {misnamed, plainGz}) {
            try (var r = RecordReader.open(p)) {
                assertThat(r.next()).isEqualTo(exampleRecord());
                assertThat(r.next()).isNull();
            }
        }
    }
}
