package io.netcap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import io.netcap.io.RecordReader;
import io.netcap.types.HTTP;
import io.netcap.types.RecordType;
import io.netcap.types.format.CsvFormat;
import io.netcap.types.format.CsvReader;
import io.netcap.types.format.CsvStyle;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code net capture -csv}, {@code -json} and {@code -null} (docs/engine.md, "Output encodings"). */
class CaptureEncodingsTest {
    private static final Path SAMPLE = Path.of("..", "samples", "http-get-gzip.pcap");

    @TempDir
    Path tmp;

    private Path capture(String name, String... flags) {
        Path out = tmp.resolve(name);
        List<String> args = new ArrayList<>(List.of("-read", SAMPLE.toString(), "-out", out.toString(), "-quiet"));
        args.addAll(List.of(flags));
        Run r = CaptureCommandTest.capture(Map.of(), args.toArray(String[]::new));
        assertThat(r.status()).as(r.err()).isZero();
        return out;
    }

    private static String text(Path gz) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<String> lines(Path gz) throws IOException {
        return text(gz).lines().toList();
    }

    /** The records of CSV text (a quoted value may span lines, as a Service banner does). */
    private static List<List<String>> rows(String csv) throws IOException {
        CsvReader r = new CsvReader(new StringReader(csv), ",");
        List<List<String>> out = new ArrayList<>();
        for (CsvReader.Record rec = r.next(); rec != null; rec = r.next()) {
            assertThat(rec.error()).isNull();
            out.add(rec.fields());
        }
        return out;
    }

    private static List<Message> records(Path file) throws IOException {
        List<Message> out = new ArrayList<>();
        try (RecordReader r = RecordReader.open(file)) {
            for (Message m = r.next(); m != null; m = r.next()) {
                out.add(m);
            }
        }
        return out;
    }

    private static List<String> files(Path dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(suffix))
                    .map(n -> n.substring(0, n.length() - suffix.length())).sorted().toList();
        }
    }

    /** Each CSV file holds the rows of the container's records, as dump renders them with integer timestamps. */
    @Test
    void csvHoldsTheSameRecords() throws IOException {
        Path proto = capture("proto");
        Path csv = capture("csv", "-csv");
        assertThat(files(csv, ".csv.gz")).isNotEmpty().isEqualTo(files(proto, ".ncap.gz"));
        for (String type : files(proto, ".ncap.gz")) {
            CsvFormat format = CsvFormat.of(RecordType.byName(type).orElseThrow());
            StringBuilder expected = new StringBuilder();
            for (Message m : records(proto.resolve(type + ".ncap.gz"))) {
                format.appendRow(m, CsvStyle.raw(), ",", format.dumpSelection(), expected);
                expected.append('\n');
            }
            List<List<String>> got = rows(text(csv.resolve(type + ".csv.gz")));
            assertThat(got.getFirst()).as(type).isEqualTo(format.header(format.dumpSelection()));
            assertThat(got.subList(1, got.size())).as(type)
                    .containsExactlyInAnyOrderElementsOf(rows(expected.toString()));
        }
        // against TShark's view of the sample: 14 TCP segments, the first at 1363624631.382875 from port 50153
        List<String> tcp = lines(csv.resolve("TCP.csv.gz"));
        assertThat(tcp).hasSize(15);
        assertThat(tcp.subList(1, 15)).anyMatch(l -> l.startsWith("1363624631382875000,50153,80,"));
    }

    /**
     * {@code -encode}: the TCP rows of {@code -csv} as numbers, recomputed here from the plain rows of a run with
     * one worker (the same row order): addresses as integers, flags 1 or 0, ports as running z-scores (two passes
     * over the values so far), the options as categories in order of first appearance.
     */
    @Test
    void encodedCsvIsTheCsvRowsAsNumbers() throws IOException {
        List<List<String>> plain = rows(text(capture("csv", "-csv", "-workers", "1").resolve("TCP.csv.gz")));
        Path encodedDir = capture("encoded", "-csv", "-encode", "-workers", "1");
        List<List<String>> encoded = rows(text(encodedDir.resolve("TCP.csv.gz")));
        assertThat(encoded).hasSize(15).hasSameSizeAs(plain);
        List<String> header = plain.getFirst();
        assertThat(encoded.getFirst()).isEqualTo(header);
        int srcIp = header.indexOf("SrcIP");
        int syn = header.indexOf("SYN");
        int port = header.indexOf("SrcPort");
        int options = header.indexOf("Options");
        List<Double> ports = new ArrayList<>();
        List<String> seenOptions = new ArrayList<>();
        for (int i = 1; i < plain.size(); i++) {
            List<String> p = plain.get(i);
            List<String> e = encoded.get(i);
            assertThat(e).hasSameSizeAs(header).allSatisfy(v -> assertThat(v).matches("-?\\d+(\\.\\d{10})?"));
            long ip = 0;
            for (String octet : p.get(srcIp).split("\\.")) {
                ip = ip * 256 + Integer.parseInt(octet);
            }
            assertThat(e.get(srcIp)).isEqualTo(Long.toString(ip));
            assertThat(e.get(syn)).isEqualTo(p.get(syn).equals("true") ? "1.0000000000" : "0.0000000000");
            ports.add(Double.parseDouble(p.get(port)));
            double mean = ports.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double squares = ports.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum();
            double z = ports.size() < 2 || squares == 0 ? 0 : (ports.getLast() - mean) / Math.sqrt(squares / (ports.size() - 1));
            assertThat(Double.parseDouble(e.get(port))).isCloseTo(z, org.assertj.core.data.Offset.offset(1e-9));
            if (!seenOptions.contains(p.get(options))) {
                seenOptions.add(p.get(options));
            }
            assertThat(e.get(options)).isEqualTo(seenOptions.indexOf(p.get(options)) + ".0000000000");
        }
        assertThat(seenOptions).hasSizeGreaterThan(2);
        assertThat(Files.readString(encodedDir.resolve("summary.json"))).doesNotContain("categories_over_cap");
    }

    @Test
    void encodeNeedsCsv() {
        Run r = CaptureCommandTest.capture(Map.of(), "-read", SAMPLE.toString(), "-out", tmp.resolve("x").toString(),
                "-json", "-encode");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).startsWith("-encode: encodes the values of -csv or -unix, neither of which is set\n");
        assertThat(tmp.resolve("x")).doesNotExist();
    }

    @Test
    void jsonIsTheHeaderThenTheRecordsWithMilliseconds() throws IOException {
        Path proto = capture("proto");
        Path json = capture("json", "-json");
        assertThat(files(json, ".json.gz")).isEqualTo(files(proto, ".ncap.gz"));
        List<String> http = lines(json.resolve("HTTP.json.gz"));
        assertThat(http).hasSize(2);
        assertThat(http.get(0)).matches("\\{\"Created\":\\d+,\"InputSource\":\"[^\"]*http-get-gzip.pcap\","
                + "\"Type\":\\d+,\"Version\":\"v0.6.11\"}");
        HTTP record = (HTTP) records(proto.resolve("HTTP.ncap.gz")).getFirst();
        assertThat(http.get(1)).startsWith("{\"Timestamp\":\"" + record.getTimestamp() / 1_000_000 + "\",")
                .contains("\"Method\":\"GET\"", "\"Host\":\"httpbin.org\"", "\"URL\":\"/gzip\"", "\"StatusCode\":200");
        assertThat(lines(json.resolve("TCP.json.gz"))).hasSize(15);
    }

    @Test
    void nullWritesNoRecordFileButCountsTheRecords() throws IOException {
        Path proto = capture("proto");
        Path none = capture("none", "-null");
        assertThat(files(none, ".gz")).isEmpty();
        String counts = "\"records\": \\{[^}]*}";
        assertThat(Files.readString(none.resolve("summary.json"))).containsPattern("\"TCP\": 14")
                .containsPattern(counts);
        Matcher p = Pattern.compile(counts).matcher(Files.readString(proto.resolve("summary.json")));
        Matcher n = Pattern.compile(counts).matcher(Files.readString(none.resolve("summary.json")));
        assertThat(p.find() && n.find()).isTrue();
        assertThat(n.group()).isEqualTo(p.group());
    }

    @Test
    void writersThatReadTheContainerAreRefusedAndEarlierFilesKept() throws IOException {
        Run parquet = CaptureCommandTest.capture(Map.of(), "-read", SAMPLE.toString(), "-out",
                tmp.resolve("x").toString(), "-csv", "-parquet");
        assertThat(parquet.status()).isEqualTo(2);
        assertThat(parquet.err()).startsWith("-parquet reads the audit record files, which -csv does not write\n");
        Path csv = capture("csv", "-csv");
        Run again = CaptureCommandTest.capture(Map.of(), "-read", SAMPLE.toString(), "-out", csv.toString(), "-json",
                "-quiet");
        assertThat(again.status()).isEqualTo(1);
        assertThat(again.err()).contains("holds 9 audit record files of an earlier run");
    }
}
