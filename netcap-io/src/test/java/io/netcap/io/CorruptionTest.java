package io.netcap.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netcap.types.Header;
import io.netcap.types.TCP;
import io.netcap.types.Type;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damage other than a cut end: thrown as CorruptRecordException naming file and offset. */
class CorruptionTest {
    /** Header (30 bytes framed) and one TCP record (50 bytes framed) of the worked example. */
    private static final byte[] EXAMPLE = WorkedExampleTest.TCP_NCAP;
    private static final int SECOND_RECORD = 0x1e;
    private static final int END = 0x50;

    private static RecordReader open(byte[] data) throws Exception {
        return RecordReader.open(new ByteArrayInputStream(data), "x.ncap");
    }

    private static void assertCorruptAt(byte[] data, long offset, String detail) throws Exception {
        try (var r = open(data)) {
            assertThat(r.next()).isEqualTo(WorkedExampleTest.exampleRecord());
            assertThatThrownBy(r::next)
                    .isInstanceOfSatisfying(CorruptRecordException.class, e -> {
                        assertThat(e.offset()).isEqualTo(offset);
                        assertThat(e.file()).isEqualTo("x.ncap");
                        assertThat(e.getMessage()).startsWith("x.ncap: corrupt record at offset " + offset + ": ")
                                .contains(detail);
                    });
            // no resynchronisation: the reader stays failed
            assertThatThrownBy(r::next).isInstanceOf(CorruptRecordException.class);
        }
    }

    @Test
    void varintLongerThanTenBytes() throws Exception {
        byte[] bad = Bytes.concat(EXAMPLE, Bytes.hex("ff ff ff ff ff ff ff ff ff ff 01"));
        assertCorruptAt(bad, END, "malformed length varint");
    }

    @Test
    void tenthVarintByteAboveOne() throws Exception {
        byte[] bad = Bytes.concat(EXAMPLE, Bytes.hex("80 80 80 80 80 80 80 80 80 02"));
        assertCorruptAt(bad, END, "malformed length varint");
    }

    @Test
    void lengthAboveSanityBound() throws Exception {
        byte[] bad = Bytes.concat(EXAMPLE, Bytes.varint(64L * 1024 * 1024 + 1), new byte[16]);
        assertCorruptAt(bad, END, "record length 67108865 exceeds the sanity bound");
    }

    @Test
    void lengthAtSanityBoundButCutIsTruncation() throws Exception {
        byte[] data = Bytes.concat(EXAMPLE, Bytes.varint(64L * 1024 * 1024), new byte[16]);
        try (var r = open(data)) {
            assertThat(r.next()).isNotNull();
            assertThat(r.next()).isNull();
            assertThat(r.truncation()).contains(new Truncation(END, Truncation.Reason.RECORD_CUT, false));
        }
    }

    @Test
    void hugeUnsignedLength() throws Exception {
        byte[] bad = Bytes.concat(EXAMPLE, Bytes.varint(-1L));
        assertCorruptAt(bad, END, "record length 18446744073709551615 exceeds");
    }

    @Test
    void recordThatDoesNotParse() throws Exception {
        // field 1 with wire type 7, which does not exist
        byte[] bad = Bytes.concat(EXAMPLE, Bytes.frame(Bytes.hex("0f 01")));
        assertCorruptAt(bad, END, "invalid TCP record of 2 bytes");
    }

    @Test
    void recordWithPayloadLengthBeyondRecord() throws Exception {
        // field 23 (Payload, bytes) claims 100 bytes inside a 4-byte record
        byte[] bad = Bytes.concat(EXAMPLE, Bytes.frame(Bytes.hex("ba 01 64 00")));
        assertCorruptAt(bad, END, "invalid TCP record");
    }

    @Test
    void recordEndingInStrayEndGroupTag() throws Exception {
        // field 1 = 1, then an END_GROUP tag for field 2 at top level
        byte[] bad = Bytes.concat(EXAMPLE, Bytes.frame(Bytes.hex("08 01 14")));
        assertCorruptAt(bad, END, "invalid TCP record");
    }

    @Test
    void secondRecordCorruptAfterHeader() throws Exception {
        byte[] bad = Bytes.concat(java.util.Arrays.copyOf(EXAMPLE, SECOND_RECORD), Bytes.frame(Bytes.hex("0f")));
        try (var r = open(bad)) {
            assertThatThrownBy(r::next).isInstanceOfSatisfying(CorruptRecordException.class,
                    e -> assertThat(e.offset()).isEqualTo(SECOND_RECORD));
        }
    }

    @Test
    void headerThatIsATcpRecord() {
        // a TCP record parses as Header: Timestamp becomes Created, DstPort (field 3) becomes Type
        byte[] bad = Bytes.frame(WorkedExampleTest.exampleRecord().toByteArray());
        assertThatThrownBy(() -> open(bad)).isInstanceOfSatisfying(CorruptRecordException.class, e -> {
            assertThat(e.offset()).isZero();
            assertThat(e.getMessage()).isEqualTo("x.ncap: corrupt record at offset 0: invalid netcap header: unknown record type 51000");
        });
    }

    @Test
    void headerWithUnknownTypeNumber() {
        byte[] bad = Bytes.frame(Bytes.hex("18 e7 07")); // Type = 999
        assertThatThrownBy(() -> open(bad)).isInstanceOfSatisfying(CorruptRecordException.class,
                e -> assertThat(e.getMessage()).endsWith("unknown record type 999"));
    }

    @Test
    void headerNamingANonRecordType() {
        byte[] bad = Bytes.frame(Header.newBuilder().setType(Type.NC_Batch).build().toByteArray());
        assertThatThrownBy(() -> open(bad)).isInstanceOfSatisfying(CorruptRecordException.class,
                e -> assertThat(e.getMessage()).endsWith("unknown record type 1"));
    }

    @Test
    void headerThatDoesNotParse() {
        byte[] bad = Bytes.frame(Bytes.hex("0a 05 41")); // InputSource claims 5 bytes, has 1
        assertThatThrownBy(() -> open(bad)).isInstanceOfSatisfying(CorruptRecordException.class, e -> {
            assertThat(e.offset()).isZero();
            assertThat(e.getMessage()).startsWith("x.ncap: corrupt record at offset 0: invalid netcap header: ");
        });
    }

    @Test
    void emptyFileHasNoHeader(@TempDir Path dir) throws Exception {
        Path empty = Files.createFile(dir.resolve("TCP.ncap.gz"));
        assertThatThrownBy(() -> RecordReader.open(empty)).isInstanceOfSatisfying(CorruptRecordException.class,
                e -> assertThat(e.getMessage()).isEqualTo(empty + ": corrupt record at offset 0: "
                        + "invalid netcap header: file ends before the header record is complete"));
    }

    @Test
    void corruptDeflateDataNamesTheDecompressedOffset() throws Exception {
        byte[] gz = Bytes.gzip(Bytes.concat(EXAMPLE, EXAMPLE, EXAMPLE));
        // gzip header (10) + a stored/huffman block: overwrite the block-type bits with the reserved type 3
        byte[] bad = gz.clone();
        bad[10] = (byte) 0x07; // BFINAL=1, BTYPE=11 (reserved)
        assertThatThrownBy(() -> {
            try (var r = open(bad)) {
                while (r.next() != null) { }
            }
        }).isInstanceOfSatisfying(CorruptRecordException.class, e -> {
            assertThat(e.offset()).isZero();
            assertThat(e.getMessage()).contains("corrupt gzip data");
        });
    }

    @Test
    void unknownFieldsAreDropped() throws Exception {
        // field 99 (varint) is not part of TCP; field 2 = 443 is
        byte[] record = Bytes.hex("98 06 2a 10 bb 03");
        byte[] data = Bytes.concat(java.util.Arrays.copyOf(EXAMPLE, SECOND_RECORD), Bytes.frame(record));
        try (var r = open(data)) {
            TCP tcp = (TCP) r.next();
            assertThat(tcp.getSrcPort()).isEqualTo(443);
            assertThat(tcp.getUnknownFields().asMap()).isEmpty();
            assertThat(tcp.toByteArray()).isEqualTo(Bytes.hex("10 bb 03"));
        }
    }

    @Test
    void unpackedRepeatedIntsAreAccepted() throws Exception {
        // TLSClientHello.CipherSuites (15) written unpacked: two varint entries
        byte[] header = Bytes.frame(Header.newBuilder().setType(Type.NC_TLSClientHello).build().toByteArray());
        byte[] data = Bytes.concat(header, Bytes.frame(Bytes.hex("78 ab 02 78 2f")));
        try (var r = open(data)) {
            var hello = (io.netcap.types.TLSClientHello) r.next();
            assertThat(hello.getCipherSuitesList()).containsExactly(0x12b, 0x2f);
        }
    }

    @Test
    void paddedLengthVarintIsAccepted() throws Exception {
        // protobuf decoders accept non-minimal varints: 83 80 00 is 3 written in three bytes
        byte[] data = Bytes.concat(EXAMPLE, Bytes.hex("83 80 00 10 bb 03"), Bytes.hex("80 00"));
        try (var r = open(data)) {
            assertThat(r.next()).isEqualTo(WorkedExampleTest.exampleRecord());
            assertThat(((TCP) r.next()).getSrcPort()).isEqualTo(443);
            assertThat(r.offset()).isEqualTo(END + 6);
            assertThat(r.next()).isEqualTo(TCP.getDefaultInstance());
            assertThat(r.next()).isNull();
            assertThat(r.offset()).isEqualTo(END + 8);
            assertThat(r.truncation()).isEmpty();
        }
    }
}
