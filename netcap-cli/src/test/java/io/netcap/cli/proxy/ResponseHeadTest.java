package io.netcap.cli.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Response heads and bodies as RFC 9112 frames them, and the forms the proxy refuses to relay. */
class ResponseHeadTest {
    private static ResponseHead head(String s) throws IOException {
        return ResponseHead.read(new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void statusLineAndFields() throws IOException {
        ResponseHead h = head("HTTP/1.1 200 OK\r\nServer: nginx/1.25\r\nSet-Cookie: a=1\r\nset-cookie: b=2\r\n"
                + "X-Folded: one\r\n two\r\nContent-Length:  12 \r\n\r\nbody");
        assertThat(h.version).isEqualTo("HTTP/1.1");
        assertThat(h.status).isEqualTo(200);
        assertThat(h.reason).isEqualTo("OK");
        assertThat(h.first("server")).isEqualTo("nginx/1.25");
        assertThat(h.all("Set-Cookie")).containsExactly("a=1", "b=2");
        assertThat(h.first("X-Folded")).isEqualTo("one two");
        assertThat(h.contentLength()).isEqualTo(12);
        assertThat(h.first("Missing")).isEmpty();
        assertThat(MessageBody.framing("GET", h)).isEqualTo(MessageBody.Framing.LENGTH);
    }

    @Test
    void bareLineFeedsAndNoReason() throws IOException {
        ResponseHead h = head("HTTP/1.0 404\nA: b\n\n");
        assertThat(h.status).isEqualTo(404);
        assertThat(h.reason).isEmpty();
        assertThat(h.contentLength()).isEqualTo(-1);
        assertThat(MessageBody.framing("GET", h)).isEqualTo(MessageBody.Framing.UNTIL_CLOSE);
    }

    @Test
    void framingFollowsRfc9112Section6_3() throws IOException {
        assertThat(MessageBody.framing("HEAD", head("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n"))).isEqualTo(MessageBody.Framing.NONE);
        assertThat(MessageBody.framing("GET", head("HTTP/1.1 204 No Content\r\n\r\n"))).isEqualTo(MessageBody.Framing.NONE);
        assertThat(MessageBody.framing("GET", head("HTTP/1.1 304 Not Modified\r\nContent-Length: 5\r\n\r\n"))).isEqualTo(MessageBody.Framing.NONE);
        assertThat(MessageBody.framing("GET", head("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"))).isEqualTo(MessageBody.Framing.NONE);
        // Transfer-Encoding overrides Content-Length; a final coding other than chunked runs to the close
        assertThat(MessageBody.framing("GET", head("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: gzip, Chunked\r\n\r\n")))
                .isEqualTo(MessageBody.Framing.CHUNKED);
        assertThat(MessageBody.framing("GET", head("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\n")))
                .isEqualTo(MessageBody.Framing.UNTIL_CLOSE);
        assertThat(head("HTTP/1.1 200 OK\r\nContent-Length: 7, 7\r\nContent-Length: 7\r\n\r\n").contentLength()).isEqualTo(7);
    }

    @Test
    void unsafeOrBrokenHeadsAreMalformed() {
        for (String bad : new String[] {
                "HTTP/2 200 OK\r\n\r\n", "HTTP/1.1 20 OK\r\n\r\n", "HTTP/1.1 2000 OK\r\n\r\n", "HTTP/1.1 099 x\r\n\r\n",
                "ICY 200 OK\r\n\r\n", "\r\n\r\n", "HTTP/1.1 200 OK\r\n folded-first\r\n\r\n",
                "HTTP/1.1 200 OK\r\nName : v\r\n\r\n", "HTTP/1.1 200 OK\r\nno colon\r\n\r\n",
                "HTTP/1.1 200 OK\r\nA: x\ry\r\n\r\n", "HTTP/1.1 200 OK\r\nA: x\0y\r\n\r\n"}) {
            assertThatThrownBy(() -> head(bad)).as(bad).isInstanceOf(ResponseHead.Malformed.class);
        }
        assertThatThrownBy(() -> head("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n").contentLength())
                .isInstanceOf(ResponseHead.Malformed.class).hasMessage("conflicting Content-Length values");
        assertThatThrownBy(() -> head("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n").contentLength())
                .isInstanceOf(ResponseHead.Malformed.class);
        assertThatThrownBy(() -> head("HTTP/1.1 200 OK\r\nA: " + "x".repeat(ResponseHead.MAX_BYTES) + "\r\n\r\n"))
                .isInstanceOf(ResponseHead.Malformed.class).hasMessageContaining("longer than");
        assertThatThrownBy(() -> head("")).isInstanceOf(EOFException.class).hasMessageContaining("without a response");
        assertThatThrownBy(() -> head("HTTP/1.1 200 OK\r\nA: b\r\n")).isInstanceOf(EOFException.class);
    }

    @Test
    void chunkedBodiesAreDecodedAndTrailersDropped() throws IOException {
        String wire = "4;ext=1\r\nWiki\r\n5 \r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0\r\nExpires: never\r\n\r\nNEXT";
        ByteArrayInputStream in = new ByteArrayInputStream(wire.getBytes(StandardCharsets.US_ASCII));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MessageBody.copyChunked(in, out);
        // the example of RFC 9112 7.1's predecessor (Wikipedia's), with an extension and a trailer
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("Wikipedia in\r\n\r\nchunks.");
        assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("NEXT");
    }

    @Test
    void brokenChunkedBodiesFail() {
        for (String bad : new String[] {"x\r\n", "4\r\nWikiX\r\n0\r\n\r\n", "fffffffffffffff0\r\n", "4\r\nWi", ";\r\n"}) {
            assertThatThrownBy(() -> MessageBody.copyChunked(new ByteArrayInputStream(bad.getBytes(StandardCharsets.US_ASCII)),
                    OutputStreamSink.INSTANCE)).as(bad).isInstanceOf(IOException.class);
        }
    }

    @Test
    void chunkedRequestsAreSentChunked() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long n = MessageBody.sendChunked(new ByteArrayInputStream("hello".getBytes(StandardCharsets.US_ASCII)), out);
        assertThat(n).isEqualTo(5);
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("5\r\nhello\r\n0\r\n\r\n");
    }

    @Test
    void targetsJoinLikeGosSingleHostReverseProxy() {
        Target t = Target.parse("http://u:p@example.com:8080/api?k=v");
        assertThat(t.authority()).isEqualTo("example.com:8080");
        assertThat(t.port()).isEqualTo(8080);
        assertThat(t.requestTarget("/users", "id=1")).isEqualTo("/api/users?k=v&id=1");
        assertThat(t.url("/api/x")).isEqualTo("http://example.com:8080/api/x");
        assertThat(Target.parse("https://[::1]/").requestTarget("/a", null)).isEqualTo("/a");
        assertThat(Target.parse("https://[::1]/").port()).isEqualTo(443);
        assertThat(Target.parse("https://[::1]/").literal()).isTrue();
        assertThat(Target.parse("http://h").requestTarget("", "")).isEqualTo("/");
        assertThat(Target.parse("http://h/base").requestTarget("x", "")).isEqualTo("/base/x");
        assertThatThrownBy(() -> Target.parse("ftp://h")).hasMessageContaining("http:// or https://");
        assertThatThrownBy(() -> Target.parse("http:///path")).hasMessageContaining("no host");
    }

    /** Swallows output. */
    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) { }
    }
}
