package io.netcap.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Message;
import io.netcap.io.CorruptRecordException;
import io.netcap.io.RecordReader;
import io.netcap.types.Header;
import io.netcap.types.RecordType;
import io.netcap.types.format.JsonFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records encoded as protobuf allows but our writer never does: the columns hold what protobuf-java
 * reads from the same bytes (the reader's {@code next()}, shown by {@code dump -json}), read back by DuckDB.
 */
class WireEncodingTest {
    @TempDir
    Path dir;

    @Test
    void repeatedScalarsLastWinsUnknownFieldsDroppedAndBadUtf8Replaced() throws Exception {
        byte[] record = encode(out -> {
            out.writeInt64(1, 5);
            out.writeInt64(1, 1_700_000_000_000_000_000L); // the last Timestamp counts
            out.writeInt32(2, 80);
            out.writeUInt64(99, 7); // unknown fields of every wire type
            out.writeFixed32(98, 7);
            out.writeFixed64(97, 7);
            out.writeByteArray(96, new byte[] {1, 2});
            out.writeByteArray(20, option(2, 4, new byte[] {5, (byte) 0xb4}));
            out.writeDouble(21, 7.5);
            out.writeByteArray(20, option(3, 3, new byte[] {7})); // elements of a list may be apart
            out.writeByteArray(24, new byte[] {'1', (byte) 0xff, '0'}); // not UTF-8
            out.writeInt32(22, -3); // a ten-byte varint for an int32
        });
        byte[] wrongWireType = encode(out -> {
            out.writeInt32(3, 443);
            out.writeFixed32(2, 80); // SrcPort as fixed32: protobuf keeps it as an unknown field
        });
        assertSameAsProtobuf(RecordType.TCP, record, wrongWireType, new byte[0]);
    }

    @Test
    void packedAndUnpackedNumbersOfOneListAreOneList() throws Exception {
        byte[] record = encode(out -> {
            out.writeInt32(15, 0x1301); // CipherSuites unpacked
            ByteArrayOutputStream packed = new ByteArrayOutputStream();
            CodedOutputStream p = CodedOutputStream.newInstance(packed);
            p.writeInt32NoTag(0xc02b);
            p.writeInt32NoTag(-1);
            p.writeInt32NoTag(5);
            p.flush();
            out.writeByteArray(15, packed.toByteArray());
            out.writeInt32(15, 0x00ff);
            out.writeString(13, "example.org");
        });
        assertSameAsProtobuf(RecordType.TLSClientHello, record);
    }

    @Test
    void mapEntriesWithEqualKeysKeepTheLastValueAtTheFirstPlace() throws Exception {
        byte[] record = encode(out -> {
            out.writeByteArray(26, entry("Host", "a".getBytes()));
            out.writeByteArray(26, entry("Accept", "*/*".getBytes()));
            out.writeByteArray(26, entry("Host", "b".getBytes()));
            out.writeByteArray(27, entry("Server", new byte[] {'x', (byte) 0xc3})); // not UTF-8, in a map
            out.writeByteArray(28, new byte[0]); // an entry without key and value
        });
        assertSameAsProtobuf(RecordType.HTTP, record);
    }

    @Test
    void aRecordThatDoesNotParseFailsAsTheReaderFails() throws Exception {
        byte[] cut = encode(out -> {
            out.writeInt64(1, 5);
            out.writeTag(20, 2);
            out.writeUInt32NoTag(10); // a TCPOption of 10 bytes, but the record ends
            out.writeInt32NoTag(1);
        });
        Path file = file(RecordType.TCP, encode(out -> out.writeInt64(1, 1)), cut);
        String expected;
        try (RecordReader r = RecordReader.open(file)) {
            r.next();
            Throwable t = catchThrowable(r::next);
            assertThat(t).isInstanceOf(CorruptRecordException.class);
            expected = t.getMessage();
        }
        Path parquet = dir.resolve("TCP.parquet");
        try (RecordReader r = RecordReader.open(file);
                ParquetRecordWriter w = ParquetRecordWriter.create(parquet, RecordType.TCP.descriptor())) {
            assertThatThrownBy(() -> w.writeAll(r)).isInstanceOf(CorruptRecordException.class).hasMessage(expected);
        }
        assertThat(parquet).doesNotExist();
    }

    /** Batches of the reader thread come back for refilling: every one of them is written, in order. */
    @Test
    void recordsOfManyBatchesAreAllWritten() throws Exception {
        int n = 100_000;
        byte[][] records = new byte[n][];
        long sum = 0;
        for (int i = 0; i < n; i++) {
            int size = i % 1500;
            records[i] = encode(out -> {
                out.writeInt64(1, 1_700_000_000_000_000_000L + size);
                out.writeInt32(22, size);
            });
            sum += size;
        }
        Path file = file(RecordType.TCP, records);
        Path parquet = dir.resolve("TCP.parquet");
        for (int run = 0; run < 3; run++) {
            try (RecordReader r = RecordReader.open(file);
                    ParquetRecordWriter w = ParquetRecordWriter.create(parquet, RecordType.TCP.descriptor())) {
                assertThat(w.writeAll(r)).isEqualTo(n);
                w.commit();
            }
            assertThat(DuckDbProjection.countAndSum(parquet, "PayloadSize")).containsExactly(n, sum);
        }
    }

    /** Writes the records through {@code writeAll} and compares DuckDB's rows with protobuf's parse. */
    private void assertSameAsProtobuf(RecordType type, byte[]... records) throws Exception {
        Path file = file(type, records);
        List<String> json = new ArrayList<>();
        try (RecordReader r = RecordReader.open(file)) {
            for (Message m = r.next(); m != null; m = r.next()) {
                json.add(JsonFormat.dump().format(m));
            }
        }
        assertThat(json).hasSize(records.length);
        Path parquet = dir.resolve(type.fileName() + ".parquet");
        try (RecordReader r = RecordReader.open(file);
                ParquetRecordWriter w = ParquetRecordWriter.create(parquet, type.descriptor())) {
            assertThat(w.writeAll(r)).isEqualTo(records.length);
            w.commit();
        }
        DuckDbProjection.assertSameAsJson(parquet, type.descriptor(), json);
    }

    private Path file(RecordType type, byte[]... records) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        byte[] header = Header.newBuilder().setType(type.type()).build().toByteArray();
        out.writeUInt32NoTag(header.length);
        out.writeRawBytes(header);
        for (byte[] r : records) {
            out.writeUInt32NoTag(r.length);
            out.writeRawBytes(r);
        }
        out.flush();
        return Files.write(dir.resolve(type.fileName() + ".ncap"), bytes.toByteArray());
    }

    private static byte[] option(int type, int length, byte[] data) throws IOException {
        return encode(out -> {
            out.writeInt32(1, type);
            out.writeInt32(1, type); // twice: the last counts
            out.writeInt32(2, length);
            out.writeByteArray(3, data);
        });
    }

    private static byte[] entry(String key, byte[] value) throws IOException {
        return encode(out -> {
            out.writeString(1, key);
            out.writeByteArray(2, value);
        });
    }

    @FunctionalInterface
    private interface Fields {
        void write(CodedOutputStream out) throws IOException;
    }

    private static byte[] encode(Fields fields) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        fields.write(out);
        out.flush();
        return bytes.toByteArray();
    }
}
