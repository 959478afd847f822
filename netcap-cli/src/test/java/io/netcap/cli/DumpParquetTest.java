package io.netcap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.io.RecordReader;
import io.netcap.parquet.DuckDbProjection;
import io.netcap.testing.Corpus;
import io.netcap.types.RecordType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code net dump -parquet}: DuckDB reads back what {@code net dump -json} prints, for corpus records. */
class DumpParquetTest {
    /** HTTP over TCP, DNS, DHCPv4 (binary option data), DHCPv6, TLS hellos, SSH. */
    private static final List<String> CAPTURES = List.of("zeek__get-gzip.pcap",
            "suricata-verify__dns-frames_input.pcap", "chrissanders-packets__dhcp_nolease_initialization.pcapng",
            "chrissanders-packets__dhcp6_outlease_acquisition.pcapng", "zeek__tls13_wolfssl.pcap",
            "suricata-verify__ssh-hassh_input.pcap", "chrissanders-packets__http_ip4and6.pcapng");

    @TempDir
    Path tmp;

    @Test
    void everyRecordFileOfCorpusCapturesReadsBackAsDumpJsonShowsIt() throws Exception {
        int files = 0;
        for (String capture : CAPTURES) {
            Path records = tmp.resolve(capture);
            Run c = CaptureCommandTest.capture(Map.of(), "-read", Corpus.pcaps().resolve(capture).toString(),
                    "-out", records.toString(), "-quiet");
            assertThat(c.status()).as(c.err()).isZero();
            for (Path file : recordFiles(records)) {
                RecordType type;
                try (RecordReader r = RecordReader.open(file)) {
                    type = r.type();
                }
                Path parquet = tmp.resolve(capture + "." + type.fileName() + ".parquet");
                Run p = Run.net("dump", "-read", file.toString(), "-parquet", parquet.toString());
                assertThat(p.status()).as(p.err()).isZero();
                assertThat(p.out()).isEmpty();
                Run json = Run.net("dump", "-read", file.toString(), "-json");
                assertThat(p.err()).matches(java.util.regex.Pattern.quote(json.lines().size() + " records written to " + parquet)
                        + " in \\d+\\.\\d\\d s \\([\\d,]+ records/s\\)\n");
                DuckDbProjection.assertSameAsJson(parquet, type.descriptor(), json.lines());
                files++;
            }
        }
        assertThat(files).isGreaterThan(30);
    }

    @Test
    void aDirectoryOfRecordFilesBecomesADirectoryOfParquetFiles() throws Exception {
        Path records = tmp.resolve("records");
        Run c = CaptureCommandTest.capture(Map.of(), "-read", Corpus.pcaps().resolve(CAPTURES.get(0)).toString(),
                "-out", records.toString(), "-quiet");
        assertThat(c.status()).isZero();
        Path out = tmp.resolve("parquet");
        Run p = Run.net("dump", "-read", records.toString(), "-parquet", out.toString());
        assertThat(p.status()).as(p.err()).isZero();
        List<String> expected = recordFiles(records).stream()
                .map(f -> f.getFileName().toString().replace(".ncap.gz", ".parquet")).toList();
        try (Stream<Path> s = Files.list(out)) {
            assertThat(s.map(f -> f.getFileName().toString()).sorted().toList()).isEqualTo(expected);
        }
        long[] tcp = DuckDbProjection.countAndSum(out.resolve("TCP.parquet"), "PayloadSize");
        String csv = Run.net("dump", "-read", records.resolve("TCP.ncap.gz").toString(), "-csv", "-select", "PayloadSize").out();
        List<String> sizes = csv.lines().skip(1).toList();
        assertThat(tcp[0]).isEqualTo(sizes.size());
        assertThat(tcp[1]).isEqualTo(sizes.stream().mapToLong(Long::parseLong).sum());
    }

    @Test
    void captureParquetWritesEveryRecordFileAsParquetToo() throws Exception {
        Path records = tmp.resolve("records");
        Run c = CaptureCommandTest.capture(Map.of(), "-read", Corpus.pcaps().resolve(CAPTURES.get(1)).toString(),
                "-out", records.toString(), "-quiet", "-parquet");
        assertThat(c.status()).as(c.err()).isZero();
        assertThat(c.err()).isEmpty();
        List<Path> files = recordFiles(records);
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            RecordType type;
            try (RecordReader r = RecordReader.open(file)) {
                type = r.type();
            }
            Path parquet = records.resolve(file.getFileName().toString().replace(".ncap.gz", ".parquet"));
            DuckDbProjection.assertSameAsJson(parquet, type.descriptor(),
                    Run.net("dump", "-read", file.toString(), "-json").lines());
        }
    }

    @Test
    void anUnwritableTargetIsAClearErrorAndLeavesNoFile() throws Exception {
        Path file = sample();
        Path notADir = Files.writeString(tmp.resolve("plain"), "x");
        Run r = Run.net("dump", "-read", file.toString(), "-parquet", notADir.resolve("TCP.parquet").toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).startsWith("failed to write Parquet file " + notADir.resolve("TCP.parquet") + ": ");
        Run missing = Run.net("dump", "-read", file.toString(), "-parquet", tmp.resolve("no/such/TCP.parquet").toString());
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.err()).contains("No such file or directory");
        try (Stream<Path> s = Files.list(tmp)) {
            assertThat(s.map(f -> f.getFileName().toString()).toList()).containsExactlyInAnyOrder("plain", "TCP.ncap.gz");
        }
    }

    @Test
    void aCorruptRecordFileLeavesNoParquetFile() throws Exception {
        Path file = sample();
        byte[] bytes = Files.readAllBytes(file);
        Path corrupt = tmp.resolve("corrupt.ncap");
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
            byte[] plain = in.readAllBytes();
            for (int i = plain.length / 2; i < plain.length; i++) {
                plain[i] = (byte) 0xff; // varint lengths that never end
            }
            Files.write(corrupt, plain);
        }
        Path out = tmp.resolve("out.parquet");
        Run r = Run.net("dump", "-read", corrupt.toString(), "-parquet", out.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("failed to read next audit record");
        assertThat(out).doesNotExist();
        try (Stream<Path> s = Files.list(tmp)) {
            assertThat(s.filter(f -> f.getFileName().toString().endsWith(".partial")).toList()).isEmpty();
        }
    }

    @Test
    void parquetIsOneOutputFormatAmongTheOthers() {
        Run r = Run.net("dump", "-read", "x.ncap.gz", "-json", "-parquet", "x.parquet");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("conflicting flags -json and -parquet");
        Run select = Run.net("dump", "-read", "x.ncap.gz", "-select", "SrcPort", "-parquet", "x.parquet");
        assertThat(select.status()).isEqualTo(2);
    }

    /** A TCP record file of a corpus capture, in the temporary directory. */
    private Path sample() throws IOException {
        Path records = tmp.resolve("sample");
        Run c = CaptureCommandTest.capture(Map.of(), "-read", Corpus.pcaps().resolve(CAPTURES.get(0)).toString(),
                "-out", records.toString(), "-quiet", "-include", "TCP");
        assertThat(c.status()).as(c.err()).isZero();
        Path file = Files.move(records.resolve("TCP.ncap.gz"), tmp.resolve("TCP.ncap.gz"));
        try (Stream<Path> s = Files.walk(records)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        return file;
    }

    private static List<Path> recordFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".ncap.gz")).sorted().toList();
        }
    }
}
