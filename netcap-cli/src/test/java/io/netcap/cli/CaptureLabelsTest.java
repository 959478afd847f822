package io.netcap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code net capture -labels FILE} (docs/labeling.md): the records of the capture labeled as {@code net label
 * -custom FILE} labels them. TShark lists the sample's 14 frames, all TCP between 141.142.228.5 and
 * 54.243.118.187, from 1363624631.382875 to 1363624631.464202 (2013-03-18 16:37:11 UTC).
 */
class CaptureLabelsTest {
    private static final Path SAMPLE = Path.of("..", "samples", "http-get-gzip.pcap");
    private static final long FIRST_SECOND = 1363624631L;
    private static final String YAML = """
            location: UTC
            timeFormat: "15:04:05"
            dateFormat: "2006-01-02"
            attacks:
              - name: api fetch
                date: 2013-03-18
                start: "16:37:11"
                end: "16:37:12"
                ips: [54.243.118.187]
                category: web
              - name: absent attacker
                date: 2013-03-18
                start: "16:37:11"
                end: "16:37:12"
                victims: [141.142.228.5]
                attackers: [10.0.0.1]
                category: scan
              - name: before the capture
                date: 2013-03-18
                start: "16:30:00"
                end: "16:37:10"
                ips: [54.243.118.187]
                category: old
            """;

    @TempDir
    Path tmp;

    @Test
    void labelsAsNetLabelCustomDoes() throws IOException {
        Path yml = Files.writeString(tmp.resolve("attacks.yml"), YAML);
        Path one = tmp.resolve("one");
        Run r = CaptureCommandTest.capture(Map.of(), "-read", SAMPLE.toString(), "-out", one.toString(), "-quiet",
                "-labels", yml.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err()).contains("AttackName", "api fetch");
        // only the first attack applies: its window and address; the others miss in address or time
        assertThat(labels(one.resolve("TCP_labeled.csv"))).hasSize(14).containsOnly("web");
        assertThat(labels(one.resolve("IPv4_labeled.csv"))).hasSize(14).containsOnly("web");
        assertThat(labels(one.resolve("Ethernet_labeled.csv"))).hasSize(14).containsOnly("normal");

        Path two = tmp.resolve("two");
        assertThat(CaptureCommandTest.capture(Map.of(), "-read", SAMPLE.toString(), "-out", two.toString(), "-quiet").status()).isZero();
        Run label = Run.net("label", "-read", two.toString(), "-custom", yml.toString());
        assertThat(label.status()).as(label.err()).isZero();
        List<String> files = labeledFiles(one);
        assertThat(files).isNotEmpty().isEqualTo(labeledFiles(two));
        for (String f : files) {
            assertThat(Files.readString(one.resolve(f))).as(f).isEqualTo(Files.readString(two.resolve(f)));
        }
    }

    /**
     * {@code -csv -labels}: the rows labeled as they are written, in a last column {@code Category}, as the original
     * does. Each TCP row equals the row {@code net label -custom} writes for the same record after the capture (the
     * same columns, the label last); the table at the end counts every label of every file.
     */
    @Test
    void csvRowsAreLabeledAsTheyAreWritten() throws IOException {
        Path yml = Files.writeString(tmp.resolve("attacks.yml"), YAML);
        Path csv = tmp.resolve("csv");
        Run r = CaptureCommandTest.capture(Map.of(), "-read", SAMPLE.toString(), "-out", csv.toString(), "-quiet",
                "-csv", "-labels", yml.toString());
        assertThat(r.status()).as(r.err()).isZero();
        List<String> tcp = gunzipLines(csv.resolve("TCP.csv.gz"));
        assertThat(tcp.getFirst()).endsWith(",Options,PayloadEntropy,PayloadSize,SrcIP,DstIP,Category");
        Path records = tmp.resolve("records");
        assertThat(CaptureCommandTest.capture(Map.of(), "-read", SAMPLE.toString(), "-out", records.toString(), "-quiet")
                .status()).isZero();
        assertThat(Run.net("label", "-read", records.toString(), "-custom", yml.toString()).status()).isZero();
        List<String> labeled = Files.readAllLines(records.resolve("TCP_labeled.csv"));
        assertThat(labeled.getFirst()).isEqualTo(tcp.getFirst().replaceFirst("Category$", "result"));
        assertThat(tcp.subList(1, tcp.size())).hasSize(14).allMatch(l -> l.endsWith(",web"))
                .containsExactlyInAnyOrderElementsOf(labeled.subList(1, labeled.size()));
        assertThat(gunzipLines(csv.resolve("Ethernet.csv.gz")).stream().skip(1)).hasSize(14).allMatch(l -> l.endsWith(",normal"));

        Map<String, Long> perLabel = new java.util.TreeMap<>();
        try (Stream<Path> files = Files.list(csv)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".csv.gz")).toList()) {
                // RFC 4180 records: a Service banner spans lines
                io.netcap.types.format.CsvReader rows = new io.netcap.types.format.CsvReader(
                        new java.io.StringReader(String.join("\n", gunzipLines(f))), ",");
                rows.next(); // the header
                for (var row = rows.next(); row != null; row = rows.next()) {
                    perLabel.merge(row.fields().getLast(), 1L, Long::sum);
                }
            }
        }
        assertThat(perLabel).containsOnlyKeys("web", "normal");
        assertThat(r.err()).contains("AttackName", "api fetch").containsPattern("\\nCategory +Count +Share\\n");
        long all = perLabel.values().stream().mapToLong(Long::longValue).sum();
        perLabel.forEach((label, n) -> assertThat(r.err()).containsPattern("\\n" + label + " +" + n + " +"
                + String.format(java.util.Locale.ROOT, "%.2f", 100.0 * n / all).replace(".", "\\.") + "%\\n"));
        assertThat(csv.resolve("TCP_labeled.csv")).doesNotExist();
        // -scatter (default on): every record of the sample lies in the 5-minute bucket from 16:35:00 UTC
        String chart = Files.readString(csv.resolve("csv-scatter.html"));
        assertThat(chart).startsWith("<!DOCTYPE html>").contains("<svg", "<circle")
                .contains("{\"name\":\"normal\",\"points\":[[1363624500," + perLabel.get("normal") + "]]}")
                .contains("{\"name\":\"attack\",\"points\":[[1363624500," + perLabel.get("web") + "]]}");

        Path encoded = tmp.resolve("encoded");
        assertThat(CaptureCommandTest.capture(Map.of(), "-read", SAMPLE.toString(), "-out", encoded.toString(), "-quiet",
                "-csv", "-encode", "-labels", yml.toString()).status()).isZero();
        List<String> encodedTcp = gunzipLines(encoded.resolve("TCP.csv.gz"));
        assertThat(encodedTcp.getFirst()).isEqualTo(tcp.getFirst());
        assertThat(encodedTcp.stream().skip(1)).hasSize(14).allMatch(l -> l.matches("(-?\\d+(\\.\\d{10})?,)+web"));

        Run json = CaptureCommandTest.capture(Map.of(), "-read", SAMPLE.toString(), "-out", tmp.resolve("j").toString(),
                "-json", "-labels", yml.toString());
        assertThat(json.status()).isEqualTo(2);
        assertThat(json.err()).startsWith("-labels labels CSV rows or audit record files, which -json does not write");
    }

    private static List<String> gunzipLines(Path gz) throws IOException {
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(gz))) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        }
    }

    /** The older CSV form: times in this machine's zone, so the test writes the sample's second in it. */
    @Test
    void csvDescription() throws IOException {
        DateTimeFormatter go = DateTimeFormatter.ofPattern("uuuu/M/d HH:mm:ss");
        LocalDateTime first = LocalDateTime.ofInstant(Instant.ofEpochSecond(FIRST_SECOND), ZoneId.systemDefault());
        Path csv = Files.writeString(tmp.resolve("attacks.csv"), "num,name,start,end,ips,proto,notes,category\n"
                + "1,api fetch," + go.format(first) + "," + go.format(first.plusSeconds(1))
                + ",54.243.118.187,HTTP,\"a GET, gzip\",web\n");
        Path out = tmp.resolve("out");
        Run r = CaptureCommandTest.capture(Map.of(), "-read", SAMPLE.toString(), "-out", out.toString(), "-quiet",
                "-labels", csv.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(labels(out.resolve("TCP_labeled.csv"))).hasSize(14).containsOnly("web");
    }

    /** The description is read first: a bad one costs no capture. */
    @Test
    void aBadDescriptionStopsBeforeTheCapture() throws IOException {
        Path yml = Files.writeString(tmp.resolve("attacks.yml"), YAML.replace("    category: web", "    categroy: web"));
        Path out = tmp.resolve("out");
        Run r = CaptureCommandTest.capture(Map.of(), "-read", SAMPLE.toString(), "-out", out.toString(), "-labels", yml.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("-labels: " + yml + ":10: ", "categroy");
        assertThat(out.resolve("TCP.ncap.gz")).doesNotExist();
        Path none = Files.writeString(tmp.resolve("none.yml"), "attacks: []\n");
        Run empty = CaptureCommandTest.capture(Map.of(), "-read", SAMPLE.toString(), "-out", out.toString(), "-labels", none.toString());
        assertThat(empty.status()).isEqualTo(1);
        assertThat(empty.err()).contains("no labels found.");
    }

    /** The last column of each data line. */
    private static List<String> labels(Path csv) throws IOException {
        return Files.readAllLines(csv).stream().skip(1).map(l -> l.substring(l.lastIndexOf(',') + 1)).toList();
    }

    private static List<String> labeledFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith("_labeled.csv")).sorted().toList();
        }
    }
}
