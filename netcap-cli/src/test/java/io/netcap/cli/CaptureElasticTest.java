package io.netcap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.netcap.testing.Ports;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code capture -elastic} and {@code -gen-elastic-indices} as a user runs them (docs/scale-out.md, "Elasticsearch"):
 * the requests the flags make, recorded by a stand-in server on loopback that answers as Elasticsearch and Kibana do
 * (the records' indexing itself is checked against a real OpenSearch node in netcap-elastic's {@code ElasticTapTest});
 * a server that cannot be reached; flags that cannot work.
 */
class CaptureElasticTest {
    private static final Path SAMPLE = Path.of("..", "samples", "http-get-gzip.pcap");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private HttpServer server;
    /** Each request: method, path, then the headers asked for and the body. */
    private final List<String[]> requests = new ArrayList<>();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** A server that takes every bulk item, knows every index as existing, and says it is Elasticsearch. */
    private String standIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void answer(HttpExchange x) throws IOException {
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = x.getRequestURI().getPath();
        synchronized (requests) {
            requests.add(new String[] {x.getRequestMethod(), path, x.getRequestHeaders().getFirst("Authorization"),
                    x.getRequestHeaders().getFirst("kbn-xsrf"), x.getRequestHeaders().getFirst("Content-Type"), body});
        }
        String answer;
        int status = 200;
        if (path.equals("/")) {
            answer = "{\"version\":{\"number\":\"8.19.0\"}}";
        } else if (path.endsWith("/_bulk")) {
            StringBuilder items = new StringBuilder();
            long n = body.lines().count() / 2;
            for (long i = 0; i < n; i++) {
                items.append(i == 0 ? "" : ",").append("{\"index\":{\"status\":201}}");
            }
            answer = "{\"errors\":false,\"items\":[" + items + "]}";
        } else if (x.getRequestMethod().equals("PUT") && path.matches("/netcap-[a-z0-9]+")) {
            status = 400;
            answer = "{\"error\":{\"type\":\"resource_already_exists_exception\"},\"status\":400}";
        } else {
            answer = "{\"acknowledged\":true}";
        }
        byte[] b = answer.getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(status, b.length);
        x.getResponseBody().write(b);
        x.close();
    }

    @Test
    void recordsGoToTheirIndicesWithAuthenticationAndNoRecordFile() throws Exception {
        String es = standIn();
        Path out = tmp.resolve("out");
        Run r = CaptureCommandTest.capture(Map.of(), "-read", SAMPLE.toString(), "-out", out.toString(), "-elastic",
                "-elastic-addrs", es, "-elastic-user", "analyst", "-elastic-pass", "s3cret", "-elastic-bulk-gopacket", "5");
        assertThat(r.status()).as(r.err()).isZero();
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("summary.json", "netcap.log", "reassembly.log"); // no record file
        }
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        long records = 0;
        for (JsonNode n : summary.path("records")) {
            records += n.asLong();
        }
        assertThat(summary.path("elastic").path("records").asLong()).isEqualTo(records).isPositive();
        assertThat(summary.path("elastic").path("indexed").asLong()).isEqualTo(records);

        String basic = "Basic " + Base64.getEncoder().encodeToString("analyst:s3cret".getBytes(StandardCharsets.UTF_8));
        long tcpDocs = 0;
        for (String[] q : requests) {
            assertThat(q[0]).isEqualTo("POST");
            assertThat(q[1]).matches("/netcap-[a-z0-9]+/_bulk");
            assertThat(q[2]).isEqualTo(basic);
            assertThat(q[4]).isEqualTo("application/x-ndjson");
            List<String> lines = q[5].lines().toList();
            for (int i = 0; i < lines.size(); i += 2) {
                assertThat(lines.get(i)).isEqualTo("{\"index\":{}}");
                assertThat(JSON.readTree(lines.get(i + 1)).isObject()).isTrue();
            }
            if (q[1].equals("/netcap-tcp/_bulk")) {
                assertThat(lines.size() / 2).isLessThanOrEqualTo(5); // -elastic-bulk-gopacket
                tcpDocs += lines.size() / 2;
            }
        }
        // the sample's 14 packets are all TCP (tshark -r samples/http-get-gzip.pcap -Y tcp | wc -l)
        assertThat(tcpDocs).isEqualTo(14);
    }

    @Test
    void indicesAndKibanaPatternsForTheSelectedTypes() throws Exception {
        String es = standIn();
        Run r = CaptureCommandTest.capture(Map.of(), "-gen-elastic-indices", "-elastic-addrs", es, "-kibana", es + "/kibana/",
                "-include", "TCP,Connection");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err()).contains("netcap-tcp already exists").contains("prepared 2 of 2 indices");
        List<String> calls = requests.stream().map(q -> q[0] + " " + q[1]).toList();
        assertThat(calls).containsExactly("GET /", // which server: Elasticsearch or OpenSearch
                "PUT /netcap-connection", "DELETE /kibana/api/saved_objects/index-pattern/netcap-connection",
                "POST /kibana/api/saved_objects/index-pattern/netcap-connection", "PUT /netcap-connection/_mapping",
                "PUT /netcap-connection/_settings",
                "PUT /netcap-tcp", "DELETE /kibana/api/saved_objects/index-pattern/netcap-tcp",
                "POST /kibana/api/saved_objects/index-pattern/netcap-tcp", "PUT /netcap-tcp/_mapping", "PUT /netcap-tcp/_settings");
        String[] pattern = requests.get(calls.indexOf("POST /kibana/api/saved_objects/index-pattern/netcap-connection"));
        assertThat(pattern[3]).isEqualTo("true"); // kbn-xsrf
        assertThat(JSON.readTree(pattern[5]).path("attributes").path("timeFieldName").asText()).isEqualTo("TimestampFirst");
        assertThat(JSON.readTree(pattern[5]).path("attributes").path("title").asText()).isEqualTo("netcap-connection*");
        JsonNode mapping = JSON.readTree(requests.get(calls.indexOf("PUT /netcap-tcp/_mapping"))[5]).path("properties");
        assertThat(mapping.path("Timestamp").path("type").asText()).isEqualTo("date");
        assertThat(mapping.path("SeqNum").path("type").asText()).isEqualTo("long");
        assertThat(JSON.readTree(requests.get(calls.indexOf("PUT /netcap-tcp/_settings"))[5])
                .path("index.mapping.total_fields.limit").asText()).isEqualTo("1000000");
    }

    @Test
    void anUnreachableServerIsReportedAndTheCaptureEnds() throws Exception {
        int closed = Ports.unused();
        Path out = tmp.resolve("out");
        Run r = CaptureCommandTest.capture(Map.of(), "-read", SAMPLE.toString(), "-out", out.toString(), "-elastic",
                "-elastic-addrs", "http://127.0.0.1:" + closed, "-elastic-timeout", "1s");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err()).containsPattern("elastic: \\d+ records not indexed: server unreachable: http://127.0.0.1:"
                + closed + ": connection refused")
                .contains("connection refused: retrying every 500ms for 1s\n")
                .contains("connection refused: gave up after 1s; each request is tried once until the server answers\n");
        JsonNode elastic = JSON.readTree(out.resolve("summary.json").toFile()).path("elastic");
        assertThat(elastic.path("failed").asLong()).isEqualTo(elastic.path("records").asLong()).isPositive();
        assertThat(elastic.path("indexed").asLong()).isZero();

        Run gen = CaptureCommandTest.capture(Map.of(), "-gen-elastic-indices", "-elastic-addrs", "http://127.0.0.1:" + closed);
        assertThat(gen.status()).isEqualTo(1);
        assertThat(gen.err()).contains("elastic: http://127.0.0.1:" + closed + ": connection refused");
    }

    @Test
    void flagsThatCannotWork() {
        Run url = CaptureCommandTest.capture(Map.of(), "-read", SAMPLE.toString(), "-elastic", "-elastic-addrs", "localhost:9200");
        assertThat(url.status()).isEqualTo(2);
        assertThat(url.err()).contains("-elastic-addrs: localhost:9200 is not an http or https URL");
        Run kafka = CaptureCommandTest.capture(Map.of(), "-read", SAMPLE.toString(), "-elastic", "-kafka", "localhost:9092");
        assertThat(kafka.status()).isEqualTo(2);
        assertThat(kafka.err()).contains("-elastic and -kafka: the records go to one of them");
        Run bulk = CaptureCommandTest.capture(Map.of(), "-read", SAMPLE.toString(), "-elastic", "-elastic-bulk-custom", "0");
        assertThat(bulk.status()).isEqualTo(2);
        assertThat(bulk.err()).contains("-elastic-bulk-custom 0: allowed are 1..100000");
    }
}
