package io.netcap.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import io.netcap.io.RecordReader;
import io.netcap.io.RecordWriter;
import io.netcap.io.WriterOptions;
import io.netcap.types.RecordType;
import io.netcap.types.TCP;
import io.netcap.types.TCPOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link PlainColumn} writes the pages parquet-java's own column writers write for the same values: the
 * files of both are equal byte for byte (values, page boundaries, statistics with unsigned and byte-array
 * order, size statistics, column and offset indexes).
 */
class PlainColumnTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(RecordType.class)
    void everyTypeGivesTheFileOfParquetJavasColumnWriters(RecordType type) throws Exception {
        List<Message> records = FullRecords.asRead(type);
        assertThat(written(type, records, false)).isEqualTo(written(type, records, true));
    }

    /**
     * Records read from a file go through the batch path, a column at a time; 45,000 of them fill pages
     * of 20,000 rows and a last one. Values are random over each type's range, unsigned ones above 2^31.
     */
    @Test
    void batchesOfTcpRecordsGiveTheFileOfParquetJavasColumnWriters() throws Exception {
        SplittableRandom r = new SplittableRandom(7);
        Path ncap;
        try (RecordWriter w = RecordWriter.create(Files.createDirectories(dir.resolve("in")), RecordType.TCP,
                WriterOptions.defaults("x.pcap"))) {
            for (int i = 0; i < 45_000; i++) {
                TCP.Builder b = TCP.newBuilder().setTimestamp(r.nextLong()).setSrcPort(r.nextInt(65536))
                        .setSeqNum(r.nextInt()).setAckNum(r.nextInt()).setSYN(r.nextBoolean()).setACK(i % 3 == 0)
                        .setWindow(r.nextInt(65536)).setPayloadEntropy(r.nextDouble() * 8)
                        .setSrcIP("10.0." + r.nextInt(256) + "." + r.nextInt(256)).setDstIP(i % 5 == 0 ? "ü" : "");
                byte[] payload = new byte[r.nextInt(40)];
                r.nextBytes(payload);
                b.setPayload(com.google.protobuf.ByteString.copyFrom(payload)).setPayloadSize(payload.length);
                if (i % 4 != 0) {
                    b.addOptions(TCPOption.newBuilder().setOptionType(8).setOptionLength(10));
                }
                w.write(b.build());
            }
            ncap = w.path();
        }
        assertThat(converted(ncap, false)).isEqualTo(converted(ncap, true));
    }

    private byte[] written(RecordType type, List<Message> records, boolean plain) throws Exception {
        Path file = dir.resolve(type.fileName() + (plain ? ".plain" : ".java") + ".parquet");
        try (ParquetRecordWriter w = ParquetRecordWriter.create(file, type.descriptor(), Files::newOutputStream, plain)) {
            for (Message m : records) {
                w.write(m);
            }
            w.commit();
        }
        return Files.readAllBytes(file);
    }

    private byte[] converted(Path ncap, boolean plain) throws Exception {
        Path file = dir.resolve("TCP" + (plain ? ".plain" : ".java") + ".parquet");
        try (RecordReader in = RecordReader.open(ncap);
                ParquetRecordWriter w = ParquetRecordWriter.create(file, RecordType.TCP.descriptor(), Files::newOutputStream, plain)) {
            assertThat(w.writeAll(in)).isEqualTo(45_000);
            w.commit();
        }
        return Files.readAllBytes(file);
    }
}
