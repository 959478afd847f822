package io.netcap.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import com.google.protobuf.TextFormat;
import io.netcap.types.Header;
import io.netcap.types.NTP;
import io.netcap.types.RecordType;
import io.netcap.types.TCP;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Interop with protoc, a protobuf implementation independent of protobuf-java: files whose records
 * protoc encoded are read by RecordReader, and files RecordWriter wrote are decoded by protoc.
 *
 * <p>The cases live in {@code interop/<Type>.textproto}: sections headed {@code # types.<Message>},
 * the first one the Header. They are written in protoc's canonical text form, so protoc's decoding of
 * our files must reproduce them exactly. Expected messages come from TextFormat, which does not use
 * the binary decoder under test. protoc is copied into target/protoc by the build; if it cannot run,
 * these tests fail.
 */
class ProtocInteropTest {
    private static final Path PROTOC = Path.of("target", "protoc", "protoc");
    private static final Path PROTO_DIR = Path.of("..", "netcap-types", "src", "main", "proto");
    private static final String PROTO_FILE = "netcap.proto";

    record Section(String messageName, String text) {}

    @BeforeAll
    static void makeProtocExecutable() {
        assertThat(PROTOC).as("protoc copied by maven-dependency-plugin").isRegularFile();
        assertThat(PROTO_DIR.resolve(PROTO_FILE)).isRegularFile();
        assertThat(PROTOC.toFile().setExecutable(true)).as("chmod +x protoc").isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"TCP", "DNS", "HTTP", "TLSClientHello", "NTP", "Ethernet"})
    void protocEncodedRecordsReadBack(String name, @TempDir Path dir) throws Exception {
        List<Section> sections = sections(name);
        List<byte[]> payloads = new ArrayList<>();
        for (Section s : sections) {
            payloads.add(protoc("--encode=" + s.messageName(), s.text().getBytes(StandardCharsets.UTF_8)));
        }
        Path file = dir.resolve(name + ".ncap.gz");
        Files.write(file, Bytes.gzip(Bytes.frame(payloads.toArray(byte[][]::new))));
        assertReadsAs(file, sections);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TCP", "DNS", "HTTP", "TLSClientHello", "NTP", "Ethernet"})
    void writerOutputDecodesWithProtoc(String name, @TempDir Path dir) throws Exception {
        List<Section> sections = sections(name);
        Header header = (Header) parseText(sections.get(0));
        RecordType type = RecordType.of(header.getType()).orElseThrow();
        var options = new WriterOptions(true, 1, header.getInputSource(), header.getVersion(),
                header.getContainsPayloads(), header.getCreated(), true);
        Path file;
        try (var w = RecordWriter.create(dir, type, options)) {
            file = w.path();
            for (Section s : sections.subList(1, sections.size())) {
                w.write(parseText(s));
            }
        }
        byte[] plain;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            plain = in.readAllBytes();
        }
        assertDecodesAs(plain, sections);
    }

    /** The files kept for the dump and JSON tests are what their textproto says, to both decoders. */
    @ParameterizedTest
    @ValueSource(strings = {"DNS", "HTTP"})
    void committedProtocFilesMatchTheirText(String name) throws Exception {
        List<Section> sections = sections(name);
        Path file = Path.of(resource(name + ".ncap.gz"));
        assertReadsAs(file, sections);
        byte[] plain;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            plain = in.readAllBytes();
        }
        assertDecodesAs(plain, sections);
    }

    @Test
    void valuesAtTheEdgesOfTheirTypes() throws Exception {
        // spot checks that the TextFormat comparison above would also catch
        List<Section> ntp = sections("NTP");
        NTP n = NTP.parseFrom(protoc("--encode=types.NTP", ntp.get(1).text().getBytes(StandardCharsets.UTF_8)));
        assertThat(n.getReferenceTimestamp()).isEqualTo(-1L); // uint64 max
        assertThat(Long.toUnsignedString(n.getOriginTimestamp())).isEqualTo("9223372036854775808");
        assertThat(n.getPrecision()).isEqualTo(-23);
        byte[] tcpBytes = protoc("--encode=types.TCP", sections("TCP").get(2).text().getBytes(StandardCharsets.UTF_8));
        TCP t = TCP.parseFrom(tcpBytes);
        assertThat(t.getTimestamp()).isEqualTo(-1L);
        assertThat(t.getSrcPort()).isEqualTo(Integer.MIN_VALUE);
        assertThat(t.getPayloadEntropy()).isEqualTo(1e300);
        // a negative int64 takes 10 bytes: key 08, then ff x9, 01
        assertThat(Arrays.copyOf(tcpBytes, 11)).isEqualTo(Bytes.hex("08 ff ff ff ff ff ff ff ff ff 01"));
    }

    private static void assertReadsAs(Path file, List<Section> sections) throws Exception {
        try (var r = RecordReader.open(file)) {
            assertThat(r.compressed()).isTrue();
            assertThat(r.header()).isEqualTo(parseText(sections.get(0)));
            for (Section s : sections.subList(1, sections.size())) {
                Message m = r.next();
                assertThat(m).as("record %s", s.text()).isEqualTo(parseText(s));
            }
            assertThat(r.next()).isNull();
            assertThat(r.truncation()).isEmpty();
        }
    }

    /** Splits {@code plain} with the test's own varint reader and has protoc decode every record. */
    private static void assertDecodesAs(byte[] plain, List<Section> sections) throws Exception {
        List<byte[]> records = split(plain);
        assertThat(records).hasSameSizeAs(sections);
        for (int i = 0; i < records.size(); i++) {
            Section s = sections.get(i);
            String decoded = new String(protoc("--decode=" + s.messageName(), records.get(i)), StandardCharsets.UTF_8);
            assertThat(decoded).as("record %d (%s)", i, s.messageName()).isEqualTo(s.text());
        }
    }

    private static List<byte[]> split(byte[] plain) {
        List<byte[]> out = new ArrayList<>();
        int p = 0;
        while (p < plain.length) {
            long len = 0;
            int shift = 0;
            int b;
            do {
                b = plain[p++] & 0xff;
                len |= (long) (b & 0x7f) << shift;
                shift += 7;
            } while (b >= 0x80);
            out.add(Arrays.copyOfRange(plain, p, p + (int) len));
            p += (int) len;
        }
        return out;
    }

    private static Message parseText(Section s) throws TextFormat.ParseException {
        Message prototype = s.messageName().equals("types.Header") ? Header.getDefaultInstance()
                : Arrays.stream(RecordType.values())
                        .filter(t -> t.descriptor().getFullName().equals(s.messageName()))
                        .findFirst().orElseThrow().prototype();
        Message.Builder b = prototype.newBuilderForType();
        TextFormat.merge(s.text(), b);
        return b.build();
    }

    static List<Section> sections(String name) throws IOException {
        String text = Files.readString(Path.of(resource(name + ".textproto")));
        List<Section> out = new ArrayList<>();
        String current = null;
        var body = new StringBuilder();
        for (String line : text.split("(?<=\n)")) {
            if (line.startsWith("# types.")) {
                if (current != null) {
                    out.add(new Section(current, body.toString()));
                }
                current = line.substring(2).strip();
                body.setLength(0);
            } else {
                body.append(line);
            }
        }
        out.add(new Section(current, body.toString()));
        return out;
    }

    private static String resource(String file) {
        var url = ProtocInteropTest.class.getResource("interop/" + file);
        assertThat(url).as("test resource interop/" + file).isNotNull();
        try {
            return Path.of(url.toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs protoc with stdin {@code input}; fails the test on a non-zero exit. */
    static byte[] protoc(String mode, byte[] input) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(PROTOC.toAbsolutePath().toString(), "-I" + PROTO_DIR, mode, PROTO_FILE)
                .start();
        var err = new ByteArrayOutputStream();
        Thread drain = Thread.ofVirtual().start(() -> {
            try (InputStream e = p.getErrorStream()) {
                e.transferTo(err);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try (var stdin = p.getOutputStream()) {
            stdin.write(input);
        }
        byte[] out;
        try (InputStream stdout = p.getInputStream()) {
            out = stdout.readAllBytes();
        }
        int exit = p.waitFor();
        drain.join();
        assertThat(exit).as("protoc %s failed: %s", mode, err).isZero();
        return out;
    }
}
