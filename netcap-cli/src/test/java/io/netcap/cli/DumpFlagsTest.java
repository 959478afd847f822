package io.netcap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.io.RecordWriter;
import io.netcap.io.WriterOptions;
import io.netcap.types.RecordType;
import io.netcap.types.TCP;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Issue 16, item 7: dump's flag combinations either work as docs/cli.md says or fail with one line. */
class DumpFlagsTest {
    static final List<String> FORMAT_FLAGS = List.of("-struc", "-csv", "-tsv", "-table", "-json", "-header", "-fields",
            "-legacy-csv");
    static final String HEADER = DumpCommandTest.CORRECTED_HEADER;

    /** The pairs docs/cli.md documents as working, with their output (first line, or all of it). */
    static final Map<List<String>, String> WORKS = Map.of(
            List.of("-csv", "-fields"), HEADER + "\n",
            List.of("-tsv", "-fields"), HEADER.replace(',', '\t') + "\n",
            List.of("-fields", "-legacy-csv"), HEADER + "\n",
            List.of("-csv", "-legacy-csv"), HEADER + "\n" + DumpCommandTest.ROW + "\n",
            List.of("-tsv", "-legacy-csv"), HEADER.replace(',', '\t') + "\n" + DumpCommandTest.ROW.replace(',', '\t') + "\n");

    @TempDir
    Path dir;
    Path file;

    @BeforeEach
    void write() throws IOException {
        try (RecordWriter w = RecordWriter.create(dir, RecordType.TCP, WriterOptions.defaults("a.pcap"))) {
            w.write(DumpCommandTest.WORKED);
            file = w.path();
        }
    }

    static Stream<Arguments> pairs() {
        List<Arguments> out = new ArrayList<>();
        for (String a : FORMAT_FLAGS) {
            for (String b : FORMAT_FLAGS) {
                if (!a.equals(b)) {
                    out.add(Arguments.of(a, b));
                }
            }
        }
        return out.stream();
    }

    /** Every ordered pair of two different output-format flags: the documented output, or exactly one error line. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("pairs")
    void twoFormatFlagsWorkAsDocumentedOrFailWithOneLine(String a, String b) {
        Run r = Run.net("dump", "-read", file.toString(), a, b);
        String works = WORKS.getOrDefault(List.of(a, b), WORKS.get(List.of(b, a)));
        if (works != null) {
            assertThat(r.status()).isZero();
            assertThat(r.out()).isEqualTo(works);
            assertThat(r.err()).isEmpty();
        } else {
            assertThat(r.status()).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            List<String> err = r.err().lines().toList();
            assertThat(err).hasSize(1);
            assertThat(err.getFirst()).startsWith("conflicting flags ").contains(a).contains(b);
        }
    }

    @Test
    void csvAndJsonConflict() {
        Run r = Run.net("dump", "-read", file.toString(), "-csv", "-json");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines().toList()).containsExactly(
                "conflicting flags -csv and -json: use one output format of -struc, -csv, -tsv, -table, -json, -header, -parquet");
    }

    @Test
    void fieldsAlonePrintsTheCsvHeader() {
        Run r = Run.net("dump", "-read", file.toString(), "-fields");
        assertThat(r.status()).isZero();
        assertThat(r.lines()).containsExactly(HEADER);
        Run json = Run.net("dump", "-read", file.toString(), "-fields", "-json");
        assertThat(json.status()).isEqualTo(2);
        assertThat(json.err().lines().toList()).containsExactly(
                "conflicting flags -fields and -json: -fields applies to -csv and -tsv only");
    }

    @Test
    void sepOutsideCsvFails() {
        Run r = Run.net("dump", "-read", file.toString(), "-sep", ";", "-table");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().lines().toList()).containsExactly("conflicting flags -sep and -table: -sep applies to -csv and -tsv only");
        Run tsv = Run.net("dump", "-read", file.toString(), "-sep", ";", "-tsv");
        assertThat(tsv.status()).isEqualTo(2);
        assertThat(tsv.err().lines().toList()).hasSize(1);
    }

    @Test
    void selectAppliesToJson() {
        Run r = Run.net("dump", "-read", file.toString(), "-json", "-select", "DstPort,SrcIP");
        assertThat(r.status()).isZero();
        assertThat(r.lines()).containsExactly("{\"DstPort\":51000,\"SrcIP\":\"10.0.0.1\"}");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void selectAppliesToTheStructuredOutput() {
        Run r = Run.net("dump", "-read", file.toString(), "-select", "SrcPort,Window");
        assertThat(r.status()).isZero();
        assertThat(r.lines()).containsExactly("NC_TCP", "SrcPort: 443", "Window: 502", "");
    }

    @Test
    void selectOfANameThatIsNoFieldFailsOutsideCsv() {
        Run r = Run.net("dump", "-read", file.toString(), "-json", "-select", "SrcPort,Nope");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines().toList()).hasSize(1).first().asString()
                .startsWith("invalid field: Nope (with -json and the structured output -select takes field names: Timestamp,");
    }

    /** JSON bytes: base64 for bytes fields and for DHCP option data, never replacement characters. */
    @Test
    void jsonRendersBinaryDataAsBase64() throws IOException {
        Path d = java.nio.file.Files.createDirectories(dir.resolve("dhcp"));
        Path f;
        try (RecordWriter w = RecordWriter.create(d, RecordType.DHCPv4, WriterOptions.defaults("a.pcap"))) {
            w.write(io.netcap.types.DHCPv4.newBuilder().setServerName(com.google.protobuf.ByteString.copyFrom(new byte[] {1, 2}))
                    .addOptions(io.netcap.types.DHCPOption.newBuilder().setType(51).setLength(4)
                            .setDataBytes(com.google.protobuf.ByteString.copyFrom(new byte[] {0, 1, (byte) 0x9e, (byte) 0xff})))
                    .build());
            f = w.path();
        }
        Run r = Run.net("dump", "-read", f.toString(), "-json", "-select", "ServerName,Options");
        assertThat(r.status()).isZero();
        assertThat(r.lines()).containsExactly("{\"ServerName\":\"AQI=\",\"Options\":[{\"Type\":51,\"Length\":4,\"Data\":\"AAGe/w==\"}]}");
        assertThat(r.out()).doesNotContain("\ufffd");
    }
}
