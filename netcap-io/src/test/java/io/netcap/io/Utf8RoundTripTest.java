package io.netcap.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.types.HTTP;
import io.netcap.types.RecordType;
import io.netcap.types.TCP;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The original copies raw protocol bytes into string fields; they must survive read and re-write. */
class Utf8RoundTripTest {

    @Test
    void invalidUtf8StringsReadAndRewriteByteIdentically(@TempDir Path dir) throws Exception {
        // TCP: SrcIP (24) = ff fe 41, DstIP (25) = c3 28 (broken two-byte sequence)
        byte[] tcp = Bytes.hex("c2 01 03 ff fe 41 ca 01 02 c3 28");
        byte[] header = Arrays.copyOf(WorkedExampleTest.TCP_NCAP, 0x1e);
        byte[] file = Bytes.concat(header, Bytes.frame(tcp));

        TCP read;
        try (var r = RecordReader.open(new ByteArrayInputStream(file), "TCP.ncap")) {
            read = (TCP) r.next();
            assertThat(r.next()).isNull();
        }
        assertThat(read.getSrcIPBytes().toByteArray()).containsExactly(0xff, 0xfe, 0x41);
        assertThat(read.getSrcIP()).isEqualTo("\uFFFD\uFFFDA"); // as Java renders it
        assertThat(read.getDstIPBytes().toByteArray()).containsExactly(0xc3, 0x28);

        try (var w = RecordWriter.create(dir, RecordType.TCP, WorkedExampleTest.exampleOptions())) {
            w.write(read);
        }
        assertThat(Files.readAllBytes(dir.resolve("TCP.ncap"))).isEqualTo(file);
    }

    @Test
    void invalidUtf8InMapValuesReadsWithReplacementCharacters() throws Exception {
        // HTTP: Method (3) = "GET", RequestHeader (26) entry key "X" (0a 01 58), value 80 ff (12 02 80 ff),
        // RequestBody (29) = ff. protobuf-java validates map strings whatever the schema says, so the
        // reader repairs map strings only (lossy: U+FFFD), and keeps everything else byte for byte.
        byte[] http = Bytes.hex("1a 03 47 45 54 d2 01 07 0a 01 58 12 02 80 ff ea 01 01 ff");
        byte[] header = Bytes.frame(io.netcap.types.Header.newBuilder()
                .setType(io.netcap.types.Type.NC_HTTP).build().toByteArray());
        try (var r = RecordReader.open(new ByteArrayInputStream(Bytes.concat(header, Bytes.frame(http))), "HTTP.ncap")) {
            HTTP read = (HTTP) r.next();
            assertThat(read.getMethod()).isEqualTo("GET");
            assertThat(read.getRequestHeaderMap()).containsExactly(java.util.Map.entry("X", "\uFFFD\uFFFD"));
            assertThat(read.getRequestBody().toByteArray()).containsExactly(0xff);
            assertThat(r.next()).isNull();
        }
    }
}
