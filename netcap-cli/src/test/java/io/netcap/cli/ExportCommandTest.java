package io.netcap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.io.RecordWriter;
import io.netcap.io.WriterOptions;
import io.netcap.testing.Corpus;
import io.netcap.types.RecordType;
import io.netcap.types.TCP;
import io.netcap.types.UDP;
import io.netcap.types.format.JsonFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code net export} and {@code capture -metrics}: /metrics scraped on loopback, its values against
 * TShark's reading of the same corpus capture (the truth files), not against our own record counts.
 */
class ExportCommandTest {
    private static final String CAPTURE = "zeek__get-gzip.pcap";

    @TempDir
    Path tmp;

    /** One sample of the text exposition format. */
    record Sample(String name, Map<String, String> labels, double value) {}

    @Test
    void aRecordFileIsCountedPerLabelsAsTsharkSeesThePackets() throws Exception {
        Path records = tmp.resolve("records");
        Run c = CaptureCommandTest.capture(Map.of(), "-read", Corpus.pcaps().resolve(CAPTURE).toString(),
                "-out", records.toString(), "-quiet");
        assertThat(c.status()).as(c.err()).isZero();
        List<Sample> samples = scrapeExport("-read", records.resolve("TCP.ncap.gz").toString());
        List<Map<String, String>> frames = Truth.frames(CAPTURE);
        List<Map<String, String>> tcp = frames.stream().filter(f -> !f.get("tcp.srcport").isEmpty()).toList();
        assertThat(sum(samples, "nc_tcp_total", Map.of())).isEqualTo(tcp.size());
        for (String port : List.of("80", "50153")) {
            assertThat(sum(samples, "nc_tcp_total", Map.of("SrcPort", port)))
                    .isEqualTo(tcp.stream().filter(f -> f.get("tcp.srcport").equals(port)).count());
        }
        long syn = tcp.stream().filter(f -> (Integer.decode(f.get("tcp.flags")) & 0x02) != 0).count();
        assertThat(sum(samples, "nc_tcp_total", Map.of("SYN", "true"))).isEqualTo(syn);
        assertThat(sum(samples, "nc_tcp_size_count", Map.of())).isEqualTo(tcp.size());
        assertThat(sum(samples, "nc_tcp_size_sum", Map.of()))
                .isEqualTo(tcp.stream().mapToLong(f -> Long.parseLong(f.get("tcp.len"))).sum());
        long small = tcp.stream().filter(f -> Long.parseLong(f.get("tcp.len")) <= 20).count();
        assertThat(sum(samples, "nc_tcp_size_bucket", Map.of("le", "20.0"))).isEqualTo(small);
    }

    @Test
    void aCaptureIsCountedFromItsPacketsOn() throws Exception {
        List<Sample> samples = scrapeExport("-read", Corpus.pcaps().resolve(CAPTURE).toString(),
                "-out", tmp.resolve("out").toString(), "-quiet");
        List<Map<String, String>> frames = Truth.frames(CAPTURE);
        assertThat(sum(samples, "nc_numpackets", Map.of())).isEqualTo(frames.size());
        long tcp = frames.stream().filter(f -> !f.get("tcp.srcport").isEmpty()).count();
        long ipv4 = frames.stream().filter(f -> !f.get("ip.src").isEmpty()).count();
        assertThat(sum(samples, "nc_protocols_total", Map.of("Protocol", "TCP"))).isEqualTo(tcp);
        assertThat(sum(samples, "nc_protocols_total", Map.of("Protocol", "IPv4"))).isEqualTo(ipv4);
        assertThat(sum(samples, "nc_ipv4_total", Map.of("TTL", "64"))).isEqualTo(
                frames.stream().filter(f -> f.get("ip.ttl").equals("64")).count());
        assertThat(sum(samples, "nc_uptime", Map.of())).isPositive();
        assertThat(samples).anyMatch(s -> s.name().startsWith("jvm_"));
        assertThat(Files.exists(tmp.resolve("out/TCP.ncap.gz"))).isTrue();
    }

    @Test
    void captureServesMetricsWhileItRuns() {
        Run r = CaptureCommandTest.capture(Map.of(), "-read", Corpus.pcaps().resolve(CAPTURE).toString(),
                "-out", tmp.resolve("out").toString(), "-quiet", "-metrics", "127.0.0.1:0");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err()).containsPattern("serving metrics at http://127\\.0\\.0\\.1:\\d+/metrics");
        Run bad = CaptureCommandTest.capture(Map.of(), "-read", Corpus.pcaps().resolve(CAPTURE).toString(),
                "-out", tmp.resolve("out2").toString(), "-quiet", "-metrics", "nowhere");
        assertThat(bad.status()).as("a value error, before reading").isEqualTo(2);
        assertThat(bad.err()).contains("-metrics nowhere: give host:port");
        assertThat(tmp.resolve("out2")).doesNotExist();
    }

    /**
     * The timing gauges (docs/scale-out.md, "Prometheus"): a recent call's nanoseconds of each layer decoder, stream
     * decoder and the reassembly, for the decoders the bundled sample (TCP over IPv4 over Ethernet, HTTP) runs.
     */
    @Test
    void timingGaugesOfTheDecodersThatRan() throws Exception {
        List<Sample> samples = scrapeExport("-read", Path.of("..", "samples", "http-get-gzip.pcap").toString(), "-out",
                tmp.resolve("out").toString());
        Map<String, Double> layer = new TreeMap<>();
        Map<String, Double> stream = new TreeMap<>();
        double reassembly = -1;
        for (Sample s : samples) {
            switch (s.name()) {
                case "nc_gopacket_decoder_time" -> layer.put(s.labels().get("Decoder"), s.value());
                case "nc_tcp_stream_decode_time" -> stream.put(s.labels().get("Decoder"), s.value());
                case "nc_reassembly_time" -> reassembly = s.value();
                default -> { }
            }
        }
        assertThat(layer).containsKeys("Ethernet", "IPv4", "TCP");
        assertThat(layer.values()).allMatch(ns -> ns > 0 && ns < 1e9);
        assertThat(stream).containsOnlyKeys("HTTP");
        assertThat(stream.get("HTTP")).isPositive();
        assertThat(reassembly).isPositive();
    }

    /**
     * Go's {@code expvar} page (docs/scale-out.md, "Prometheus"): the command line as given, the heap's numbers under
     * {@code memstats}, the packets read; other paths 404 as Go's mux answers them.
     */
    @Test
    void debugVarsShowsTheCommandLineMemoryAndPackets() throws Exception {
        String sample = Path.of("..", "samples", "http-get-gzip.pcap").toString();
        String out = tmp.resolve("out").toString();
        List<HttpResponse<String>> pages = withExport(http -> List.of(http.apply("/debug/vars"), http.apply("/x")),
                "-read", sample, "-out", out);
        HttpResponse<String> vars = pages.get(0);
        assertThat(vars.statusCode()).isEqualTo(200);
        assertThat(vars.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        String body = vars.body();
        assertThat(body).contains("\"cmdline\": [\"net\", \"export\", \"-address\", \"127.0.0.1:0\", \"-read\", "
                + JsonFormat.quote(sample) + ", \"-out\", " + JsonFormat.quote(out) + "]");
        // tshark -r samples/http-get-gzip.pcap: 14 frames
        assertThat(body).contains("\"netcap\": {\"packets\": 14, ");
        Matcher m = Pattern.compile("\"HeapAlloc\": (\\d+), \"HeapSys\": (\\d+), \"Sys\": (\\d+), \"NumGC\": (\\d+)")
                .matcher(body);
        assertThat(m.find()).as(body).isTrue();
        long alloc = Long.parseLong(m.group(1));
        long heap = Long.parseLong(m.group(2));
        assertThat(alloc).isPositive().isLessThanOrEqualTo(heap);
        assertThat(Long.parseLong(m.group(3))).isGreaterThan(heap);
        assertThat(pages.get(1).statusCode()).isEqualTo(404);
        assertThat(pages.get(1).body()).isEqualTo("404 page not found\n");
    }

    /** {@code capture -pps}: the packets per second of the chart are TShark's frames per second of capture time. */
    @Test
    void ppsChartHoldsTsharksFramesPerSecond() throws Exception {
        String capture = "zeek__bro.org.pcap";
        Path out = tmp.resolve("pps");
        Run r = CaptureCommandTest.capture(Map.of(), "-read", Corpus.pcaps().resolve(capture).toString(), "-out",
                out.toString(), "-quiet", "-pps");
        assertThat(r.status()).as(r.err()).isZero();
        Map<Long, Long> expected = new java.util.TreeMap<>();
        for (Map<String, String> f : Truth.frames(capture)) {
            expected.merge(new java.math.BigDecimal(f.get("frame.time_epoch")).longValue(), 1L, Long::sum);
        }
        StringBuilder points = new StringBuilder();
        Long previous = null;
        for (var e : expected.entrySet()) {
            if (previous != null && e.getKey() - previous > 1) { // silence: 0 after the last second and before the next
                points.append(",[").append(previous + 1).append(",0]");
                if (e.getKey() - previous > 2) {
                    points.append(",[").append(e.getKey() - 1).append(",0]");
                }
            }
            points.append(",[").append(e.getKey()).append(',').append(e.getValue()).append(']');
            previous = e.getKey();
        }
        assertThat(expected).hasSizeGreaterThan(5);
        assertThat(Files.readString(out.resolve("pps-line.html")))
                .contains("{\"name\":\"packets\",\"points\":[" + points.substring(1) + "]}");
    }

    @Test
    void exportWithoutInputOrWithRecordsAndCaptureFlagsFails() {
        Run none = Run.net("export");
        assertThat(none.status()).isEqualTo(1);
        assertThat(none.err()).startsWith("nothing to do.");
        Run mixed = Run.net("export", "-read", "TCP.ncap.gz", "-workers", "2");
        assertThat(mixed.status()).isEqualTo(2);
        Run replayCapture = Run.net("export", "-read", "x.pcap", "-replay");
        assertThat(replayCapture.status()).isEqualTo(2);
        assertThat(replayCapture.err()).startsWith("-replay applies to audit record files (-read FILE.ncap.gz or -dir)");
        Run missing = Run.net("export", "-read", "no-such.ncap.gz", "-address", "127.0.0.1:0");
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("cannot open no-such.ncap.gz: No such file or directory\n");
    }

    /**
     * {@code -replay}: every record is counted no earlier than its time after the earliest record of all files (the UDP
     * file's first record waits 100 ms, though it is that file's first); one out of order is counted at once; the run
     * ends once the last is counted, not much later.
     */
    @Test
    void replayCountsEachRecordAtItsTime() throws Exception {
        long t0 = 1_700_000_000_000_000_000L;
        long ms = 1_000_000;
        Path dir = Files.createDirectories(tmp.resolve("replay"));
        WriterOptions options = WriterOptions.defaults("a.pcap");
        try (RecordWriter tcp = RecordWriter.create(dir, RecordType.TCP, options);
             RecordWriter udp = RecordWriter.create(dir, RecordType.UDP, options)) {
            for (long at : new long[] {0, 150, 300, 50}) {
                tcp.write(TCP.newBuilder().setTimestamp(t0 + at * ms).setSrcPort((int) at).build());
            }
            for (long at : new long[] {100, 250}) {
                udp.write(UDP.newBuilder().setTimestamp(t0 + at * ms).setSrcPort((int) at).build());
            }
        }
        Map<Long, Long> countedAfter = new java.util.concurrent.ConcurrentHashMap<>();
        long start = System.nanoTime();
        Replay.run(List.of(dir.resolve("TCP.ncap.gz"), dir.resolve("UDP.ncap.gz")),
                (type, m) -> countedAfter.put((Replay.time(type, m) - t0) / ms, (System.nanoTime() - start) / ms),
                new PrintWriter(new StringWriter()));
        long took = (System.nanoTime() - start) / ms;
        assertThat(countedAfter).containsOnlyKeys(0L, 50L, 100L, 150L, 250L, 300L);
        for (long at : List.of(0L, 100L, 150L, 250L, 300L)) {
            assertThat(countedAfter.get(at)).as("the record at %d ms", at).isGreaterThanOrEqualTo(at);
        }
        assertThat(countedAfter.get(50L)).as("out of order: at once after the one at 150 ms").isGreaterThanOrEqualTo(150);
        assertThat(took).as("not waiting beyond the last record").isLessThan(300 + 10_000);

        List<Sample> samples = scrapeExport("-dir", dir.toString(), "-replay");
        assertThat(sum(samples, "nc_tcp_total", Map.of())).isEqualTo(4.0);
        assertThat(sum(samples, "nc_udp_total", Map.of())).isEqualTo(2.0);
    }

    /** Runs {@code net export ARGS -address 127.0.0.1:0} until its input is exhausted, scrapes, stops it. */
    private static List<Sample> scrapeExport(String... args) throws Exception {
        return withExport(http -> {
            HttpResponse<String> r = http.apply("/metrics");
            assertThat(r.statusCode()).isEqualTo(200);
            return parse(r.body());
        }, args);
    }

    /**
     * Runs {@code net export ARGS -address 127.0.0.1:0} until its input is exhausted, gives {@code ask} a way to GET
     * a path of its server, stops it.
     */
    private static <T> T withExport(Function<Function<String, HttpResponse<String>>, T> ask, String... args)
            throws Exception {
        CommandLine cmd = Net.commandLine(null, Map.of());
        ExportCommand export = (ExportCommand) cmd.getSubcommands().get("export").getCommand();
        StringWriter err = new StringWriter();
        cmd.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("export", "-address", "127.0.0.1:0"));
        all.addAll(List.of(args));
        int[] status = {-1};
        Thread t = Thread.ofPlatform().start(() -> status[0] = cmd.execute(all.toArray(String[]::new)));
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!err.toString().contains("input exhausted") && t.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(err.toString()).contains("input exhausted");
            Matcher m = Pattern.compile("serving metrics at (http://\\S+)/metrics").matcher(err.toString());
            assertThat(m.find()).isTrue();
            try (HttpClient http = HttpClient.newHttpClient()) {
                return ask.apply(path -> {
                    try {
                        return http.send(HttpRequest.newBuilder(URI.create(m.group(1) + path)).build(),
                                HttpResponse.BodyHandlers.ofString());
                    } catch (IOException | InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
        } finally {
            export.stopped.countDown();
            t.join(10_000);
            assertThat(status[0]).isZero();
        }
    }

    // DOTALL: a label value may hold a CR (a Service banner); the format escapes only LF, '"' and '\\'
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)$", Pattern.DOTALL);
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    /** The Prometheus text format (version 0.0.4): one sample a line, comments skipped. */
    static List<Sample> parse(String body) {
        List<Sample> out = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            assertThat(m.matches()).as(line).isTrue();
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(3) != null) {
                Matcher l = LABEL.matcher(m.group(3));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2).replace("\\\"", "\"").replace("\\n", "\n").replace("\\\\", "\\"));
                }
            }
            out.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(4))));
        }
        return out;
    }

    /** The sum of the samples of {@code name} whose labels include {@code match}. */
    private static double sum(List<Sample> samples, String name, Map<String, String> match) {
        return samples.stream().filter(s -> s.name().equals(name))
                .filter(s -> s.labels().entrySet().containsAll(match.entrySet()))
                .mapToDouble(Sample::value).sum();
    }

    /** TShark's per-frame fields of a corpus capture. */
    static final class Truth {
        static List<Map<String, String>> frames(String capture) throws Exception {
            List<String> lines = Files.readAllLines(Corpus.truth().resolve(capture + ".fields.tsv"));
            String[] header = lines.getFirst().split("\t", -1);
            List<Map<String, String>> out = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] v = line.split("\t", -1);
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.length; i++) {
                    row.put(header[i], i < v.length ? v[i] : "");
                }
                out.add(row);
            }
            return out;
        }
    }
}
