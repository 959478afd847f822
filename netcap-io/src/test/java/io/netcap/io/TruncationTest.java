package io.netcap.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.netcap.types.Header;
import io.netcap.types.RecordType;
import io.netcap.types.TCP;
import io.netcap.types.Type;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Cuts a small file at every byte offset: the complete records come back, the cut is reported. */
class TruncationTest {
    private static final long CREATED = 1_700_000_000_000_000_000L;
    private static final List<TCP> RECORDS = List.of(
            TCP.newBuilder().setTimestamp(1).setSrcPort(80).build(),
            TCP.getDefaultInstance(), // zero-length record: only the length byte 00
            TCP.newBuilder().setTimestamp(3).setPayload(ByteString.copyFrom(new byte[200])).build(), // 2-byte length
            TCP.newBuilder().setSrcIP("192.0.2.1").setDstIP("198.51.100.7").setSYN(true).build());

    /** Start offsets of header and records, plus the end, computed with the test's own framing. */
    private static long[] boundaries;
    private static byte[] expectedPlain;
    /** Reasons seen while cutting, so the tests show they reached every kind of cut. */
    private final java.util.Set<Truncation.Reason> seen = java.util.EnumSet.noneOf(Truncation.Reason.class);

    @BeforeAll
    static void frameIndependently() {
        Header header = Header.newBuilder().setCreated(CREATED).setInputSource("cut.pcap")
                .setType(Type.NC_TCP).setVersion("v0.6.11").build();
        List<byte[]> payloads = new ArrayList<>();
        payloads.add(header.toByteArray());
        RECORDS.forEach(r -> payloads.add(r.toByteArray()));
        expectedPlain = Bytes.frame(payloads.toArray(byte[][]::new));
        boundaries = new long[payloads.size() + 1];
        for (int i = 0; i < payloads.size(); i++) {
            boundaries[i + 1] = boundaries[i] + Bytes.varint(payloads.get(i).length).length + payloads.get(i).length;
        }
    }

    private static WriterOptions options(boolean compress) {
        return new WriterOptions(compress, 6, "cut.pcap", "v0.6.11", false, CREATED, true);
    }

    @Test
    void plainFileCutAtEveryOffset(@TempDir Path dir) throws Exception {
        try (var w = RecordWriter.create(dir, RecordType.TCP, options(false))) {
            for (TCP r : RECORDS) {
                w.write(r);
            }
        }
        byte[] file = Files.readAllBytes(dir.resolve("TCP.ncap"));
        assertThat(file).isEqualTo(expectedPlain);

        for (int cut = 0; cut <= file.length; cut++) {
            byte[] prefix = Arrays.copyOf(file, cut);
            checkPrefix(prefix, cut, false, "plain cut at " + cut);
        }
        assertThat(seen).containsExactlyInAnyOrder(Truncation.Reason.LENGTH_CUT, Truncation.Reason.RECORD_CUT);
    }

    @ParameterizedTest
    @ValueSource(strings = {Compressors.JDK, Compressors.LIBDEFLATE})
    void gzipFileCutAtEveryOffset(String compressor, @TempDir Path dir) throws Exception {
        Path path;
        long[] flushedSize = new long[RECORDS.size()];
        try (var w = RecordWriter.create(dir, RecordType.TCP, options(true), Compressors.of(compressor, 6), null)) {
            path = w.path();
            for (int i = 0; i < RECORDS.size(); i++) {
                w.write(RECORDS.get(i));
                w.flush();
                flushedSize[i] = Files.size(path);
            }
        }
        byte[] file = Files.readAllBytes(path);
        assertThat(file[3]).as("no optional gzip header fields").isZero();
        assertThat(Bytes.gzipPrefix(file, file.length).members())
                .as("one gzip member for the header and one per flushed record").isEqualTo(1 + RECORDS.size());

        for (int cut = 0; cut <= file.length; cut++) {
            byte[] prefix = Arrays.copyOf(file, cut);
            Bytes.GzipPrefix inflatable = Bytes.gzipPrefix(file, cut);
            String what = "gzip cut at " + cut + " (" + inflatable + ")";
            List<Message> got = checkPrefix(prefix, inflatable.bytes(), inflatable.insideMember(), what);
            // every record written before a flush whose bytes are all present must come back
            for (int i = 0; i < RECORDS.size(); i++) {
                if (flushedSize[i] <= cut) {
                    assertThat(got).as(what).hasSizeGreaterThan(i);
                }
            }
        }
        assertThat(seen).containsExactlyInAnyOrder(Truncation.Reason.values());
    }

    /**
     * Reads {@code prefix}, whose decompressed content is the first {@code available} bytes of the
     * plain file, and checks records and truncation. Returns the records read (empty if the header is cut).
     */
    private List<Message> checkPrefix(byte[] prefix, long available, boolean streamCut, String what)
            throws Exception {
        if (available < boundaries[1]) {
            assertThatThrownBy(() -> RecordReader.open(new ByteArrayInputStream(prefix), "TCP.ncap"))
                    .as(what)
                    .isInstanceOfSatisfying(CorruptRecordException.class, e -> {
                        assertThat(e.offset()).isZero();
                        assertThat(e.getMessage()).startsWith("TCP.ncap: corrupt record at offset 0: invalid netcap header");
                    });
            return List.of();
        }
        List<Message> got = new ArrayList<>();
        try (var r = RecordReader.open(new ByteArrayInputStream(prefix), "TCP.ncap")) {
            for (Message m; (m = r.next()) != null; ) {
                got.add(m);
            }
            int complete = 0;
            while (complete < RECORDS.size() && boundaries[complete + 2] <= available) {
                complete++;
            }
            assertThat(got).as(what).isEqualTo(RECORDS.subList(0, complete));
            long atBoundary = boundaries[complete + 1];
            if (available == atBoundary && !streamCut) {
                assertThat(r.truncation()).as(what).isEmpty();
            } else {
                Truncation t = r.truncation().orElseThrow(() -> new AssertionError(what + ": no truncation"));
                assertThat(t.offset()).as(what).isEqualTo(atBoundary);
                assertThat(t.gzipCut()).as(what).isEqualTo(streamCut);
                Truncation.Reason reason;
                if (available == atBoundary) {
                    reason = Truncation.Reason.GZIP_CUT;
                } else {
                    int payloadLen = RECORDS.get(complete).getSerializedSize();
                    reason = available < atBoundary + Bytes.varint(payloadLen).length
                            ? Truncation.Reason.LENGTH_CUT : Truncation.Reason.RECORD_CUT;
                }
                assertThat(t.reason()).as(what).isEqualTo(reason);
                seen.add(reason);
            }
            assertThat(r.next()).as(what).isNull();
        }
        return got;
    }
}
