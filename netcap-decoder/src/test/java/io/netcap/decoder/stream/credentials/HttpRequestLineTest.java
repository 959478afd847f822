package io.netcap.decoder.stream.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The byte-level request-line check agrees with the regular expression it stands for. */
class HttpRequestLineTest {
    private static final Pattern REQUEST_LINE = Pattern.compile("[A-Z]{3,12} \\S+ HTTP/1\\.[01]");

    private static boolean check(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        return HttpHarvester.isRequestLine(new Line().set(b, 0, b.length));
    }

    @Test
    void examples() {
        assertThat(check("GET / HTTP/1.1")).isTrue();
        assertThat(check("POST /login?a=b HTTP/1.0")).isTrue();
        assertThat(check("PROPFINDXXXX /x HTTP/1.1")).isTrue();
        assertThat(check("PROPFINDXXXXX /x HTTP/1.1")).isFalse(); // 13 letters
        assertThat(check("GE / HTTP/1.1")).isFalse();
        assertThat(check("get / HTTP/1.1")).isFalse();
        assertThat(check("GET  HTTP/1.1")).isFalse();
        assertThat(check("GET / x HTTP/1.1")).isFalse();
        assertThat(check("GET /\t HTTP/1.1")).isFalse();
        assertThat(check("GET / http/1.1")).isFalse();
        assertThat(check("GET / HTTP/1.2")).isFalse();
        assertThat(check("GET / HTTP/2.0")).isFalse();
        assertThat(check("GET /\u00a0 HTTP/1.1")).isTrue(); // not \s in Java's default classes
        assertThat(check("")).isFalse();
        assertThat(check("HTTP/1.1")).isFalse();
    }

    @Test
    void agreesWithTheRegexOnRandomLines() {
        Random r = new Random(7);
        String[] parts = {"GET", "POST", "A", "ABCDEFGHIJKLM", " ", "  ", "/", "/x", "\t", "\u00a0", "HTTP/1.1",
                "HTTP/1.0", "HTTP/1.", "http/1.1", "1", "a", "\r", "\u000b"};
        for (int n = 0; n < 20_000; n++) {
            StringBuilder s = new StringBuilder();
            for (int k = r.nextInt(7); k >= 0; k--) {
                s.append(parts[r.nextInt(parts.length)]);
            }
            String line = s.toString();
            assertThat(check(line)).as(line).isEqualTo(REQUEST_LINE.matcher(line).matches());
            if (check(line)) { // the harvester's filter outside a head lets every request line through
                byte[] b = line.getBytes(StandardCharsets.ISO_8859_1);
                assertThat(new HttpHarvester().clientLines().passes(b, 0, b.length)).as(line).isTrue();
            }
        }
    }
}
