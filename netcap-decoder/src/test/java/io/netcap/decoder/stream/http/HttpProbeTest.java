package io.netcap.decoder.stream.http;

import static io.netcap.decoder.stream.StreamProbe.Verdict.MATCH;
import static io.netcap.decoder.stream.StreamProbe.Verdict.MORE;
import static io.netcap.decoder.stream.StreamProbe.Verdict.NO;
import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.decoder.stream.StreamProbe.Verdict;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpProbeTest {
    private final HttpProbe probe = new HttpProbe();

    private Verdict test(String client, String server) {
        byte[] c = client.getBytes(StandardCharsets.ISO_8859_1);
        byte[] s = server.getBytes(StandardCharsets.ISO_8859_1);
        return probe.test(c, c.length, s, s.length);
    }

    @Test
    void theOriginalsTestMatches() {
        assertThat(test("xx GET yy", "zz HTTP zz")).isEqualTo(MATCH);
        assertThat(test("PUT", "HTTP")).isEqualTo(MATCH);
    }

    @Test
    void aRequestLineMatchesBeforeTheServerSpeaks() {
        assertThat(test("GET / HTTP/1.1\r\n", "")).isEqualTo(MATCH);
        assertThat(test("\r\nPROPFIND /dav HTTP/1.1\n", "")).isEqualTo(MATCH);
        assertThat(test("M-SEARCH * HTTP/1.1\r\n", "")).isEqualTo(MATCH);
        assertThat(test("GET /\r\n", "")).isEqualTo(MATCH); // HTTP/0.9
        assertThat(test("GET /\r", "")).isEqualTo(MORE);
        assertThat(test("PUT /\r\n", "<html>")).isEqualTo(NO);
        assertThat(test("GET /very/long?target HTTP/1.", "")).isEqualTo(MORE);
        assertThat(test("GE", "")).isEqualTo(MORE);
    }

    @Test
    void aStatusLineMatchesByItsStart() {
        assertThat(test("", "HTTP/1.0 200 OK")).isEqualTo(MATCH);
        assertThat(test("", "HTTP/1")).isEqualTo(MORE);
        assertThat(test("\u0016\u0003\u0001", "HTTP/1.1")).isEqualTo(MATCH);
    }

    @Test
    void otherProtocolsAreRefused() {
        assertThat(test("\u0016\u0003\u0001\u0002\u0000\u0001", "")).isEqualTo(NO); // TLS
        assertThat(test("SSH-2.0-OpenSSH_9.6\r\n", "SSH-2.0-OpenSSH_9.6\r\n")).isEqualTo(NO);
        assertThat(test("EHLO mail.example\r\n", "220 mx ESMTP\r\n")).isEqualTo(NO);
        assertThat(test("", "+OK POP3 server ready\r\n")).isEqualTo(NO);
        assertThat(test("GET / HTTP/2.0\r\n", "\u0000\u0000\u0012\u0004")).isEqualTo(NO);
        assertThat(test("GET  / HTTP/1.1\r\n", "garbage")).isEqualTo(NO);
    }

    @Test
    void theOriginalsTestCanStillAcceptWhileTheOtherSideIsSilent() {
        // a client that is no request line but names a method: the server may still answer with HTTP
        assertThat(test("junk GET junk", "")).isEqualTo(MORE);
        assertThat(test("GET / HTTP/2.0\r\n", "")).isEqualTo(MORE);
        assertThat(test("", "xx HTTP xx")).isEqualTo(MORE);
        assertThat(test("junk GET junk", "SSH-2.0")).isEqualTo(NO);
    }
}
