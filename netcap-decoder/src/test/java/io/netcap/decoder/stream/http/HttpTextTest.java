package io.netcap.decoder.stream.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Go's {@code textproto.CanonicalMIMEHeaderKey}, with and without the table of common names. */
class HttpTextTest {
    private static String key(String name) {
        byte[] b = ("x" + name + ":").getBytes(StandardCharsets.ISO_8859_1);
        return HttpText.canonicalKey(b, 1, b.length - 1);
    }

    @Test
    void commonNamesInAnyCaseGetTheirCanonicalForm() {
        // expected values as Go's net/textproto documents the rule: upper case first and after '-', rest lower
        assertThat(key("content-TYPE")).isEqualTo("Content-Type");
        assertThat(key("USER-AGENT")).isEqualTo("User-Agent");
        assertThat(key("ETag")).isEqualTo("Etag");
        assertThat(key("www-authenticate")).isEqualTo("Www-Authenticate");
        assertThat(key("host")).isEqualTo("Host");
        assertThat(key("te")).isEqualTo("Te");
    }

    @Test
    void commonNamesAreTheLiteralsTheRecordBuilderLooksUp() {
        assertThat(key("user-agent")).isSameAs("User-Agent");
        assertThat(key("set-cookie")).isSameAs("Set-Cookie");
    }

    @Test
    void otherNamesAreCanonicalizedByTheRule() {
        assertThat(key("x-custom-thing")).isEqualTo("X-Custom-Thing");
        assertThat(key("a")).isEqualTo("A");
        assertThat(key("content-typ")).isEqualTo("Content-Typ");
        assertThat(key("content-typed")).isEqualTo("Content-Typed");
        // '^' and '~' differ only in bit 0x20, as letters of two cases do: they must not match each other
        assertThat(key("te~")).isEqualTo("Te~");
        assertThat(key("Host^")).isEqualTo("Host^");
        assertThat(key("1-2")).isEqualTo("1-2");
    }
}
