package io.netcap.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.netcap.io.CorruptRecordException;
import io.netcap.io.RecordReader;
import io.netcap.types.Header;
import io.netcap.types.RecordType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Any bytes as one record of TCP, HTTP, TLSClientHello or GRE (the first byte picks the type): the
 * index accepts only what protobuf-java accepts, and the writer either writes the record or fails as
 * the reader fails on it, with the reader's message. Seeds: {@code WireTapeFuzzTestInputs/anyRecord/}.
 */
class WireTapeFuzzTest {
    private static final RecordType[] TYPES = {RecordType.TCP, RecordType.HTTP, RecordType.TLSClientHello, RecordType.GRE};
    private static final WirePlan.Message[] PLANS = Arrays.stream(TYPES).map(t -> WirePlan.of(t.descriptor()))
            .toArray(WirePlan.Message[]::new);
    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("wire-fuzz");
            DIR.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void anyRecord(byte[] data) throws IOException {
        if (data.length == 0) {
            return;
        }
        int t = (data[0] & 0xff) % TYPES.length;
        byte[] record = Arrays.copyOfRange(data, 1, data.length);
        byte[] file = file(TYPES[t], record);

        Message parsed;
        String rejected = null;
        try (RecordReader r = RecordReader.open(new ByteArrayInputStream(file), "fuzz.ncap")) {
            parsed = r.next();
        } catch (CorruptRecordException e) {
            parsed = null;
            rejected = e.getMessage();
        }
        boolean indexed;
        try {
            new WireTape().scan(record, 0, record.length, PLANS[t]);
            indexed = true;
        } catch (InvalidProtocolBufferException e) {
            indexed = false;
        }
        if (indexed) {
            assertThat(rejected).as("indexed, but protobuf rejects it").isNull();
        }

        try (RecordReader r = RecordReader.open(new ByteArrayInputStream(file), "fuzz.ncap");
                ParquetRecordWriter w = ParquetRecordWriter.create(DIR.resolve("fuzz.parquet"), TYPES[t].descriptor())) {
            try {
                assertThat(w.writeAll(r)).isEqualTo(1);
                assertThat(parsed).as("written, but protobuf rejects it: %s", rejected).isNotNull();
            } catch (CorruptRecordException e) {
                assertThat(e.getMessage()).isEqualTo(rejected);
            }
        }
    }

    private static byte[] file(RecordType type, byte[] record) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        byte[] header = Header.newBuilder().setType(type.type()).build().toByteArray();
        out.writeUInt32NoTag(header.length);
        out.writeRawBytes(header);
        out.writeUInt32NoTag(record.length);
        out.writeRawBytes(record);
        out.flush();
        return bytes.toByteArray();
    }
}
