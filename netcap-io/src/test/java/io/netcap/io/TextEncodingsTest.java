package io.netcap.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netcap.types.RecordType;
import io.netcap.types.UDP;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code capture -csv} and {@code -json} files written by {@link RecordWriter} (docs/engine.md, "Output encodings"). */
class TextEncodingsTest {
    private static final long CREATED = 1_600_000_000_123_456_789L;
    private static final UDP FIRST = UDP.newBuilder().setTimestamp(1_700_000_000_123_456_789L).setSrcPort(53)
            .setDstPort(4242).setLength(20).setChecksum(7).setSrcIP("10.0.0.1").setDstIP("10.0.0.2").build();
    private static final UDP SECOND = UDP.newBuilder().setTimestamp(1_700_000_001_000_000_000L).setSrcPort(1)
            .setDstPort(2).setSrcIP("a,b").build();

    @TempDir
    Path dir;

    private static WriterOptions options(RecordEncoding e, boolean compress) {
        return new WriterOptions(compress, 1, "a.pcap", "v0.6.11", false, CREATED, true, e);
    }

    private static String text(Path file, boolean gzip) throws IOException {
        try (InputStream in = gzip ? new GZIPInputStream(Files.newInputStream(file)) : Files.newInputStream(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Two records the way the writer threads hand them over: framed by their varint length, in one chunk. */
    private static byte[] framed(UDP... records) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (UDP r : records) {
            r.writeDelimitedTo(out);
        }
        return out.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void csvIsTheHeaderThenARowPerRecordWithNanoseconds(boolean compress) throws IOException {
        Path file;
        try (RecordWriter w = RecordWriter.create(dir, RecordType.UDP, options(RecordEncoding.CSV, compress))) {
            file = w.path();
            byte[] chunk = framed(FIRST, SECOND);
            w.writeFramed(chunk, 0, chunk.length, 2);
            w.write(FIRST);
            assertThat(w.count()).isEqualTo(3);
        }
        assertThat(file.getFileName()).hasToString(compress ? "UDP.csv.gz" : "UDP.csv");
        // the original's UDP columns (docs/csv-columns), a comma inside a value quoted (RFC 4180)
        assertThat(text(file, compress)).isEqualTo("""
                Timestamp,SrcPort,DstPort,Length,Checksum,PayloadEntropy,PayloadSize,SrcIP,DstIP
                1700000000123456789,53,4242,20,7,0.00000000,0,10.0.0.1,10.0.0.2
                1700000001000000000,1,2,0,0,0.00000000,0,"a,b",
                1700000000123456789,53,4242,20,7,0.00000000,0,10.0.0.1,10.0.0.2
                """);
    }

    /**
     * {@code -csv -encode}: the header of {@code -csv}, then numbers. Three rows a, b, a of a column lie +-1/sqrt(2)
     * and then -+1/sqrt(3) sample deviations from their running mean, whatever a and b are (nanosecond timestamps
     * too, to the last decimal); the addresses are integers (10.0.0.1 = 167772161), "a,b" and "" are none (0).
     */
    @Test
    void encodedCsvIsTheCsvHeaderThenNumbers() throws IOException {
        Path file;
        try (RecordWriter w = RecordWriter.create(dir, RecordType.UDP, options(RecordEncoding.ENCODED_CSV, false))) {
            file = w.path();
            byte[] chunk = framed(FIRST, SECOND);
            w.writeFramed(chunk, 0, chunk.length, 2);
            w.write(FIRST);
            assertThat(w.categoriesOverCap()).isEmpty();
        }
        assertThat(file.getFileName()).hasToString("UDP.csv");
        String z0 = "0.0000000000";
        String up2 = "0.7071067812";
        String down2 = "-0.7071067812";
        String up3 = "0.5773502692";
        String down3 = "-0.5773502692";
        assertThat(text(file, false)).isEqualTo(String.join("\n",
                "Timestamp,SrcPort,DstPort,Length,Checksum,PayloadEntropy,PayloadSize,SrcIP,DstIP",
                String.join(",", z0, z0, z0, z0, z0, z0, z0, "167772161", "167772162"),
                String.join(",", up2, down2, down2, down2, down2, z0, z0, "0", "0"),
                String.join(",", down3, up3, up3, up3, up3, z0, z0, "167772161", "167772162"), ""));
    }

    /**
     * The header line as Go's encoding/json (NC_UDP is 37 in netcap.proto), then the protobuf JSON mapping with the
     * timestamp in milliseconds.
     */
    @Test
    void jsonIsTheHeaderThenALinePerRecordWithMilliseconds() throws IOException {
        Path file;
        try (RecordWriter w = RecordWriter.create(dir, RecordType.UDP, options(RecordEncoding.JSON, false))) {
            file = w.path();
            byte[] chunk = framed(FIRST);
            w.writeFramed(chunk, 0, chunk.length, 1);
        }
        assertThat(file.getFileName()).hasToString("UDP.json");
        assertThat(text(file, false)).isEqualTo("""
                {"Created":1600000000123456789,"InputSource":"a.pcap","Type":37,"Version":"v0.6.11"}
                {"Timestamp":"1700000000123","SrcPort":53,"DstPort":4242,"Length":20,"Checksum":7,\
                "SrcIP":"10.0.0.1","DstIP":"10.0.0.2"}
                """);
    }

    @Test
    void aFileWithoutRecordsIsRemovedAndNullWritesNone() throws IOException {
        Path file;
        try (RecordWriter w = RecordWriter.create(dir, RecordType.UDP, options(RecordEncoding.CSV, true))) {
            file = w.path();
        }
        assertThat(file).doesNotExist();
        assertThatThrownBy(() -> RecordWriter.create(dir, RecordType.UDP, options(RecordEncoding.NONE, true)))
                .isInstanceOf(IllegalStateException.class);
    }
}
