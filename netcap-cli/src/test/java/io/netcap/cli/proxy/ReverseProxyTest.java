package io.netcap.cli.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.netcap.io.RecordReader;
import io.netcap.types.HTTP;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client (java.net.http) talks through the proxy to a local upstream (com.sun.net.httpserver); the HTTP
 * records read back with the project's reader hold what the client sent and the upstream answered, as the
 * two ends saw it, and times measured around the upstream exchange.
 */
class ReverseProxyTest {
    private static final byte[] HELLO = "hello, world\n".getBytes(StandardCharsets.US_ASCII);
    private static final int ECHO_EXTRA = 1000;

    @TempDir
    Path tmp;

    private HttpServer upstream;
    /** Request heads as the upstream saw them, by path. */
    private final Map<String, Map<String, List<String>>> seen = new ConcurrentHashMap<>();
    private final Map<String, String> seenTarget = new ConcurrentHashMap<>();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final StringWriter log = new StringWriter();

    @BeforeEach
    void startUpstream() throws IOException {
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        upstream.createContext("/", this::serve);
        upstream.start();
    }

    @AfterEach
    void stopUpstream() {
        upstream.stop(0);
    }

    /** {@code /base/hello}: 13 bytes, fixed length. {@code /base/echo}: the request body and 1000 bytes more, chunked. */
    private void serve(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        seen.put(path, Map.copyOf(ex.getRequestHeaders()));
        seenTarget.put(path, ex.getRequestURI().toString());
        byte[] in = path.endsWith("/stream") ? new byte[0] : ex.getRequestBody().readAllBytes();
        ex.getResponseHeaders().set("Server", "test-upstream/1.0");
        if (path.endsWith("/hello") && ex.getRequestMethod().equals("HEAD")) {
            ex.getResponseHeaders().set("Content-Length", Integer.toString(HELLO.length));
            ex.sendResponseHeaders(200, -1);
        } else if (path.endsWith("/hello")) {
            ex.getResponseHeaders().set("Content-Type", "text/plain; charset=us-ascii");
            ex.sendResponseHeaders(200, HELLO.length);
            ex.getResponseBody().write(HELLO);
        } else if (path.endsWith("/stream")) {
            // answers while it reads: each piece of the request goes back at once
            ex.sendResponseHeaders(200, 0);
            byte[] buf = new byte[16 << 10];
            for (int n = ex.getRequestBody().read(buf); n >= 0; n = ex.getRequestBody().read(buf)) {
                ex.getResponseBody().write(buf, 0, n);
            }
        } else if (path.endsWith("/echo")) {
            ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
            ex.getResponseHeaders().set("Content-Encoding", "identity");
            ex.sendResponseHeaders(201, 0);
            ex.getResponseBody().write(in);
            ex.getResponseBody().write(new byte[ECHO_EXTRA]);
        } else {
            ex.sendResponseHeaders(404, -1);
        }
        ex.close();
    }

    private ReverseProxy proxy(String remote, boolean skipVerify, boolean trace, int maxConns) throws Exception {
        return new ReverseProxy(new ReverseProxy.Options(new InetSocketAddress("127.0.0.1", 0), Target.parse(remote),
                tmp, true, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10), skipVerify, trace,
                maxConns, null, null, new PrintWriter(log, true), null));
    }

    private URI via(ReverseProxy p, String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + p.address().getPort() + pathAndQuery);
    }

    private static List<HTTP> records(Path file) throws IOException {
        List<HTTP> out = new ArrayList<>();
        try (RecordReader r = RecordReader.open(file)) {
            for (Message m = r.next(); m != null; m = r.next()) {
                out.add((HTTP) m);
            }
        }
        return out;
    }

    private static long epochNanos() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @Test
    void requestsAndResponsesBecomeRecordsWithTheirTimes() throws Exception {
        int port = upstream.getAddress().getPort();
        String authority = "localhost:" + port;
        byte[] upload = new byte[5000];
        Arrays.fill(upload, (byte) 'a');
        byte[] chunkedUpload = new byte[70_000];
        long before = epochNanos();
        Path file;
        HttpResponse<byte[]> get;
        HttpResponse<byte[]> post;
        HttpResponse<byte[]> chunked;
        ReverseProxy proxy;
        try (ReverseProxy p = proxy("http://user:pa%20ss@" + authority + "/base?key=1", false, true, 8)) {
            file = p.file();
            get = client.send(HttpRequest.newBuilder(via(p, "/hello?x=1")).header("User-Agent", "netcap-test/1.0")
                    .header("Referer", "http://referer.example/a,b").build(), HttpResponse.BodyHandlers.ofByteArray());
            post = client.send(HttpRequest.newBuilder(via(p, "/echo")).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(upload)).build(), HttpResponse.BodyHandlers.ofByteArray());
            // an input stream of unknown length goes out chunked
            chunked = client.send(HttpRequest.newBuilder(via(p, "/echo")).header("X-Forwarded-For", "203.0.113.7")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(chunkedUpload))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            proxy = p;
        }
        // counted once an exchange's record is written, after its last byte went out: read after the close,
        // which lets running exchanges finish
        assertThat(proxy.records()).isEqualTo(3);
        assertThat(proxy.badGateway()).isZero();
        long after = epochNanos();

        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEqualTo(HELLO);
        assertThat(post.statusCode()).isEqualTo(201);
        assertThat(post.body()).hasSize(upload.length + ECHO_EXTRA).startsWith(upload);
        assertThat(chunked.body()).hasSize(chunkedUpload.length + ECHO_EXTRA);

        // what the upstream saw: the base path and query joined, Host rewritten, Basic authentication added
        assertThat(seenTarget.get("/base/hello")).isEqualTo("/base/hello?key=1&x=1");
        Map<String, List<String>> h = seen.get("/base/hello");
        assertThat(h.get("Host")).containsExactly(authority);
        assertThat(h.get("Authorization")).containsExactly("Basic " + Base64.getEncoder().encodeToString("user:pa ss".getBytes()));
        assertThat(h.get("X-forwarded-for")).containsExactly("127.0.0.1");
        assertThat(h.get("User-agent")).containsExactly("netcap-test/1.0");
        assertThat(seen.get("/base/echo").get("X-forwarded-for")).containsExactly("203.0.113.7, 127.0.0.1");

        // each record is written once its response is relayed, so they may land out of order
        List<HTTP> rs = records(file);
        assertThat(rs).hasSize(3);
        HTTP g = rs.stream().filter(r -> r.getMethod().equals("GET")).findFirst().orElseThrow();
        assertThat(g.getMethod()).isEqualTo("GET");
        assertThat(g.getProto()).isEqualTo("HTTP/1.1");
        assertThat(g.getHost()).isEqualTo(authority);
        assertThat(g.getURL()).isEqualTo("http://" + authority + "/base/hello?key=1&x=1");
        assertThat(g.getUserAgent()).isEqualTo("netcap-test/1.0");
        assertThat(g.getReferer()).isEqualTo("http://referer.example/a,b");
        assertThat(g.getStatusCode()).isEqualTo(200);
        assertThat(g.getReqContentLength()).isZero();
        assertThat(g.getResContentLength()).isEqualTo(HELLO.length);
        assertThat(g.getServerName()).isEqualTo("test-upstream/1.0");
        assertThat(g.getResContentType()).isEqualTo("text/plain; charset=us-ascii");
        assertThat(g.getSrcIP()).startsWith("127.0.0.1:");
        assertThat(g.getDstIP()).isEqualTo("127.0.0.1:" + port);
        assertThat(g.getTimestamp()).isBetween(before, after);

        HTTP e = rs.stream().filter(r -> r.getContentType().startsWith("application/x-www")).findFirst().orElseThrow();
        assertThat(e.getMethod()).isEqualTo("POST");
        assertThat(e.getContentType()).isEqualTo("application/x-www-form-urlencoded");
        assertThat(e.getReqContentLength()).isEqualTo(upload.length);
        assertThat(e.getStatusCode()).isEqualTo(201);
        assertThat(e.getResContentLength()).isEqualTo(upload.length + ECHO_EXTRA);
        assertThat(e.getResContentEncoding()).isEqualTo("identity");
        assertThat(e.getResContentType()).isEqualTo("application/octet-stream");
        HTTP c = rs.stream().filter(r -> r.getMethod().equals("POST") && r.getContentType().isEmpty()).findFirst().orElseThrow();
        assertThat(c.getReqContentLength()).isEqualTo(chunkedUpload.length);
        assertThat(c.getResContentLength()).isEqualTo(chunkedUpload.length + ECHO_EXTRA);

        for (HTTP r : rs) {
            // "localhost" is looked up for every exchange; the times are ordered along the exchange
            assertThat(r.getDNSDoneAfter()).isPositive();
            assertThat(r.getFirstByteAfter()).isPositive().isGreaterThanOrEqualTo(r.getDNSDoneAfter());
            assertThat(r.getDoneAfter()).isGreaterThanOrEqualTo(r.getFirstByteAfter());
            assertThat(r.getTLSDoneAfter()).isZero();
            assertThat(r.getTimestamp()).isBetween(before, after);
        }
        assertThat(log.toString()).isEmpty();
    }

    @Test
    void anUpstreamThatAnswersWhileItReadsIsRelayedBothWaysAtOnce() throws Exception {
        // more than the socket buffers on the way hold: sending the whole request first would stall
        int size = 32 << 20;
        Path file;
        try (ReverseProxy p = proxy("http://127.0.0.1:" + upstream.getAddress().getPort() + "/base", false, true, 8);
             java.net.Socket s = new java.net.Socket("127.0.0.1", p.address().getPort())) {
            file = p.file();
            s.setSoTimeout(30_000);
            Thread sender = Thread.ofPlatform().start(() -> {
                try {
                    java.io.OutputStream out = s.getOutputStream();
                    out.write(("POST /stream HTTP/1.1\r\nHost: proxy\r\nContent-Length: " + size
                            + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    byte[] piece = new byte[64 << 10];
                    for (int sent = 0; sent < size; sent += piece.length) {
                        out.write(piece);
                    }
                    out.flush();
                } catch (IOException e) {
                    // the reader below fails then
                }
            });
            java.io.InputStream in = new java.io.BufferedInputStream(s.getInputStream());
            ResponseHead head = ResponseHead.read(in);
            assertThat(head.status).isEqualTo(200);
            MessageBody.Counting got = new MessageBody.Counting(java.io.OutputStream.nullOutputStream());
            MessageBody.copyChunked(in, got);
            assertThat(got.count).isEqualTo(size);
            sender.join(30_000);
        }
        HTTP r = records(file).getFirst();
        assertThat(r.getReqContentLength()).isEqualTo(size);
        assertThat(r.getResContentLength()).isEqualTo(size);
    }

    @Test
    void anUpstreamThatIsDownGives502AndIsCountedWithoutRecord() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            closedPort = s.getLocalPort();
        }
        Path file;
        try (ReverseProxy p = proxy("http://127.0.0.1:" + closedPort, false, true, 8)) {
            file = p.file();
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(via(p, "/x")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(502);
            assertThat(p.badGateway()).isEqualTo(1);
            assertThat(p.summary()).contains("proxied 0 exchanges").contains("502 (upstream failed) 1");
        }
        assertThat(records(file)).isEmpty();
        assertThat(log.toString()).startsWith("proxy: GET http://127.0.0.1:" + closedPort + "/x: ConnectException");
    }

    @Test
    void withoutTraceOnlyTheRoundTripIsTimed() throws Exception {
        Path file;
        try (ReverseProxy p = proxy("http://127.0.0.1:" + upstream.getAddress().getPort() + "/base/", false, false, 8)) {
            file = p.file();
            client.send(HttpRequest.newBuilder(via(p, "/hello")).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding());
        }
        HTTP r = records(file).getFirst();
        assertThat(r.getMethod()).isEqualTo("HEAD");
        assertThat(r.getURL()).endsWith("/base/hello");
        // a HEAD response carries the length of the body it leaves out
        assertThat(r.getResContentLength()).isEqualTo(HELLO.length);
        assertThat(r.getDoneAfter()).isPositive();
        assertThat(r.getDNSDoneAfter()).isZero();
        assertThat(r.getFirstByteAfter()).isZero();
        assertThat(r.getDstIP()).isEmpty();
    }

    @Test
    void exchangesOverTheCapAreAnswered503() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch arrived = new CountDownLatch(1);
        upstream.createContext("/slow", ex -> {
            arrived.countDown();
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        try (ReverseProxy p = proxy("http://127.0.0.1:" + upstream.getAddress().getPort(), false, true, 1)) {
            CompletableFuture<HttpResponse<Void>> slow = client.sendAsync(HttpRequest.newBuilder(via(p, "/slow")).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(arrived.await(20, TimeUnit.SECONDS)).isTrue();
            HttpResponse<Void> over = client.send(HttpRequest.newBuilder(via(p, "/slow")).build(), HttpResponse.BodyHandlers.discarding());
            release.countDown();
            assertThat(over.statusCode()).isEqualTo(503);
            assertThat(slow.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(204);
            assertThat(p.refused()).isEqualTo(1);
        }
    }

    @Test
    void anHttpsUpstreamHasItsHandshakeTimed() throws Exception {
        SSLContext ctx = TestCertificates.serverContext(TestCertificates.selfSigned(tmp));
        HttpsServer tls = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        tls.setHttpsConfigurator(new HttpsConfigurator(ctx));
        tls.createContext("/", this::serve);
        tls.start();
        try {
            String remote = "https://localhost:" + tls.getAddress().getPort() + "/base";
            Path file;
            try (ReverseProxy p = proxy(remote, true, true, 8)) {
                file = p.file();
                HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(via(p, "/hello")).build(), HttpResponse.BodyHandlers.ofByteArray());
                assertThat(r.body()).isEqualTo(HELLO);
            }
            HTTP rec = records(file).getFirst();
            assertThat(rec.getURL()).isEqualTo(remote + "/hello");
            assertThat(rec.getTLSDoneAfter()).isPositive();
            assertThat(rec.getFirstByteAfter()).isGreaterThan(rec.getTLSDoneAfter());
            assertThat(rec.getDoneAfter()).isGreaterThanOrEqualTo(rec.getFirstByteAfter());
            // verified, the self-signed certificate is refused: 502
            try (ReverseProxy p = proxy(remote, false, true, 8)) {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(via(p, "/hello")).build(), HttpResponse.BodyHandlers.discarding());
                assertThat(r.statusCode()).isEqualTo(502);
                assertThat(p.badGateway()).isEqualTo(1);
            }
        } finally {
            tls.stop(0);
        }
    }
}
