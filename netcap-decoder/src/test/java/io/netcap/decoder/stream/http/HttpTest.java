package io.netcap.decoder.stream.http;

import static io.netcap.decoder.stream.Direction.CLIENT_TO_SERVER;
import static io.netcap.decoder.stream.Direction.SERVER_TO_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.decoder.stream.Conversation;
import io.netcap.decoder.stream.Direction;
import io.netcap.decoder.stream.EndReason;
import io.netcap.decoder.stream.StreamFeeder;
import io.netcap.decoder.stream.TextSession;
import io.netcap.types.HTTP;
import io.netcap.types.HTTPCookie;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Hand-built HTTP/1.x conversations through the {@link io.netcap.decoder.stream.StreamParser} API. Expected
 * values come from the messages themselves and RFC 9112 framing; where the original's rules decide a field
 * (docs/streams.md, "HTTP"), the test says which.
 */
class HttpTest {
    private static final long T0 = 1_000_000_000L;

    /** One delivery of a conversation. */
    record Step(Direction d, byte[] bytes, long ts) {}

    private static Step c(String s, long ts) {
        return new Step(CLIENT_TO_SERVER, latin1(s), ts);
    }

    private static Step s(String s, long ts) {
        return new Step(SERVER_TO_CLIENT, latin1(s), ts);
    }

    private static Step s(byte[] b, long ts) {
        return new Step(SERVER_TO_CLIENT, b, ts);
    }

    private static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** A run of the parser over steps, each cut into pieces of at most {@code piece} bytes (0: whole). */
    static final class Run {
        final RecordingEnv rec;
        final Conversation conv = new Conversation(Conversation.Transport.TCP, "10.0.0.1", 40000, "10.0.0.2", 80, T0);
        final Http http;
        final StreamFeeder feed;

        Run() {
            this(Http.Limits.DEFAULT);
        }

        Run(Http.Limits limits) {
            this(limits, true);
        }

        Run(Http.Limits limits, boolean extract) {
            rec = new RecordingEnv(extract);
            http = new Http(conv, rec.env, limits);
            feed = new StreamFeeder(conv, http);
        }

        Run steps(int piece, Step... steps) {
            for (Step st : steps) {
                int n = piece == 0 ? Math.max(1, st.bytes.length) : piece;
                for (int i = 0; i < st.bytes.length; i += n) {
                    feed.offer(st.d, st.bytes, i, Math.min(n, st.bytes.length - i), st.ts);
                }
            }
            return this;
        }

        Run end() {
            feed.end(EndReason.FIN);
            return this;
        }

        HTTP only() {
            assertThat(rec.records).hasSize(1);
            return rec.records.getFirst();
        }
    }

    private static Run run(Step... steps) {
        return new Run().steps(0, steps).end();
    }

    private static final String GET = "GET /dir/index.html?a=1&b=x,y HTTP/1.1\r\nHost: example.com\r\n"
            + "User-Agent: Mozilla/5.0 (X11, Linux)\r\nReferer: http://example.com/a,b\r\n"
            + "Accept: text/html\r\nAccept: */*\r\n\r\n";
    private static final String HTML = "<!DOCTYPE html><html><body>hello</body></html>";
    private static final String OK_HTML = "HTTP/1.1 200 OK\r\nServer: nginx/1.18\r\nContent-Type: text/html\r\n"
            + "Content-Length: " + HTML.length() + "\r\nSet-Cookie: sid=abc; Path=/; HttpOnly\r\n\r\n" + HTML;

    @Test
    void requestAndResponseGiveOneRecordWithTheirFields() {
        Run r = run(c(GET, T0 + 10), s(OK_HTML, T0 + 20));
        HTTP h = r.only();
        assertThat(h.getTimestamp()).isEqualTo(T0 + 20); // first server packet: answered request
        assertThat(h.getProto()).isEqualTo("HTTP/1.1");
        assertThat(h.getMethod()).isEqualTo("GET");
        assertThat(h.getHost()).isEqualTo("example.com");
        assertThat(h.getURL()).isEqualTo("/dir/index.html?a=1&b=x(comma)y");
        assertThat(h.getUserAgent()).isEqualTo("Mozilla/5.0 (X11(comma) Linux)");
        assertThat(h.getReferer()).isEqualTo("http://example.com/a(comma)b");
        assertThat(h.getReqContentLength()).isZero(); // Go: a request without a body has length 0
        assertThat(h.getContentTypeDetected()).isEqualTo("text/plain; charset=utf-8"); // empty body
        assertThat(h.getSrcIP()).isEqualTo("10.0.0.1");
        assertThat(h.getDstIP()).isEqualTo("10.0.0.2");
        assertThat(h.getRequestHeaderMap()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "User-Agent", "Mozilla/5.0 (X11, Linux)", "Referer", "http://example.com/a,b",
                "Accept", "text/html */*")); // Host is not in Go's header map; values joined with a space
        assertThat(h.getParametersMap()).containsExactlyInAnyOrderEntriesOf(Map.of("a", "1", "b", "x,y"));
        assertThat(h.getStatusCode()).isEqualTo(200);
        assertThat(h.getServerName()).isEqualTo("nginx/1.18");
        assertThat(h.getResContentType()).isEqualTo("text/html");
        assertThat(h.getResContentLength()).isEqualTo(HTML.length());
        assertThat(h.getResContentTypeDetected()).isEqualTo("text/html; charset=utf-8");
        assertThat(h.getResCookiesList()).containsExactly(HTTPCookie.newBuilder().setName("sid").setValue("abc")
                .setPath("/").setHttpOnly(true).setExpires(HttpCookies.ZERO_TIME_UNIX).build());
        assertThat(h.getResponseHeaderMap()).containsEntry("Content-Length", String.valueOf(HTML.length()));
        assertThat(r.rec.errors).isEmpty();
        assertThat(r.rec.bodies).hasSize(1);
        TextSession.File body = r.rec.bodies.getFirst();
        assertThat(body.bytes.toString(StandardCharsets.ISO_8859_1)).isEqualTo(HTML);
        assertThat(body.complete).isTrue();
        assertThat(body.origin.source()).isEqualTo("HTTP RESPONSE from example.com/dir/index.html");
        assertThat(body.origin.name()).isEqualTo("index.html");
        assertThat(body.origin.host()).isEqualTo("example.com");
        assertThat(body.origin.contentType()).isEmpty(); // the request's Content-Type
        assertThat(body.origin.timestampNanos()).isEqualTo(T0 + 10);
    }

    @Test
    void recordIsWrittenWhenTheResponseCompletesNotAtTheEnd() {
        Run r = new Run().steps(0, c(GET, T0), s(OK_HTML, T0 + 1));
        assertThat(r.rec.records).hasSize(1);
        r.end();
        assertThat(r.rec.records).hasSize(1);
    }

    private static final String CHUNKED = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n"
            + "Content-Type: text/plain\r\n\r\n"
            + "5;name=value\r\nhello\r\n"
            + "7 ; x=\"y\"\r\n, world\r\n"
            + "0\r\nExpires: never\r\nX-Trailer: 1\r\n\r\n";

    @Test
    void chunkedBodyWithExtensionsAndTrailers() {
        Run r = run(c("GET /c HTTP/1.1\r\nHost: h\r\n\r\nGET /d HTTP/1.1\r\nHost: h\r\n\r\n", T0),
                s(CHUNKED + OK_HTML, T0 + 1));
        assertThat(r.rec.records).hasSize(2);
        HTTP h = r.rec.records.get(0);
        assertThat(h.getURL()).isEqualTo("/c");
        assertThat(h.getResContentLength()).isEqualTo(12); // no Content-Length: the de-chunked body's length
        assertThat(h.getResponseHeaderMap()).doesNotContainKey("Transfer-Encoding").doesNotContainKey("Expires");
        assertThat(r.rec.bodies.getFirst().bytes.toString(StandardCharsets.US_ASCII)).isEqualTo("hello, world");
        assertThat(r.rec.records.get(1).getURL()).isEqualTo("/d");
        assertThat(r.rec.records.get(1).getStatusCode()).isEqualTo(200);
        assertThat(r.rec.errors).isEmpty();
    }

    @Test
    void pipelinedRequestsPairInOrder() {
        String reqs = "GET /1 HTTP/1.1\r\nHost: a\r\n\r\nGET /2 HTTP/1.1\r\nHost: a\r\n\r\n"
                + "POST /3 HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nxyz";
        String resps = "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nA"
                + "HTTP/1.1 404 Not Found\r\nContent-Length: 2\r\n\r\nBB"
                + "HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n";
        Run r = run(c(reqs, T0), s(resps, T0 + 5));
        assertThat(r.rec.records).extracting(HTTP::getURL).containsExactly("/1", "/2", "/3");
        assertThat(r.rec.records).extracting(HTTP::getStatusCode).containsExactly(200, 404, 201);
        assertThat(r.rec.records).extracting(HTTP::getResContentLength).containsExactly(1, 2, 0);
        assertThat(r.rec.records.get(2).getReqContentLength()).isEqualTo(3);
        assertThat(r.rec.records.get(2).getMethod()).isEqualTo("POST");
    }

    /** A conversation with most features, for the split tests. */
    private static Step[] mixed() throws IOException {
        byte[] gz = gzip(latin1(HTML));
        return new Step[] {
            c("\r\nPOST /upload/form HTTP/1.1\r\nHost: u.example\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Expect: 100-continue\r\nContent-Length: 21\r\n\r\n", T0),
            s("HTTP/1.1 100 Continue\r\n\r\n", T0 + 1),
            c("user=bob&pass=s3cr%21", T0 + 2),
            c("GET /z.gz HTTP/1.1\r\nHost: u.example\r\nCookie: a=1; b=\"2\"\r\n\r\n", T0 + 3),
            s("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", T0 + 4),
            s(concat(latin1("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + Integer.toHexString(gz.length) + "\r\n"), gz, latin1("\r\n0\r\n\r\n")), T0 + 5),
            c("HEAD /h HTTP/1.1\r\nHost: u.example\r\n\r\nGET /last HTTP/1.0\r\n\r\n", T0 + 6),
            s("HTTP/1.1 200 OK\r\nContent-Length: 99\r\nContent-Type: text/html\r\n\r\n", T0 + 7), // HEAD: no body
            s("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nto the close", T0 + 8),
        };
    }

    @Test
    void theMixedConversationGivesItsRecords() throws IOException {
        Run r = run(mixed());
        assertThat(r.rec.records).extracting(HTTP::getURL).containsExactly("/upload/form", "/z.gz", "/h", "/last");
        assertThat(r.rec.records).extracting(HTTP::getStatusCode).containsExactly(200, 200, 200, 200);
        HTTP post = r.rec.records.get(0);
        assertThat(post.getParametersMap()).containsExactlyInAnyOrderEntriesOf(Map.of("user", "bob", "pass", "s3cr!"));
        assertThat(post.getContentTypeDetected()).isEqualTo("text/plain; charset=utf-8");
        assertThat(post.getResContentLength()).isEqualTo(2);
        HTTP gz = r.rec.records.get(1);
        assertThat(gz.getReqCookiesList()).extracting(HTTPCookie::getName, HTTPCookie::getValue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", "1"),
                        org.assertj.core.groups.Tuple.tuple("b", "2"));
        assertThat(gz.getResContentTypeDetected()).isEqualTo("text/html; charset=utf-8"); // sniffed after gunzip
        assertThat(gz.getResContentEncoding()).isEqualTo("gzip");
        HTTP head = r.rec.records.get(2);
        assertThat(head.getMethod()).isEqualTo("HEAD");
        assertThat(head.getResContentLength()).isEqualTo(99); // Go: a HEAD response's declared length
        HTTP last = r.rec.records.get(3);
        assertThat(last.getProto()).isEqualTo("HTTP/1.0");
        assertThat(last.getHost()).isEmpty();
        assertThat(last.getResContentLength()).isEqualTo("to the close".length());
        assertThat(r.rec.errors).isEmpty();
        // bodies: the POST request, "ok", the decoded gzip body, the body read to the close
        assertThat(r.rec.bodies).extracting(b -> b.bytes.toString(StandardCharsets.ISO_8859_1))
                .containsExactly("user=bob&pass=s3cr%21", "ok", HTML, "to the close");
        assertThat(r.rec.bodies).allMatch(b -> b.complete);
        assertThat(r.rec.bodies.getFirst().origin.source()).isEqualTo("HTTP POST REQUEST to /upload/form");
        assertThat(r.rec.bodies.getFirst().origin.name()).isEqualTo("form");
    }

    @Test
    void everySplitGivesTheSameRecords() throws IOException {
        Step[] steps = mixed();
        Run whole = run(steps);
        Run bytes = new Run().steps(1, steps).end();
        assertThat(bytes.rec.records).isEqualTo(whole.rec.records);
        assertThat(bytes.rec.errors).isEqualTo(whole.rec.errors);
        List<String> wholeBodies = whole.rec.bodies.stream().map(b -> b.bytes.toString(StandardCharsets.ISO_8859_1))
                .toList();
        assertThat(bytes.rec.bodies).extracting(b -> b.bytes.toString(StandardCharsets.ISO_8859_1))
                .isEqualTo(wholeBodies);
        // every split point of every step into two pieces
        for (int k = 0; k < steps.length; k++) {
            for (int cut = 1; cut < steps[k].bytes.length; cut++) {
                List<Step> split = new ArrayList<>(List.of(steps));
                byte[] b = steps[k].bytes;
                split.set(k, new Step(steps[k].d, java.util.Arrays.copyOf(b, cut), steps[k].ts));
                split.add(k + 1, new Step(steps[k].d, java.util.Arrays.copyOfRange(b, cut, b.length), steps[k].ts));
                Run r = run(split.toArray(Step[]::new));
                assertThat(r.rec.records).as("step %d cut at %d", k, cut).isEqualTo(whole.rec.records);
            }
        }
    }

    @Test
    void interimResponsesAreNotPaired() {
        HTTP h = run(c("PUT /x HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n", T0),
                s("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\n", T0 + 1),
                c("ab", T0 + 2),
                s("HTTP/1.1 204 No Content\r\n\r\n", T0 + 3)).only();
        assertThat(h.getStatusCode()).isEqualTo(204);
        assertThat(h.getResContentLength()).isZero();
        assertThat(h.getResponseHeaderMap()).doesNotContainKey("Link");
    }

    @Test
    void notModifiedAndNoContentHaveNoBody() {
        Run r = run(c("GET /a HTTP/1.1\r\n\r\nGET /b HTTP/1.1\r\n\r\nGET /c HTTP/1.1\r\n\r\n", T0),
                s("HTTP/1.1 304 Not Modified\r\nContent-Length: 500\r\n\r\n"
                        + "HTTP/1.1 204 No Content\r\nContent-Length: 7\r\n\r\n" + OK_HTML, T0 + 1));
        assertThat(r.rec.records).extracting(HTTP::getStatusCode).containsExactly(304, 204, 200);
        assertThat(r.rec.records).extracting(HTTP::getResContentLength).containsExactly(0, 0, HTML.length());
        assertThat(r.rec.errors).isEmpty();
    }

    @Test
    void bodyToTheCloseEndsWithTheConnection() {
        Run r = new Run().steps(0, c("GET /stream HTTP/1.1\r\nHost: h\r\n\r\n", T0),
                s("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n\r\n\u0001\u0002", T0 + 1),
                s("more", T0 + 2));
        assertThat(r.rec.records).isEmpty();
        r.end();
        HTTP h = r.only();
        assertThat(h.getResContentLength()).isEqualTo(6);
        assertThat(h.getResContentTypeDetected()).isEqualTo("application/octet-stream");
        assertThat(r.rec.bodies.getFirst().complete).isTrue();
    }

    @Test
    void gzipAndDeflateBodiesAreSniffedAndExtractedDecoded() throws IOException {
        byte[] png = concat(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, new byte[100]);
        byte[] zlib = deflate(png, false);
        byte[] raw = deflate(png, true);
        Run r = run(c("GET /a.png HTTP/1.1\r\n\r\nGET /b.png HTTP/1.1\r\n\r\n", T0),
                s(concat(latin1("HTTP/1.1 200 OK\r\nContent-Encoding: deflate\r\nContent-Length: " + zlib.length
                        + "\r\n\r\n"), zlib), T0 + 1),
                s(concat(latin1("HTTP/1.1 200 OK\r\nContent-Encoding: DEFLATE\r\nContent-Length: " + raw.length
                        + "\r\n\r\n"), raw), T0 + 2));
        assertThat(r.rec.records).extracting(HTTP::getResContentTypeDetected).containsExactly("image/png", "image/png");
        assertThat(r.rec.records).extracting(HTTP::getResContentLength).containsExactly(zlib.length, raw.length);
        assertThat(r.rec.bodies).allSatisfy(b -> {
            assertThat(b.bytes.toByteArray()).isEqualTo(png);
            assertThat(b.complete).isTrue();
        });
        assertThat(r.rec.errors).isEmpty();
    }

    @Test
    void aCorruptGzipBodyIsCountedAndItsFileIncomplete() throws IOException {
        byte[] gz = gzip(latin1(HTML));
        gz[gz.length - 5] ^= 0x55; // the CRC-32 in the trailer
        Run r = run(c("GET / HTTP/1.1\r\n\r\n", T0), s(concat(latin1("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n"
                + "Content-Length: " + gz.length + "\r\n\r\n"), gz), T0 + 1));
        assertThat(r.only().getResContentTypeDetected()).isEqualTo("text/html; charset=utf-8");
        assertThat(r.rec.errorKinds()).containsExactly(Http.BAD_CONTENT_CODING);
        assertThat(r.rec.bodies.getFirst().complete).isFalse();
    }

    @Test
    void aBodyNotExtractedIsDecodedOnlyAsFarAsSniffingReads() throws IOException {
        byte[] gz = gzip(latin1(HTML + " ".repeat(4096)));
        gz[gz.length - 5] ^= 0x55; // the CRC-32 in the trailer, after the 512 bytes sniffed
        Step[] steps = {c("GET / HTTP/1.1\r\n\r\n", T0), s(concat(latin1("HTTP/1.1 200 OK\r\n"
                + "Content-Encoding: gzip\r\nContent-Length: " + gz.length + "\r\n\r\n"), gz), T0 + 1)};
        Run extracted = new Run().steps(0, steps).end();
        Run notExtracted = new Run(Http.Limits.DEFAULT, false).steps(0, steps).end();
        assertThat(extracted.rec.errorKinds()).containsExactly(Http.BAD_CONTENT_CODING);
        assertThat(notExtracted.rec.errorKinds()).isEmpty();
        assertThat(notExtracted.only().getResContentTypeDetected()).isEqualTo("text/html; charset=utf-8");
        assertThat(notExtracted.only()).isEqualTo(extracted.only());
    }

    @Test
    void aGzipBombIsCutAtTheCapAndCounted() throws IOException {
        // 1 GiB of zeros in about 1 MiB of gzip: 1024 members of 1 MiB each (RFC 1952 2.2 allows several members;
        // compressing one member of 1 GiB would take seconds)
        byte[] member = gzip(new byte[1 << 20]);
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        for (int i = 0; i < 1024; i++) {
            compressed.writeBytes(member);
        }
        byte[] bomb = compressed.toByteArray();
        assertThat(bomb.length).isLessThan(2 << 20);
        Http.Limits limits = new Http.Limits(64 * 1024, 1000, 8L << 20, 1 << 20, 1000);
        Run r = new Run(limits).steps(64 * 1024, c("GET /bomb HTTP/1.1\r\n\r\nGET /next HTTP/1.1\r\n\r\n", T0),
                s(concat(latin1("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: " + bomb.length
                        + "\r\n\r\n"), bomb, latin1(OK_HTML)), T0 + 1)).end();
        assertThat(r.rec.records).extracting(HTTP::getURL).containsExactly("/bomb", "/next");
        assertThat(r.rec.records.getFirst().getResContentLength()).isEqualTo(bomb.length);
        assertThat(r.rec.records.getFirst().getResContentTypeDetected()).isEqualTo("application/octet-stream");
        assertThat(r.rec.errorKinds()).containsExactly(Http.DECODED_BODY_CAP);
        TextSession.File cut = r.rec.bodies.getFirst();
        assertThat(cut.bytes.size()).isEqualTo(8 << 20);
        assertThat(cut.complete).isFalse();
        assertThat(r.rec.bodies.get(1).complete).isTrue();
    }

    @Test
    void malformedStartLineIsCountedAndTheDirectionResumesAtItsNextTurn() {
        Run r = run(c("GARBAGE\r\nHost: x\r\n\r\nGET /lost HTTP/1.1\r\n\r\n", T0),
                s("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n", T0 + 1),
                c("GET /ok HTTP/1.1\r\n\r\n", T0 + 2),
                s("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", T0 + 3));
        // the 400 pairs with /ok, the first request read, and the 200 has no request left: the original pairs
        // by position in the same way
        assertThat(r.rec.records).extracting(HTTP::getURL).containsExactly("/ok");
        assertThat(r.rec.records).extracting(HTTP::getStatusCode).containsExactly(400);
        assertThat(r.rec.errorKinds()).containsExactly(Http.MALFORMED, Http.UNMATCHED_RESPONSE);
        assertThat(r.rec.errors.getFirst()).contains("malformed request line");
    }

    @Test
    void malformedStatusLinesAndVersions() {
        for (String bad : List.of("HTTP/1.1 2000 OK", "HTTP/1.1 20 OK", "HTTP/1.1", "HTTP/11 200 OK",
                "HTTP/1.1 -20 X", "ICY 200 OK")) {
            Run r = run(c("GET / HTTP/1.1\r\n\r\n", T0), s(bad + "\r\n\r\n", T0 + 1));
            assertThat(r.rec.errorKinds()).as(bad).containsExactly(Http.MALFORMED);
            assertThat(r.rec.records).as(bad).hasSize(1); // the request, unanswered
            assertThat(r.rec.records.getFirst().getTimestamp()).isEqualTo(T0);
            assertThat(r.rec.records.getFirst().getStatusCode()).isZero();
        }
        for (String bad : List.of("GET / HTTP/1.1 extra", "GET  HTTP/1.1", "G(T / HTTP/1.1", "GET / HTTX/1.1",
                "POST /", "GET / HTTP/1.10")) {
            Run r = run(c(bad + "\r\n\r\n", T0));
            assertThat(r.rec.errorKinds()).as(bad).containsExactly(Http.MALFORMED);
            assertThat(r.rec.records).as(bad).isEmpty();
        }
    }

    @Test
    void malformedHeaderLinesAndLengths() {
        for (String head : List.of("Host : x", "no colon", " leading: continuation", "Content-Length: -1",
                "Content-Length: 1x", "Content-Length: 1\r\nContent-Length: 2",
                "Transfer-Encoding: gzip")) {
            Run r = run(c("POST / HTTP/1.1\r\n" + head + "\r\n\r\n", T0));
            assertThat(r.rec.errorKinds()).as(head).containsExactly(Http.MALFORMED);
        }
    }

    @Test
    void oversizedHeadersAreCountedAndSkippedWithoutHoldingThem() {
        Http.Limits limits = new Http.Limits(4096, 20, 1 << 20, 1 << 20, 1000);
        Run r = new Run(limits).steps(100, c("GET / HTTP/1.1\r\nX-Big: " + "a".repeat(10_000) + "\r\n\r\n", T0));
        assertThat(r.rec.errorKinds()).containsExactly(Http.MALFORMED);
        assertThat(r.feed.pending(CLIENT_TO_SERVER)).isZero();
        Run many = new Run(limits).steps(0, c("GET / HTTP/1.1\r\n" + "X: y\r\n".repeat(21) + "\r\n", T0));
        assertThat(many.rec.errors).singleElement().asString().contains("too many header fields");
    }

    @Test
    void repeatedEqualContentLengthsCountOnce() {
        HTTP h = run(c("POST / HTTP/1.1\r\nContent-Length: 2\r\ncontent-length: 2\r\n\r\nab", T0)).only();
        assertThat(h.getReqContentLength()).isEqualTo(2);
        assertThat(h.getRequestHeaderMap()).containsEntry("Content-Length", "2");
    }

    @Test
    void aHeadOfManyFieldsKeepsEveryEntry() {
        StringBuilder head = new StringBuilder("GET / HTTP/1.1\r\nHost: h\r\n");
        Map<String, String> expected = new java.util.HashMap<>();
        for (int i = 0; i < 70; i++) {
            head.append("x-f").append(i).append(": v").append(i).append("\r\n");
            expected.put("X-F" + i, "v" + i);
        }
        head.append("X-F3: w\r\nx-f66:  u \r\nPragma: no-cache\r\n\r\n");
        expected.put("X-F3", "v3 w"); // a repeated name's values joined at its first field, as Go's map holds them
        expected.put("X-F66", "v66 u");
        expected.put("Pragma", "no-cache");
        expected.put("Cache-Control", "no-cache"); // Host is not in Go's header map
        HTTP h = run(c(head.toString(), T0)).only();
        assertThat(h.getRequestHeaderMap()).containsExactlyInAnyOrderEntriesOf(expected);
    }

    @Test
    void headerFoldingAndCanonicalNames() {
        HTTP h = run(c("GET / HTTP/1.1\r\nx-custom-HEADER:  a  \r\n  folded\r\ncontent-type: text/x\r\n"
                + "Pragma: no-cache\r\n\r\n", T0)).only();
        assertThat(h.getRequestHeaderMap()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "X-Custom-Header", "a folded", "Content-Type", "text/x", "Pragma", "no-cache",
                "Cache-Control", "no-cache")); // Go adds Cache-Control for Pragma: no-cache
        assertThat(h.getContentType()).isEqualTo("text/x");
    }

    @Test
    void aCommaOnTheContinuationLineOfAFoldedUserAgentIsReplacedToo() {
        HTTP h = run(c("GET / HTTP/1.1\r\nUser-Agent: agent/1 (X11\r\n , Linux)\r\nReferer: /a\r\n  ,b\r\n\r\n", T0)).only();
        assertThat(h.getUserAgent()).isEqualTo("agent/1 (X11 (comma) Linux)"); // unfolded with one space
        assertThat(h.getReferer()).isEqualTo("/a (comma)b");
        assertThat(h.getRequestHeaderMap()).containsEntry("User-Agent", "agent/1 (X11 , Linux)");
    }

    @Test
    void anHttp09SimpleRequestIsARequestWhoseAnswerIsTheBareDocument() {
        Run r = run(c("GET /\r\n\r\n", T0), s("<html>no status line</html>", T0 + 1));
        HTTP h = r.only();
        assertThat(h.getMethod()).isEqualTo("GET");
        assertThat(h.getURL()).isEqualTo("/");
        assertThat(h.getProto()).isEqualTo("HTTP/0.9");
        assertThat(h.getStatusCode()).isZero();
        assertThat(r.rec.errors).isEmpty();
    }

    @Test
    void unansweredRequestsAreWrittenAtTheEndWithTheFirstClientTime() {
        Run r = new Run().steps(0, c("GET /a HTTP/1.1\r\n\r\n", T0 + 3), s("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n",
                T0 + 7), c("GET /b HTTP/1.1\r\n\r\nGET /c HTTP/1.1\r\n\r\n", T0 + 9));
        assertThat(r.rec.records).hasSize(1);
        r.end();
        assertThat(r.rec.records).extracting(HTTP::getURL).containsExactly("/a", "/b", "/c");
        assertThat(r.rec.records).extracting(HTTP::getTimestamp).containsExactly(T0 + 7, T0 + 3, T0 + 3);
    }

    @Test
    void thePendingCapWritesEarlyAndKeepsPositions() {
        Http.Limits limits = new Http.Limits(64 * 1024, 100, 1 << 20, 1 << 20, 2);
        Run r = new Run(limits).steps(0,
                c("GET /1 HTTP/1.1\r\n\r\nGET /2 HTTP/1.1\r\n\r\nGET /3 HTTP/1.1\r\n\r\nGET /4 HTTP/1.1\r\n\r\n", T0),
                s("HTTP/1.1 201 A\r\nContent-Length: 0\r\n\r\nHTTP/1.1 202 B\r\nContent-Length: 0\r\n\r\n"
                        + "HTTP/1.1 203 C\r\nContent-Length: 0\r\n\r\nHTTP/1.1 204 D\r\n\r\n", T0 + 1)).end();
        // /1 and /2 are written unanswered when /3 and /4 exceed the cap; their responses are dropped, so that
        // /3 and /4 still get theirs
        assertThat(r.rec.records).extracting(HTTP::getURL, HTTP::getStatusCode).containsExactly(
                org.assertj.core.groups.Tuple.tuple("/1", 0), org.assertj.core.groups.Tuple.tuple("/2", 0),
                org.assertj.core.groups.Tuple.tuple("/3", 203), org.assertj.core.groups.Tuple.tuple("/4", 204));
        assertThat(r.rec.errorKinds()).containsExactly(Http.PENDING_CAP, Http.PENDING_CAP, Http.UNMATCHED_RESPONSE,
                Http.UNMATCHED_RESPONSE);
    }

    @Test
    void responsesWithoutRequestAreDroppedAndCounted() {
        Run r = run(s("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi", T0));
        assertThat(r.rec.records).isEmpty();
        assertThat(r.rec.errorKinds()).containsExactly(Http.UNMATCHED_RESPONSE);
        assertThat(r.rec.bodies.getFirst().origin.source()).isEqualTo("HTTP RESPONSE");
        assertThat(r.rec.bodies.getFirst().origin.name()).isEqualTo("unknown");
    }

    @Test
    void aResponseFinishedBeforeItsRequestBodyWaitsForIt() {
        Run r = run(c("POST /big HTTP/1.1\r\nContent-Length: 10\r\n\r\n01234", T0),
                s("HTTP/1.1 413 Payload Too Large\r\nContent-Length: 0\r\n\r\n", T0 + 1),
                c("56789", T0 + 2));
        HTTP h = r.only();
        assertThat(h.getStatusCode()).isEqualTo(413);
        assertThat(h.getReqContentLength()).isEqualTo(10);
    }

    @Test
    void connectOpensATunnelThatIsNotParsed() {
        Run r = run(c("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n", T0),
                s("HTTP/1.1 200 Connection established\r\n\r\n", T0 + 1),
                c("\u0016\u0003\u0001\u0002\u0000binary tls", T0 + 2),
                s("\u0016\u0003\u0003 server hello", T0 + 3));
        HTTP h = r.only();
        assertThat(h.getURL()).isEqualTo("//example.com:443"); // Go's URL.String() of an authority
        assertThat(h.getHost()).isEqualTo("example.com:443");
        assertThat(r.rec.errors).isEmpty();
    }

    @Test
    void aRefusedConnectKeepsParsing() {
        Run r = run(c("CONNECT example.com:443 HTTP/1.1\r\n\r\n", T0),
                s("HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n", T0 + 1),
                c("GET http://Example.com/a%20b HTTP/1.1\r\nHost: ignored\r\n\r\n", T0 + 2),
                s("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", T0 + 3));
        assertThat(r.rec.records).extracting(HTTP::getStatusCode).containsExactly(407, 200);
        HTTP abs = r.rec.records.get(1);
        assertThat(abs.getHost()).isEqualTo("Example.com"); // the absolute form's authority wins
        assertThat(abs.getURL()).isEqualTo("http://Example.com/a%20b");
    }

    @Test
    void switchingProtocolsEndsHttp() {
        Run r = run(c("GET /ws HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n", T0),
                s("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n\u0081\u0005hello", T0 + 1),
                c("\u0081\u0085maskedframe", T0 + 2));
        assertThat(r.only().getStatusCode()).isEqualTo(101);
        assertThat(r.rec.errors).isEmpty();
    }

    @Test
    void aGapInsideABodyKeepsTheFramingAndMarksTheFileIncomplete() {
        Run r = new Run();
        r.steps(0, c("GET /f HTTP/1.1\r\n\r\nGET /g HTTP/1.1\r\n\r\n", T0),
                s("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123", T0 + 1));
        r.feed.gap(SERVER_TO_CLIENT, 4);
        r.steps(0, s("89" + "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx", T0 + 2)).end();
        assertThat(r.rec.records).extracting(HTTP::getURL).containsExactly("/f", "/g");
        assertThat(r.rec.records.getFirst().getResContentLength()).isEqualTo(10);
        assertThat(r.rec.bodies.getFirst().bytes.toString(StandardCharsets.US_ASCII)).isEqualTo("0123");
        assertThat(r.rec.bodies.getFirst().complete).isFalse();
        assertThat(r.rec.bodies.get(1).complete).isTrue();
    }

    @Test
    void aGapInAHeadSkipsToTheNextTurn() {
        Run r = new Run();
        r.steps(0, c("GET /f HTTP/1.1\r\nHo", T0));
        r.feed.gap(CLIENT_TO_SERVER, 100);
        r.steps(0, c("st: x\r\n\r\n", T0 + 1), s("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", T0 + 2),
                c("GET /after HTTP/1.1\r\n\r\n", T0 + 3)).end();
        assertThat(r.rec.records).extracting(HTTP::getURL).containsExactly("/after");
        assertThat(r.rec.records.getFirst().getStatusCode()).isEqualTo(200);
    }

    @Test
    void multipartPostPassesItsBoundary() {
        String body = "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.txt\"\r\n\r\nhi\r\n--XyZ--\r\n";
        Run r = run(c("POST /up/load/ HTTP/1.1\r\nHost: h\r\nContent-Type: multipart/form-data; boundary=\"XyZ\"\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n" + body, T0));
        TextSession.File b = r.rec.bodies.getFirst();
        assertThat(b.origin.multipartBoundary()).isEqualTo("XyZ");
        assertThat(b.origin.name()).isEqualTo("load");
        assertThat(b.origin.contentType()).isEqualTo("multipart/form-data; boundary=\"XyZ\"");
        assertThat(r.only().getParametersMap()).isEmpty(); // Go's ParseForm leaves multipart bodies alone
    }

    @Test
    void noFileIsOpenedForEmptyBodiesOrWhenExtractionIsOff() {
        Run r = run(c("GET / HTTP/1.1\r\n\r\n", T0), s("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", T0 + 1));
        assertThat(r.rec.bodies).isEmpty();
        RecordingEnv off = new RecordingEnv(false);
        Conversation conv = new Conversation(Conversation.Transport.UDP, "::1", 1, "::2", 80, T0);
        StreamFeeder f = new StreamFeeder(conv, new Http(conv, off.env));
        f.offer(CLIENT_TO_SERVER, latin1(GET), 0, GET.length(), T0);
        f.offer(SERVER_TO_CLIENT, latin1(OK_HTML), 0, OK_HTML.length(), T0 + 1);
        f.end(EndReason.SHUTDOWN);
        assertThat(off.records).hasSize(1);
        assertThat(off.records.getFirst().getSrcIP()).isEqualTo("::1");
    }

    @Test
    void overUdpEveryDatagramIsAMessage() {
        RecordingEnv rec = new RecordingEnv();
        Conversation conv = new Conversation(Conversation.Transport.UDP, "10.0.0.9", 50000, "239.255.255.250", 1900, T0);
        StreamFeeder f = new StreamFeeder(conv, new Http(conv, rec.env));
        for (Step st : List.of(
                c("M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: \"ssdp:discover\"\r\nST: ssdp:all\r\n\r\n", T0),
                s("HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=1800\r\nLOCATION: http://10.0.0.1/a.xml\r\n\r\n", T0 + 1),
                s("HTTP/1.1 200 OK\r\nLOCATION: http://10.0.0.2/b.xml\r\n\r\n", T0 + 2),
                c("NOTIFY * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nNTS: ssdp:alive\r\nContent-Length: 10\r\n\r\ncut", T0 + 3),
                c("GET /x HTTP/1.1\r\nHost: h", T0 + 4))) {
            f.offer(st.d, st.bytes, 0, st.bytes.length, st.ts);
            assertThat(f.pending(st.d)).isZero();
        }
        f.end(EndReason.SHUTDOWN);
        assertThat(rec.records).extracting(HTTP::getMethod, HTTP::getURL, HTTP::getStatusCode).containsExactly(
                org.assertj.core.groups.Tuple.tuple("M-SEARCH", "*", 200),
                org.assertj.core.groups.Tuple.tuple("NOTIFY", "*", 200)); // pairs by position, as everywhere
        assertThat(rec.records.getFirst().getHost()).isEqualTo("239.255.255.250:1900");
        assertThat(rec.records.getFirst().getResponseHeaderMap()).containsEntry("Location", "http://10.0.0.1/a.xml");
        assertThat(rec.records.get(1).getReqContentLength()).isEqualTo(10); // its body cut by the datagram's end
        assertThat(rec.errorKinds()).containsExactly(Http.MALFORMED); // the GET cut inside its head
    }

    @Test
    void parametersFollowTheOriginalsRewrites() {
        HTTP h = run(c("POST /p?q=1&.dot=x.&a.b=.v&=empty&+=space&q=2&bad=%zz&semi=1;x=2 HTTP/1.1\r\n"
                + "Content-Type: application/x-www-form-urlencoded; charset=utf-8\r\nContent-Length: 9\r\n\r\n"
                + "q=0&r=%41", T0)).only();
        assertThat(h.getParametersMap()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "q", "0 1 2", // body values first, then the query's (Go's Request.Form)
                "'[dot]dot'", "'x.'",
                "a[dot]b", "'.v'",
                "unknown", "empty",
                "r", "A"));
    }

    /**
     * Many keys (past the few found by a scan), a key repeated after them, and keys the rewrites make equal: the
     * later value takes the earlier key's place, as a map's put does.
     */
    @Test
    void parametersOfManyKeysAndOfKeysTheRewritesMakeEqual() {
        StringBuilder query = new StringBuilder();
        Map<String, String> expected = new java.util.HashMap<>();
        for (int i = 0; i < 20; i++) {
            query.append("k").append(i).append("=v").append(i).append('&');
            expected.put("k" + i, "v" + i);
        }
        query.append("k3=again&=first&unknown=second&a.b=x&a[dot]b=y&k19=last");
        expected.put("k3", "v3 again");
        expected.put("k19", "v19 last");
        expected.put("unknown", "second");
        expected.put("a[dot]b", "y");
        HTTP h = run(c("GET /p?" + query + " HTTP/1.1\r\n\r\n", T0)).only();
        assertThat(h.getParametersMap()).containsExactlyInAnyOrderEntriesOf(expected);
    }

    @Test
    void transferEncodingIsIgnoredInHttp10AndAnUnknownResponseCodingReadsToTheClose() {
        Run r = run(c("POST /x HTTP/1.0\r\nTransfer-Encoding: chunked\r\nContent-Length: 2\r\n\r\nab", T0),
                s("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nraw bytes", T0 + 1));
        HTTP h = r.only();
        assertThat(h.getReqContentLength()).isEqualTo(2);
        assertThat(h.getResContentLength()).isEqualTo(9);
        assertThat(r.rec.errors).isEmpty();
    }

    static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(b);
        }
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] b, boolean raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream d = new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, raw))) {
            d.write(b);
        }
        return out.toByteArray();
    }

    /**
     * Heads are read in the caller's buffer, which the caller reuses after each call: a head still needed later
     * (a request waiting for its response, a response whose body goes on) must not read the buffer's next bytes.
     * Here one buffer takes every delivery and is scribbled over after each call.
     */
    @Test
    void headsStillNeededOutliveTheBufferTheyWereReadFrom() {
        RecordingEnv rec = scribbled(c(GET + GET, T0), s(OK_HTML, T0 + 1), s(OK_HTML, T0 + 2));
        assertThat(rec.records).hasSize(2);
        for (HTTP h : rec.records) {
            assertThat(h.getRequestHeaderMap()).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "User-Agent", "Mozilla/5.0 (X11, Linux)", "Referer", "http://example.com/a,b",
                    "Accept", "text/html */*"));
            assertThat(h.getHost()).isEqualTo("example.com");
            assertThat(h.getServerName()).isEqualTo("nginx/1.18");
            assertThat(h.getResponseHeaderMap()).containsEntry("Content-Length", String.valueOf(HTML.length()))
                    .containsEntry("Content-Type", "text/html").containsEntry("Server", "nginx/1.18");
            assertThat(h.getResContentTypeDetected()).isEqualTo("text/html; charset=utf-8");
        }
        assertThat(rec.errors).isEmpty();
    }

    /** A request whose body goes on past the call that read its head: its head is kept before its record is made. */
    @Test
    void aHeadKeptWhileItsBodyGoesOnGivesItsFieldsWhole() {
        String form = "name=value+with+spaces&list=1&list=2&padding=" + "p".repeat(60);
        String post = "POST /submit HTTP/1.1\r\nHost: example.com\r\nUser-Agent: agent (a, b)\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nX-Folded: one\r\n\ttwo\r\n"
                + "Content-Length: " + form.length() + "\r\n\r\n" + form;
        RecordingEnv rec = scribbled(c(post, T0), s(OK_HTML, T0 + 1));
        HTTP h = rec.records.getFirst();
        assertThat(h.getUserAgent()).isEqualTo("agent (a(comma) b)");
        assertThat(h.getContentType()).isEqualTo("application/x-www-form-urlencoded");
        assertThat(h.getReqContentLength()).isEqualTo(form.length());
        assertThat(h.getParametersMap()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "name", "value with spaces", "list", "1 2", "padding", "p".repeat(60)));
        assertThat(h.getRequestHeaderMap()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "User-Agent", "agent (a, b)", "Content-Type", "application/x-www-form-urlencoded",
                "X-Folded", "one two", "Content-Length", String.valueOf(form.length())));
        assertThat(h.getServerName()).isEqualTo("nginx/1.18");
        assertThat(rec.errors).isEmpty();
    }

    /** The steps delivered 40 bytes at a time through one buffer scribbled over after each call. */
    private static RecordingEnv scribbled(Step... steps) {
        RecordingEnv rec = new RecordingEnv(false);
        Conversation conv = new Conversation(Conversation.Transport.TCP, "10.0.0.1", 40000, "10.0.0.2", 80, T0);
        Http http = new Http(conv, rec.env);
        byte[] buffer = new byte[4096];
        Map<Direction, byte[]> pending = new java.util.EnumMap<>(Direction.class);
        for (Step st : steps) {
            for (int i = 0; i < st.bytes.length; i += 40) { // heads whole in a call, bodies over several
                byte[] old = pending.getOrDefault(st.d, new byte[0]);
                byte[] piece = java.util.Arrays.copyOfRange(st.bytes, i, Math.min(i + 40, st.bytes.length));
                byte[] all = concat(old, piece);
                System.arraycopy(all, 0, buffer, 7, all.length);
                int consumed = http.parse(st.d, buffer, 7, all.length, st.ts);
                pending.put(st.d, java.util.Arrays.copyOfRange(all, consumed, all.length));
                java.util.Arrays.fill(buffer, (byte) 'x');
            }
        }
        http.end(EndReason.FIN, 0, 0);
        return rec;
    }
}
