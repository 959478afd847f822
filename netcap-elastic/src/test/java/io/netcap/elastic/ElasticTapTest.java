package io.netcap.elastic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netcap.engine.RecordDecoding;
import io.netcap.engine.CaptureJob;
import io.netcap.engine.Summary;
import io.netcap.engine.TestConfig;
import io.netcap.io.RecordEncoding;
import io.netcap.io.WriterOptions;
import io.netcap.testing.Corpus;
import io.netcap.testing.Ports;
import io.netcap.types.RecordType;
import io.netcap.types.TCP;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code capture -elastic} against a real OpenSearch node (docs/scale-out.md, "Elasticsearch"): every record of a
 * capture is a document of its type's index, equal to the line {@code -json} writes for it; indices prepared by
 * {@code -gen-elastic-indices} take every record of the corpus captures with their times as dates and addresses as IP
 * addresses; what the server rejects or never receives is counted with its reason.
 */
class ElasticTapTest {
    @RegisterExtension
    static final SearchNode node = new SearchNode();

    private static final Path SAMPLE = Path.of("..", "samples", "http-get-gzip.pcap");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @BeforeEach
    void noIndices() throws Exception {
        node.call("DELETE", "/netcap-*", null);
    }

    @Test
    void everyRecordIsADocumentEqualToItsJsonLine() throws Exception {
        // small bulks: every type takes several requests, and the last ones go out at the end
        ElasticTap tap = new ElasticTap(ElasticClient.of(node.address(), "", ""), 7, 3);
        Summary summary = capture(SAMPLE, tmp.resolve("out"), RecordEncoding.JSON, tap);
        assertThat(tap.failures()).isEmpty();
        Map<String, Long> stats = summary.taps().get("elastic");
        assertThat(stats.get("records")).isEqualTo(summary.totalRecords()).isPositive();
        assertThat(stats.get("indexed")).isEqualTo(summary.totalRecords());
        assertThat(stats.get("rejected") + stats.get("failed") + stats.get("retries")).isZero();
        node.call("POST", "/_refresh", null);
        for (RecordType type : RecordType.values()) {
            Path file = tmp.resolve("out").resolve(type.fileName() + ".json.gz");
            if (!Files.exists(file)) {
                continue;
            }
            List<JsonNode> lines = jsonLines(file);
            assertThat(documents(ElasticTap.index(type))).as(type.fileName())
                    .containsExactlyInAnyOrderElementsOf(lines.subList(1, lines.size())); // after the file header
        }
        // the sample is curl fetching httpbin.org/gzip: its HTTP document, found by the server's own search
        JsonNode hits = JSON.readTree(node.call("GET", "/netcap-http/_search?q=Host:httpbin.org", null)).path("hits");
        assertThat(hits.path("total").path("value").asInt()).isEqualTo(1);
        JsonNode http = hits.path("hits").get(0).path("_source");
        assertThat(http.path("URL").asText()).isEqualTo("/gzip");
        assertThat(http.path("UserAgent").asText()).isEqualTo("curl/7.29.0");
        assertThat(http.path("StatusCode").asInt()).isEqualTo(200);
    }

    @Test
    void preparedIndicesTakeEveryRecordTypedByTheirMapping() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        assertThat(ElasticIndices.prepare(ElasticClient.of(node.address(), "", ""), "", List.of(RecordType.values()),
                new PrintStream(log, true, StandardCharsets.UTF_8))).as(log.toString(StandardCharsets.UTF_8)).isZero();
        JsonNode tcp = JSON.readTree(node.call("GET", "/netcap-tcp/_mapping", null))
                .path("netcap-tcp").path("mappings").path("properties");
        assertThat(tcp.path("Timestamp").path("type").asText()).isEqualTo("date");
        assertThat(tcp.path("SrcIP").path("type").asText()).isEqualTo("ip");
        assertThat(tcp.path("SeqNum").path("type").asText()).isEqualTo("long");
        assertThat(tcp.path("SrcPort").path("type").asText()).isEqualTo("integer");
        assertThat(JSON.readTree(node.call("GET", "/netcap-ipprofile/_mapping", null)).path("netcap-ipprofile")
                .path("mappings").path("properties").path("SrcPorts").path("type").asText()).isEqualTo("flat_object");
        // prepared twice: "already exists" is no failure
        assertThat(ElasticIndices.prepare(ElasticClient.of(node.address(), "", ""), "", List.of(RecordType.TCP),
                new PrintStream(log, true, StandardCharsets.UTF_8))).isZero();
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("netcap-tcp already exists");

        List<Path> captures = new ArrayList<>(List.of(SAMPLE));
        if (Corpus.root() != null) {
            for (String name : List.of("zeek__bro.org.pcap", "chrissanders-packets__http_espn.pcapng",
                    "suricata-verify__10.7.29.101_49898-178.63.41.150_25.pcap", "chrissanders-packets__dns.pcap")) {
                Path p = Corpus.pcaps().resolve(name);
                if (Files.exists(p)) {
                    captures.add(p);
                }
            }
        } else {
            System.err.println("ElasticTapTest: shared corpus not found (../shared/corpus): the mapping is tried on the bundled sample only");
        }
        long records = 0;
        for (Path capture : captures) {
            ElasticTap tap = new ElasticTap(ElasticClient.of(node.address(), "", ""), 500, 500);
            Summary summary = capture(capture, tmp.resolve(capture.getFileName().toString()), RecordEncoding.NONE, tap);
            assertThat(tap.failures()).as(capture.toString()).isEmpty();
            assertThat(summary.taps().get("elastic").get("indexed")).as(capture.toString()).isEqualTo(summary.totalRecords());
            records += summary.totalRecords();
        }
        node.call("POST", "/_refresh", null);
        assertThat(JSON.readTree(node.call("GET", "/netcap-*/_count", null)).path("count").asLong()).isEqualTo(records);
        // times are dates: the sample's packets are of 2013-03-18 (UTC), and no TCP record is of the day before
        assertThat(count("netcap-tcp", "{\"range\":{\"Timestamp\":{\"gte\":\"2013-03-18\",\"lt\":\"2013-03-19\"}}}"))
                .isGreaterThanOrEqualTo(14);
        assertThat(count("netcap-tcp", "{\"range\":{\"Timestamp\":{\"gte\":\"2013-03-17\",\"lt\":\"2013-03-18\"}}}")).isZero();
        // addresses are IP addresses: a CIDR query finds the sample's client
        assertThat(count("netcap-tcp", "{\"term\":{\"SrcIP\":\"141.142.0.0/16\"}}")).isGreaterThanOrEqualTo(8);
    }

    @Test
    void rejectedDocumentsAreCountedWithTheServersReason() throws Exception {
        node.call("PUT", "/netcap-udp", "{\"mappings\":{\"properties\":{\"SrcPort\":{\"type\":\"ip\"}}}}");
        ElasticTap tap = new ElasticTap(ElasticClient.of(node.address(), "", ""), 10, 10);
        tap.start(WriterOptions.defaults("synthetic"));
        byte[] chunk = udp(25);
        tap.accept(RecordType.UDP, chunk, chunk.length, 25);
        tap.close();
        assertThat(tap.stats()).containsEntry("records", 25L).containsEntry("rejected", 25L).containsEntry("indexed", 0L)
                .containsEntry("requests", 3L);
        assertThat(tap.failures()).hasSize(1);
        assertThat(tap.failures().keySet().iterator().next())
                .matches("rejected by the server: [a-z_]+_exception \\(first: .*SrcPort.*\\)");
    }

    @Test
    void anUnreachableServerCostsOneWaitThenEachBulkOneTry() throws Exception {
        int closed = Ports.unused();
        List<String> notices = new java.util.concurrent.CopyOnWriteArrayList<>();
        ElasticTap tap = startedOnLoopback(closed, Duration.ofMillis(1000), notices);
        long start = System.nanoTime();
        byte[] chunk = udp(45);
        tap.accept(RecordType.UDP, chunk, chunk.length, 45);
        tap.close();
        long ms = (System.nanoTime() - start) / 1_000_000;
        // the first bulk is tried every 500 ms until a second has passed; the four after it once each
        Map<String, Long> stats = tap.stats();
        assertThat(stats).containsEntry("failed", 45L).containsEntry("indexed", 0L);
        assertThat(stats.get("retries")).isBetween(1L, 3L);
        assertThat(stats.get("requests")).isEqualTo(5 + stats.get("retries"));
        assertThat(ms).isBetween(1000L, 10_000L);
        String why = "server unreachable: http://127.0.0.1:" + closed + ": connection refused";
        assertThat(tap.failures()).containsOnlyKeys(why);
        // said as it happened, once each: the retries, then giving up
        assertThat(notices).containsExactly("elastic: " + why + ": retrying every 500ms for 1s",
                "elastic: " + why + ": gave up after 1s; each request is tried once until the server answers");
    }

    @Test
    void deliveryResumesWhenTheServerAnswersAgain() throws Exception {
        int port = Ports.unused();
        List<String> notices = new java.util.concurrent.CopyOnWriteArrayList<>();
        ElasticTap tap = startedOnLoopback(port, Duration.ofMillis(600), notices);
        byte[] chunk = udp(10);
        tap.accept(RecordType.UDP, chunk, chunk.length, 10);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (notices.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        // the server comes up where it was missing: a stand-in that takes every document
        com.sun.net.httpserver.HttpServer up = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", port), 0);
        up.createContext("/", x -> {
            x.getRequestBody().readAllBytes();
            byte[] b = "{\"errors\":false,\"items\":[]}".getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(200, b.length);
            x.getResponseBody().write(b);
            x.close();
        });
        up.start();
        try {
            tap.accept(RecordType.UDP, chunk, chunk.length, 10);
            tap.close();
        } finally {
            up.stop(0);
        }
        assertThat(tap.stats()).containsEntry("failed", 10L).containsEntry("indexed", 10L);
        assertThat(notices).hasSize(3);
        assertThat(notices.get(2)).isEqualTo("elastic: http://127.0.0.1:" + port + " answers again");
    }

    @Test
    void theNextAddressIsTriedWhenOneCannotBeReached() throws Exception {
        int closed = Ports.unused();
        ElasticTap tap = new ElasticTap(ElasticClient.of("http://127.0.0.1:" + closed + "," + node.address(), "", ""), 10, 10);
        tap.start(WriterOptions.defaults("synthetic"));
        byte[] chunk = tcp(30);
        tap.accept(RecordType.TCP, chunk, chunk.length, 30);
        tap.close();
        assertThat(tap.stats()).containsEntry("indexed", 30L).containsEntry("failed", 0L).containsEntry("retries", 0L);
    }

    private long count(String index, String query) throws Exception {
        return JSON.readTree(node.call("POST", "/" + index + "/_count", "{\"query\":" + query + "}")).path("count").asLong();
    }

    private List<JsonNode> documents(String index) throws Exception {
        JsonNode hits = JSON.readTree(node.call("GET", "/" + index + "/_search?size=10000", null)).path("hits").path("hits");
        List<JsonNode> docs = new ArrayList<>();
        hits.forEach(h -> docs.add(h.path("_source")));
        return docs;
    }

    private static List<JsonNode> jsonLines(Path gz) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    private static Summary capture(Path pcap, Path out, RecordEncoding encoding, ElasticTap tap) throws Exception {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        return new CaptureJob(RecordDecoding::new, quiet, quiet).onEngine(e -> e.tap(tap))
                .run(TestConfig.of(pcap, out).workers(2).encoding(encoding).build());
    }

    /** A started tap of bulks of 10 sending to {@code 127.0.0.1:port}, giving up after {@code giveUp}, its notices into {@code notices}. */
    private static ElasticTap startedOnLoopback(int port, Duration giveUp, List<String> notices) {
        ElasticTap tap = new ElasticTap(ElasticClient.of("http://127.0.0.1:" + port, "", ""), 10, 10, giveUp)
                .withNotices(notices::add);
        tap.start(WriterOptions.defaults("synthetic"));
        return tap;
    }

    private static byte[] udp(int n) throws IOException {
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        for (int i = 0; i < n; i++) {
            io.netcap.types.UDP.newBuilder().setTimestamp(1_500_000_000_000_000_000L + i).setSrcPort(5000 + i).setDstPort(53)
                    .build().writeDelimitedTo(chunk);
        }
        return chunk.toByteArray();
    }

    private static byte[] tcp(int n) throws IOException {
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        for (int i = 0; i < n; i++) {
            TCP.newBuilder().setSeqNum(i).setSrcPort(40000 + i).setDstPort(80).build().writeDelimitedTo(chunk);
        }
        return chunk.toByteArray();
    }
}
