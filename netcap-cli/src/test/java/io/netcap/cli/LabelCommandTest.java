package io.netcap.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netcap.testing.Corpus;
import io.netcap.testing.Tshark;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code net label} as a user runs it: inputs, the missing-Suricata error, -strict, damaged record files. */
class LabelCommandTest {
    private static final String PCAP = "suricata-verify__flowbit-oring_input.pcap";

    @TempDir
    Path tmp;

    @Test
    void helpNamesTheAlertInputs() {
        Run r = Run.net("label", "-h");
        assertThat(r.status()).isZero();
        assertThat(r.out()).startsWith("Usage of net label:\n").contains("-fast-log string", "-eve string", "-tz string",
                "-labeled-out string", "Examples:");
        assertThat(Run.net("help", "label").out()).isEqualTo(r.out());
    }

    @Test
    void withoutInputItSaysWhatToGive() {
        Run r = Run.net("label");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("-fast-log", "-eve", "-r");
    }

    /**
     * {@code -debug}: {@code alerts.log} says what each alert matched. The corpus alert fires on one frame of one TCP
     * stream (TShark); so it matches one record of each packet type, the connection, and the HTTP exchanges of that
     * stream requested at or before it (docs/labeling.md, "Matching"), as many as the labeled files hold. An alert
     * outside the capture matches none.
     */
    @Test
    void debugSaysWhatEachAlertMatched() throws Exception {
        Tshark.require();
        Path pcap = Corpus.pcaps().resolve(PCAP);
        String alert = Files.readString(Corpus.require().resolve("alerts").resolve(PCAP + ".fast.log")).strip();
        Path fast = Files.writeString(tmp.resolve("fast.log"), alert + "\n"
                + alert.replace("07/13/2016", "07/13/2017") + "\n");
        Run r = Run.net("label", "-r", pcap.toString(), "-out", tmp.resolve("rec").toString(), "-fast-log",
                fast.toString(), "-tz", "UTC", "-labeled-out", tmp.resolve("labeled").toString(), "-debug");
        assertThat(r.status()).as(r.err()).isZero();

        List<String> frames = new ArrayList<>();
        Set<String> streams = new TreeSet<>();
        List<String[]> rows = new ArrayList<>();
        for (String row : Tshark.run("-r", pcap.toString(), "-T", "fields", "-e", "frame.time_epoch", "-e", "ip.src",
                "-e", "tcp.srcport", "-e", "ip.dst", "-e", "tcp.dstport", "-e", "tcp.stream", "-e", "http.request")
                .split("\n")) {
            String[] f = row.split("\t", -1);
            rows.add(f);
            if (f[0].startsWith("1468449727.573103") && f[1].equals("82.165.177.154") && f[2].equals("80")
                    && f[3].equals("10.16.1.11") && f[4].equals("54186")) {
                frames.add(row);
                streams.add(f[5]);
            }
        }
        long exchanges = rows.stream().filter(f -> streams.contains(f[5]) && !f[6].isEmpty()
                && new java.math.BigDecimal(f[0]).compareTo(new java.math.BigDecimal("1468449727.573103")) <= 0).count();
        assertThat(frames).hasSize(1);
        assertThat(exchanges).isEqualTo(1);
        List<String> lines = Files.readAllLines(tmp.resolve("labeled").resolve("alerts.log"));
        String seen = "line 1: 2016-07-13T22:42:07.573103Z TCP 82.165.177.154:80 -> 10.16.1.11:54186 [sid 2100498]"
                + " \"Potentially Bad Traffic\": Connection=" + streams.size() + " Ethernet=" + frames.size() + " HTTP="
                + exchanges + " IPv4=" + frames.size() + " TCP=" + frames.size();
        assertThat(lines).containsExactly(seen, "line 2: 2017-07-13T22:42:07.573103Z TCP 82.165.177.154:80 ->"
                + " 10.16.1.11:54186 [sid 2100498] \"Potentially Bad Traffic\": no record");
        for (String type : List.of("Connection", "Ethernet", "HTTP", "IPv4", "TCP")) {
            try (var csv = Files.lines(tmp.resolve("labeled").resolve(type + "_labeled.csv"))) {
                assertThat(csv.filter(l -> l.endsWith(",Potentially Bad Traffic")).count()).as(type).isEqualTo(1);
            }
        }
        assertThat(Run.net("label", "-h").out()).contains("-debug");
    }

    @Test
    void withoutSuricataItNamesTheFlagsThatWork() {
        boolean installed = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, "suricata")));
        assumeTrue(!installed, "suricata is installed here, so net label runs it");
        Run r = Run.net("label", "-r", Corpus.pcaps().resolve(PCAP).toString(), "-out", tmp.resolve("rec").toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("suricata is not installed", "-fast-log FILE", "-eve FILE");
        assertThat(tmp.resolve("rec")).as("no capture before the error").doesNotExist();
        Run typo = Run.net("label", "-r", Corpus.pcaps().resolve(PCAP).toString(), "-out", tmp.resolve("rec").toString(),
                "-eve", tmp.resolve("no-such.json").toString());
        assertThat(typo.status()).isEqualTo(1);
        assertThat(typo.err()).contains("no-such.json: No such file or directory");
        assertThat(tmp.resolve("rec")).doesNotExist();
    }

    @Test
    void captureThenLabel() throws Exception {
        Path rec = tmp.resolve("rec");
        Run r = Run.net("label", "-r", Corpus.pcaps().resolve(PCAP).toString(), "-out", rec.toString(),
                "-fast-log", Corpus.require().resolve("alerts").resolve(PCAP + ".fast.log").toString(), "-tz", "UTC",
                "-labeled-out", tmp.resolve("labeled").toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(rec.resolve("TCP.ncap.gz")).exists();
        assertThat(tmp.resolve("labeled/labels.json")).exists();
        assertThat(Files.readAllLines(tmp.resolve("labeled/TCP_labeled.csv")))
                .hasSize(11).filteredOn(l -> l.endsWith(",Potentially Bad Traffic")).hasSize(1);
        assertThat(r.err()).contains("TCP", "Potentially Bad Traffic");
        // a second -r into the same records is refused rather than replacing them
        Run again = Run.net("label", "-r", Corpus.pcaps().resolve(PCAP).toString(), "-out", rec.toString(),
                "-fast-log", Corpus.require().resolve("alerts").resolve(PCAP + ".fast.log").toString());
        assertThat(again.status()).isEqualTo(1);
        assertThat(again.err()).contains("-read " + rec);
    }

    /** {@code -r} captures as {@code net capture -read PCAP -out DIR -quiet} does: the same record files. */
    @Test
    void captureForLabelsWritesWhatNetCaptureWrites() throws Exception {
        Path sample = Path.of("..", "samples", "http-get-gzip.pcap");
        Path eve = Files.writeString(tmp.resolve("eve.json"), "");
        Run label = Run.net("label", "-r", sample.toString(), "-out", tmp.resolve("labeled").toString(), "-eve",
                eve.toString());
        assertThat(label.status()).as(label.err()).isZero();
        Run capture = Run.net("capture", "-read", sample.toString(), "-out", tmp.resolve("captured").toString(), "-quiet");
        assertThat(capture.status()).as(capture.err()).isZero();
        Set<String> captured = recordFiles(tmp.resolve("captured"));
        assertThat(captured).contains("HTTP.ncap.gz", "Service.ncap.gz", "Software.ncap.gz", "TCP.ncap.gz");
        assertThat(recordFiles(tmp.resolve("labeled"))).isEqualTo(captured);
    }

    /** The YARA rules are compiled before {@code -r} captures: a bad rule (or no libyara) costs no capture. */
    @Test
    void yaraRulesAreCheckedBeforeTheCapture() throws Exception {
        Path rules = Files.writeString(tmp.resolve("bad.yar"), "rule broken { condition: nosuchthing }\n");
        Path rec = tmp.resolve("rec");
        Run r = Run.net("label", "-r", Path.of("..", "samples", "http-get-gzip.pcap").toString(), "-out",
                rec.toString(), "-yara", rules.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).startsWith("-yara: ").containsAnyOf("bad.yar", "libyara not found");
        assertThat(r.err()).doesNotContain("captured");
        assertThat(Files.exists(rec) ? recordFiles(rec) : Set.of()).isEmpty();
    }

    private static Set<String> recordFiles(Path dir) throws java.io.IOException {
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".ncap.gz"))
                    .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void strictStopsOnAnUnreadableAlertLine() throws Exception {
        Path rec = tmp.resolve("rec");
        Path fast = tmp.resolve("fast.log");
        Files.writeString(fast, Files.readString(Corpus.require().resolve("alerts").resolve(PCAP + ".fast.log")).strip() + "\nnot an alert\n");
        Run lenient = Run.net("label", "-r", Corpus.pcaps().resolve(PCAP).toString(), "-out", rec.toString(),
                "-fast-log", fast.toString(), "-tz", "UTC");
        assertThat(lenient.status()).as(lenient.err()).isZero();
        assertThat(lenient.err()).contains("1 lines skipped", "fast.log:2: not a fast.log alert line");
        Run strict = Run.net("label", "-read", rec.toString(), "-fast-log", fast.toString(), "-tz", "UTC", "-strict");
        assertThat(strict.status()).isEqualTo(1);
        assertThat(strict.err()).contains("-strict");
    }

    @Test
    void damagedRecordFileIsLabeledUpToTheDamage() throws Exception {
        Path rec = tmp.resolve("rec");
        String fast = Corpus.require().resolve("alerts").resolve(PCAP + ".fast.log").toString();
        assertThat(Run.net("label", "-r", Corpus.pcaps().resolve(PCAP).toString(), "-out", rec.toString(),
                "-fast-log", fast, "-tz", "UTC").status()).isZero();
        // cut the uncompressed TCP file inside its last record
        Path tcp = rec.resolve("TCP.ncap.gz");
        byte[] plain;
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(tcp))) {
            plain = in.readAllBytes();
        }
        Files.delete(tcp);
        Files.write(rec.resolve("TCP.ncap"), Arrays.copyOf(plain, plain.length - 3));
        Run r = Run.net("label", "-read", rec.toString(), "-fast-log", fast, "-tz", "UTC");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("TCP.ncap: record at offset ", "cut short", "1 record files are damaged");
        // nine of the ten records are before the cut
        assertThat(Files.readAllLines(rec.resolve("TCP_labeled.csv"))).hasSize(10);
    }

    /** -progress ends with the records labeled, counted here by reading every record file; without it, no such line. */
    @Test
    void progressCountsTheRecordsOfEveryFile() throws Exception {
        Path rec = tmp.resolve("rec");
        Path noAlerts = Files.writeString(tmp.resolve("fast.log"), "");
        assertThat(Run.net("label", "-r", Path.of("..", "samples", "http-get-gzip.pcap").toString(), "-out",
                rec.toString(), "-fast-log", noAlerts.toString()).err()).doesNotContain("done.");
        long records = 0;
        for (Path file : io.netcap.label.Labeler.recordFiles(rec)) {
            try (io.netcap.io.RecordReader reader = io.netcap.io.RecordReader.open(file)) {
                while (reader.next() != null) {
                    records++;
                }
            }
        }
        assertThat(records).isGreaterThan(20);
        Run r = Run.net("label", "-read", rec.toString(), "-fast-log", noAlerts.toString(), "-progress",
                "-labeled-out", tmp.resolve("again").toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err()).contains("\rdone. " + records + " records ");
    }

    @Test
    void attackDescriptions() throws Exception {
        Path rec = tmp.resolve("rec");
        Path yml = tmp.resolve("attacks.yml");
        // TShark: all ten frames are between these hosts at 2016-07-13 22:42:07 UTC, 6:42:07 PM in New York (EDT)
        Files.writeString(yml, """
                location: America/New_York
                timeFormat: "3:04:05PM"
                dateFormat: "Jan 2 2006"
                attacks:
                  - {name: id check, date: Jul 13 2016, start: "6:42:00PM", end: "6:42:08PM", ips: [82.165.177.154],
                     category: attempted-admin}
                  - {name: later, date: Jul 13 2016, start: "7:42:00PM", end: "7:42:08PM", ips: [82.165.177.154],
                     category: attempted-admin}
                """);
        Run r = Run.net("label", "-r", Corpus.pcaps().resolve(PCAP).toString(), "-out", rec.toString(), "-custom",
                yml.toString(), "-debug");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err()).contains("AttackName", "id check", "attempted-admin");
        assertThat(Files.readAllLines(rec.resolve("TCP_labeled.csv"))).hasSize(11).filteredOn(l -> l.endsWith(",attempted-admin")).hasSize(10);
        // -debug: the ten frames of the one TCP stream with its one request (TShark), and the service its server
        // answered as; Ethernet records carry no addresses, so no attack matches them
        assertThat(Files.readAllLines(rec.resolve("attacks.log"))).containsExactly(
                "attack 1: id check 2016-07-13T22:42:00Z..2016-07-13T22:42:08Z \"attempted-admin\": Connection=1 HTTP=1"
                        + " IPv4=10 Service=1 TCP=10",
                "attack 2: later 2016-07-13T23:42:00Z..2016-07-13T23:42:08Z \"attempted-admin\": no record");

        Files.writeString(yml, Files.readString(yml).replace("     category:", "     categroy:"));
        Run bad = Run.net("label", "-read", rec.toString(), "-custom", yml.toString());
        assertThat(bad.status()).isEqualTo(1);
        assertThat(bad.err()).contains(yml + ":6: ", "categroy");
        assertThat(Run.net("label", "-read", rec.toString(), "-custom", yml.toString(), "-eve", "x").status()).isEqualTo(2);
    }

    @Test
    void yaraRulesOnPayloads() throws Exception {
        assumeTrue(Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/libyara.so.9")), "libyara not installed (Debian package libyara9)");
        Path rec = tmp.resolve("rec");
        Path rules = Files.createDirectories(tmp.resolve("rules"));
        // frame 4 of the capture is the client's request (TShark: tcp.len 81, "GET / HTTP/1.1")
        Files.writeString(rules.resolve("get.yar"), "rule http_get { meta: description = \"a GET\" strings: $g = \"GET /\" condition: $g at 0 }\n");
        Run r = Run.net("label", "-r", Corpus.pcaps().resolve(PCAP).toString(), "-out", rec.toString(), "-yara", rules.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(Files.readAllLines(rec.resolve("TCP_labeled.csv"))).filteredOn(l -> l.endsWith(",http_get")).hasSize(1);
        assertThat(Files.readString(rec.resolve("yara.log"))).contains("\"rule\":\"http_get\"", "\"description\":\"a GET\"");
        // the capture's one TCP stream starts with that request (TShark: stream 0, frame 4): its client bytes
        // match, which labels its Connection and its HTTP exchange
        assertThat(Files.readAllLines(rec.resolve("Connection_labeled.csv"))).filteredOn(l -> l.endsWith(",http_get")).hasSize(1);
        assertThat(Files.readAllLines(rec.resolve("HTTP_labeled.csv"))).filteredOn(l -> l.endsWith(",http_get")).hasSize(1);
        assertThat(Files.readString(rec.resolve("yara.log"))).contains("\"type\":\"Conversation\"", "\"direction\":\"client\"",
                "\"source\":\"stream client\"");

        // scanning only the first 4 bytes of each direction: "GET " holds no "GET /", the payload rule still matches
        Path again = tmp.resolve("again");
        Run shortScan = Run.net("label", "-read", rec.toString(), "-labeled-out", again.toString(), "-yara", rules.toString(),
                "-yara-stream-bytes", "4");
        assertThat(shortScan.status()).as(shortScan.err()).isZero();
        assertThat(Files.readAllLines(again.resolve("Connection_labeled.csv"))).noneMatch(l -> l.endsWith(",http_get"));
        assertThat(Files.readAllLines(again.resolve("TCP_labeled.csv"))).filteredOn(l -> l.endsWith(",http_get")).hasSize(1);
        assertThat(Run.net("label", "-read", rec.toString(), "-yara", rules.toString(), "-yara-stream-bytes", "0").status())
                .isEqualTo(2);

        Files.writeString(rules.resolve("bad.yar"), "rule bad {\n condition: $x\n}\n");
        Run bad = Run.net("label", "-read", rec.toString(), "-yara", rules.toString());
        assertThat(bad.status()).isEqualTo(1);
        assertThat(bad.err()).contains("bad.yar:3: undefined string"); // the yara command names line 3 too
    }
}
