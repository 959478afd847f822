package io.netcap.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Message;
import io.netcap.types.RecordType;
import io.netcap.types.format.JsonFormat;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ParquetRecordWriterTest {
    @TempDir
    Path dir;

    /** Every record type, every field set: DuckDB reads back what {@code dump -json} shows. */
    @ParameterizedTest
    @EnumSource(RecordType.class)
    void everyFieldOfEveryTypeRoundTripsThroughDuckDb(RecordType type) throws Exception {
        List<Message> records = FullRecords.asRead(type);
        Path file = dir.resolve(type.fileName() + ".parquet");
        List<String> json = new ArrayList<>();
        try (ParquetRecordWriter w = ParquetRecordWriter.create(file, type.descriptor())) {
            for (Message m : records) {
                w.write(m);
                json.add(JsonFormat.dump().format(m));
            }
            w.commit();
        }
        DuckDbProjection.assertSameAsJson(file, type.descriptor(), json);
    }

    @Test
    void anEmptyFileHasTheSchemaAndNoRows() throws Exception {
        Path file = dir.resolve("TCP.parquet");
        try (ParquetRecordWriter w = ParquetRecordWriter.create(file, RecordType.TCP.descriptor())) {
            w.commit();
        }
        assertThat(DuckDbProjection.rows(file, RecordType.TCP.descriptor())).isEmpty();
    }

    @Test
    void aFailedWriteLeavesNoFile() throws Exception {
        Path file = dir.resolve("TCP.parquet");
        ParquetRecordWriter w = ParquetRecordWriter.create(file, RecordType.TCP.descriptor(), full(10_000));
        assertThatThrownBy(() -> {
            for (int i = 0; i < 100_000; i++) {
                w.write(FullRecords.of(RecordType.TCP.prototype(), i));
            }
            w.commit();
        }).isInstanceOf(IOException.class).hasMessageContaining("No space left on device");
        w.close();
        assertThat(listing()).isEmpty();
    }

    @Test
    void aFailureAtTheFooterLeavesNoFileAndKeepsTheOldOne() throws Exception {
        Path file = dir.resolve("TCP.parquet");
        Files.writeString(file, "older");
        ParquetRecordWriter w = ParquetRecordWriter.create(file, RecordType.TCP.descriptor(), full(100));
        w.write(RecordType.TCP.prototype());
        assertThatThrownBy(w::commit).isInstanceOf(IOException.class);
        w.close();
        assertThat(listing()).containsExactly("TCP.parquet");
        assertThat(Files.readString(file)).isEqualTo("older");
    }

    @Test
    void closingWithoutCommitDiscardsTheRows() throws Exception {
        Path file = dir.resolve("UDP.parquet");
        try (ParquetRecordWriter w = ParquetRecordWriter.create(file, RecordType.UDP.descriptor())) {
            w.write(RecordType.UDP.prototype());
        }
        assertThat(listing()).isEmpty();
    }

    @Test
    void aMissingDirectoryIsAnIoError() {
        assertThatThrownBy(() -> ParquetRecordWriter.create(dir.resolve("no/such/TCP.parquet"), RecordType.TCP.descriptor()))
                .isInstanceOf(IOException.class);
    }

    private List<String> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }

    /** A device that takes {@code capacity} bytes, then fails as a full disk does. */
    private static ParquetRecordWriter.Opener full(long capacity) {
        return path -> new FilterOutputStream(Files.newOutputStream(path)) {
            private long written;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (written + len > capacity) {
                    throw new IOException("No space left on device");
                }
                written += len;
                out.write(b, off, len);
            }
        };
    }
}
