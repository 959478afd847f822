package io.netcap.decoder.stream.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Request-targets written back as Go's {@code URL.String()} writes what {@code url.ParseRequestURI} read: RFC 3986
 * path characters stay, other bytes are percent-encoded (upper-case hex), escapes that decode are kept as sent.
 */
class RequestTargetTest {
    @ParameterizedTest
    @CsvSource(delimiterString = " ~ ", quoteCharacter = '`', value = {
        "GET ~ /index.html ~ /index.html ~ `` ~ /index.html",
        "GET ~ /a%2Fb?x=1 ~ /a%2Fb?x=1 ~ `` ~ /a/b",
        "GET ~ /caf\u00e9 ~ /caf%E9 ~ `` ~ /caf\u00e9",
        "GET ~ /{x}|y ~ /%7Bx%7D%7Cy ~ `` ~ /{x}|y",
        "GET ~ /a#frag ~ /a%23frag ~ `` ~ /a#frag",
        "GET ~ /a;b=c,d!$&'()*+:@[] ~ /a;b=c,d!$&'()*+:@[] ~ `` ~ /a;b=c,d!$&'()*+:@[]",
        "GET ~ /x? ~ /x? ~ `` ~ /x",
        "GET ~ /a%zz ~ /a%zz ~ `` ~ /a%zz",
        "GET ~ HTTP://Example.COM:8080/p?q ~ http://Example.COM:8080/p?q ~ Example.COM:8080 ~ /p",
        "GET ~ http://user@host/ ~ http://user@host/ ~ host ~ /",
        "GET ~ http://host ~ http://host ~ host ~ ``",
        "OPTIONS ~ * ~ * ~ `` ~ *",
        "GET ~ //foo/bar ~ //foo/bar ~ `` ~ //foo/bar",
        "GET ~ mailto:x ~ mailto:x ~ `` ~ mailto:x",
        "CONNECT ~ example.com:443 ~ //example.com:443 ~ example.com:443 ~ ``",
        "CONNECT ~ /rpc ~ /rpc ~ `` ~ /rpc",
    })
    void writesTheTargetAsGoDoes(String method, String raw, String url, String host, String path) {
        RequestTarget t = RequestTarget.parse(method, raw);
        assertThat(t.url()).isEqualTo(url);
        assertThat(t.host()).isEqualTo(host);
        assertThat(t.path()).isEqualTo(path);
    }
}
