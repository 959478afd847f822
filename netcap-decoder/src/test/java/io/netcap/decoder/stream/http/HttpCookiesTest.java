package io.netcap.decoder.stream.http;

import static io.netcap.decoder.stream.http.HttpCookies.ZERO_TIME_UNIX;
import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.types.HTTPCookie;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cookie parsing with Go's net/http semantics (the cases follow the kinds of Go's {@code cookie_test.go}: the
 * {@code NID} and {@code .ASPXAUTH} lines, SameSite values, quoted and "special" values); the expiry times are
 * the Unix seconds of the dates written in the headers.
 */
class HttpCookiesTest {
    private static HTTPCookie.Builder cookie(String name, String value) {
        return HTTPCookie.newBuilder().setName(name).setValue(value).setExpires(ZERO_TIME_UNIX);
    }

    private static HTTPCookie set(String line) {
        return HttpCookies.parseSetCookie(line);
    }

    @Test
    void setCookieAttributes() {
        assertThat(set("Cookie-1=v$1")).isEqualTo(cookie("Cookie-1", "v$1").build());
        assertThat(set("NID=99=YsDT5i3E-CXax-; expires=Wed, 23-Nov-2011 01:05:03 GMT; path=/; domain=.google.ch; HttpOnly"))
                .isEqualTo(cookie("NID", "99=YsDT5i3E-CXax-").setPath("/").setDomain(".google.ch").setHttpOnly(true)
                        .setExpires(1322010303L).build());
        assertThat(set(".ASPXAUTH=7E3AA; expires=Wed, 07-Mar-2012 14:25:06 GMT; path=/; HttpOnly"))
                .isEqualTo(cookie(".ASPXAUTH", "7E3AA").setPath("/").setHttpOnly(true).setExpires(1331130306L).build());
        assertThat(set("ASP.NET_SessionId=foo; path=/; HttpOnly; Secure"))
                .isEqualTo(cookie("ASP.NET_SessionId", "foo").setPath("/").setHttpOnly(true).setSecure(true).build());
        assertThat(set("id=a; Expires=Wed, 21 Oct 2015 07:28:00 GMT").getExpires()).isEqualTo(1445412480L);
        assertThat(set("id=a; Expires=wed, 21 oct 2015 7:28:00   UTC").getExpires()).isEqualTo(1445412480L);
        assertThat(set("id=a; Expires=Wed, 21 Oct 2015 07:28:00 GMT+2").getExpires()).isEqualTo(1445412480L);
        assertThat(set("id=a; Expires=Wed, 21 Oct 15 07:28:00 GMT").getExpires()).isEqualTo(ZERO_TIME_UNIX);
        assertThat(set("id=a; Expires=Wed, 31 Feb 2015 07:28:00 GMT").getExpires()).isEqualTo(ZERO_TIME_UNIX);
        assertThat(set("id=a; Expires=Wed, 21 Oct 2015 07:28:00 gmt").getExpires()).isEqualTo(ZERO_TIME_UNIX);
        assertThat(set("id=a; Expires=Wed, 21 Oct 2015 07:28:00 GMT junk").getExpires()).isEqualTo(ZERO_TIME_UNIX);
    }

    @Test
    void sameSiteAndMaxAge() {
        assertThat(set("a=1; SameSite").getSameSite()).isEqualTo(HttpCookies.SAME_SITE_DEFAULT);
        assertThat(set("a=1; SameSite=invalid").getSameSite()).isEqualTo(HttpCookies.SAME_SITE_DEFAULT);
        assertThat(set("a=1; SameSite=Lax").getSameSite()).isEqualTo(HttpCookies.SAME_SITE_LAX);
        assertThat(set("a=1; samesite=STRICT").getSameSite()).isEqualTo(HttpCookies.SAME_SITE_STRICT);
        assertThat(set("a=1; SameSite=None").getSameSite()).isEqualTo(HttpCookies.SAME_SITE_NONE);
        assertThat(set("a=1").getSameSite()).isZero();
        assertThat(set("a=1; Max-Age=3600").getMaxAge()).isEqualTo(3600);
        assertThat(set("a=1; Max-Age=0").getMaxAge()).isEqualTo(-1);
        assertThat(set("a=1; Max-Age=-5").getMaxAge()).isEqualTo(-1);
        assertThat(set("a=1; Max-Age=05").getMaxAge()).isZero(); // a leading zero is not accepted
        assertThat(set("a=1; Max-Age=x").getMaxAge()).isZero();
    }

    @Test
    void specialValuesAndRejectedLines() {
        assertThat(set("special-1=a z").getValue()).isEqualTo("a z");
        assertThat(set("special-2=\" z\"").getValue()).isEqualTo(" z");
        assertThat(set("special-5=a,z").getValue()).isEqualTo("a,z");
        assertThat(set("special-8=\",\"").getValue()).isEqualTo(",");
        assertThat(set("")).isNull();
        assertThat(set("novalue")).isNull();
        assertThat(set("bad name=x")).isNull();
        assertThat(set("bad=\"x")).isNull();
        assertThat(set("a=b\\c")).isNull();
        assertThat(set("a=1; Path=\"/x\"").getPath()).isEmpty(); // an attribute value with a quote is ignored
    }

    /** The cookies of a request's {@code Cookie} header lines, as the HTTP record carries them. */
    private static List<HTTPCookie> requestCookies(List<String> lines) {
        String[] pairs = HttpCookies.cookiePairs(lines);
        List<HTTPCookie> out = new java.util.ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.add(HttpCookies.cookie(pairs[i], pairs[i + 1]));
        }
        return out;
    }

    @Test
    void requestCookies() {
        assertThat(requestCookies(List.of("Cookie-1=v$1; c2=v2", "c3=\"v3\";c4=v4; ; x")))
                .containsExactly(cookie("Cookie-1", "v$1").build(), cookie("c2", "v2").build(),
                        cookie("c3", "v3").build(), cookie("c4", "v4").build(), cookie("x", "").build());
        assertThat(requestCookies(List.of(" Cookie-1 = v$1 ")))
                .containsExactly(cookie("Cookie-1", " v$1").build());
        assertThat(requestCookies(List.of("bad=\"x; ok=1; a b=2")))
                .containsExactly(cookie("ok", "1").build());
        assertThat(requestCookies(List.of("a=1;".repeat(3000)))).isEmpty(); // over Go's limit
        assertThat(HttpCookies.fromSetCookieHeaders(Collections.nCopies(3001, "a=1"))).isEmpty();
        assertThat(HttpCookies.fromSetCookieHeaders(List.of("a=1", "broken"))).hasSize(1);
    }
}
