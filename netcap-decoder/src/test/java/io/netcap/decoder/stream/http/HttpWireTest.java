package io.netcap.decoder.stream.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.netcap.testing.Corpus;
import io.netcap.types.HTTP;
import io.netcap.types.HTTPCookie;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The HTTP wire encoder writes the bytes the generated code writes, for hand-built and corpus records. */
class HttpWireTest {
    private final HttpWire w = new HttpWire();

    private void same(HTTP r) {
        w.write(r);
        assertThat(Arrays.copyOf(w.buffer(), w.length())).as(r.toString()).isEqualTo(r.toByteArray());
    }

    @Test
    void everyFieldKind() {
        same(HTTP.getDefaultInstance());
        same(HTTP.newBuilder().setTimestamp(1_600_000_000_123_456_789L).setProto("HTTP/1.1").setMethod("GET")
                .setHost("example.com").setUserAgent("curl/8.0 (comma) é").setReferer("r").setURL("/a?b=c")
                .setReqContentLength(-1).setResContentLength(123456).setContentType("text/plain").setStatusCode(200)
                .setSrcIP("10.0.0.1").setDstIP("2001:db8::1").setReqContentEncoding("gzip")
                .setResContentEncoding("deflate").setServerName("nginx").setResContentType("text/html")
                .setDoneAfter(5).setDNSDoneAfter(-7).setFirstByteAfter(1L << 40).setTLSDoneAfter(3)
                .setContentTypeDetected("text/plain; charset=utf-8").setResContentTypeDetected("image/png")
                .putRequestHeader("Accept", "*/*").putRequestHeader("Empty", "").putRequestHeader("", "v")
                .putResponseHeader("Set-Cookie", "a=b c=d").putParameters("q", "'x.'")
                .addReqCookies(HTTPCookie.newBuilder().setName("a").setValue("b"))
                .addReqCookies(HTTPCookie.getDefaultInstance())
                .addResCookies(HTTPCookie.newBuilder().setName("s").setValue("t").setPath("/").setDomain("d")
                        .setExpires(-6795364578871345152L).setMaxAge(-1).setSecure(true).setHttpOnly(true)
                        .setSameSite(2))
                .setRequestBody(ByteString.copyFromUtf8("body")).setResponseBody(ByteString.copyFrom(new byte[300]))
                .putRequestHeader("Long", "x".repeat(20_000))
                .build());
    }

    /** Request cookies written from their parsed names and values, as the generated code writes those cookies. */
    @Test
    void requestCookiesFromTheirNamesAndValues() {
        String[] pairs = HttpCookies.cookiePairs(java.util.List.of("a=1; b=\"two\"; c d=x", "e=; f=\u00e9"));
        assertThat(pairs).containsExactly("a", "1", "b", "two", "e", "");
        HTTP.Builder expected = HTTP.newBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            expected.addReqCookies(HttpCookies.cookie(pairs[i], pairs[i + 1]));
        }
        HttpRecord r = new HttpRecord();
        r.reqCookiePairs = pairs;
        w.write(r);
        assertThat(Arrays.copyOf(w.buffer(), w.length())).isEqualTo(expected.build().toByteArray());
    }

    @Test
    void everyCorpusRecord() throws Exception {
        int n = 0;
        for (Path capture : Corpus.captures()) {
            for (HTTP r : HttpCorpusTest.parse(Corpus.packets(capture))) {
                same(r);
                n++;
            }
        }
        assertThat(n).isGreaterThan(150);
    }
}
