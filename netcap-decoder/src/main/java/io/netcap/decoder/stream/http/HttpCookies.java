package io.netcap.decoder.stream.http;

import io.netcap.types.HTTPCookie;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code Cookie} (RFC 6265 5.4) and {@code Set-Cookie} (RFC 6265 5.2) header values to {@link HTTPCookie}
 * messages with the semantics of Go's net/http ({@code Request.Cookies}, {@code Response.Cookies}), which the
 * original's records come from: a name must be an RFC 9110 token, a value may be quoted and consist of cookie
 * octets, an attribute with an invalid value is ignored, {@code Max-Age} of 0 or less becomes -1, and a
 * cookie without a parseable {@code Expires} carries Go's zero time (-62135596800 seconds, written as an unsigned
 * number). Over {@value #MAX_COOKIES} cookies in one message give none, as in Go. Values are Latin-1 strings, one
 * char per byte.
 */
final class HttpCookies {
    /** Go's limit on cookies per message (net/http {@code defaultCookieMaxNum}). */
    static final int MAX_COOKIES = 3000;
    /** Go's zero {@code time.Time} in Unix seconds: the {@code Expires} of a cookie without one. */
    static final long ZERO_TIME_UNIX = -62135596800L;

    static final int SAME_SITE_DEFAULT = 1;
    static final int SAME_SITE_LAX = 2;
    static final int SAME_SITE_STRICT = 3;
    static final int SAME_SITE_NONE = 4;

    private HttpCookies() {}

    /**
     * The cookies of a request's {@code Cookie} header lines as their names and values, one after the other, record
     * text: a request cookie has nothing else ({@link #cookie}).
     */
    static String[] cookiePairs(List<String> lines) {
        int count = 0;
        for (String line : lines) {
            count += count(line, ';') + 1;
        }
        if (count > MAX_COOKIES) {
            return NO_PAIRS;
        }
        String[] out = new String[2 * count]; // at most a cookie per part
        int n = 0;
        for (String line : lines) {
            int end = line.length();
            for (int from = 0; from <= end; ) { // the parts between semicolons, trimmed, without a split
                int semi = line.indexOf(';', from);
                int to = semi < 0 ? end : semi;
                int at = from;
                from = to + 1;
                while (at < to && isAsciiSpace(line.charAt(at))) {
                    at++;
                }
                while (to > at && isAsciiSpace(line.charAt(to - 1))) {
                    to--;
                }
                if (at == to) {
                    continue;
                }
                int eq = line.indexOf('=', at);
                eq = eq >= to ? -1 : eq;
                String name = trim(line.substring(at, eq < 0 ? to : eq));
                String value = cookieValue(eq < 0 ? "" : line.substring(eq + 1, to), true);
                if (isToken(name) && value != null) {
                    out[n++] = HttpText.utf8(name);
                    out[n++] = HttpText.utf8(value);
                }
            }
        }
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    }

    private static final String[] NO_PAIRS = new String[0];

    /** A request's cookie, or a response's before its attributes: Go's zero time as its {@code Expires}. */
    static HTTPCookie cookie(String name, String value) {
        return HTTPCookie.newBuilder().setName(name).setValue(value).setExpires(ZERO_TIME_UNIX).build();
    }

    /** The cookies of a response's {@code Set-Cookie} header lines, one per line. */
    static List<HTTPCookie> fromSetCookieHeaders(List<String> lines) {
        List<HTTPCookie> out = new ArrayList<>();
        if (lines.size() > MAX_COOKIES) {
            return out;
        }
        for (String line : lines) {
            HTTPCookie c = parseSetCookie(line);
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }

    static HTTPCookie parseSetCookie(String line) {
        String[] parts = trim(line).split(";", -1);
        String first = trim(parts[0]);
        int eq = first.indexOf('=');
        if (eq < 0) {
            return null;
        }
        String name = trim(first.substring(0, eq));
        String value = cookieValue(first.substring(eq + 1), true);
        if (!isToken(name) || value == null) {
            return null;
        }
        HTTPCookie.Builder c = HTTPCookie.newBuilder().setName(HttpText.utf8(name)).setValue(HttpText.utf8(value))
                .setExpires(ZERO_TIME_UNIX);
        for (int i = 1; i < parts.length; i++) {
            String part = trim(parts[i]);
            if (part.isEmpty()) {
                continue;
            }
            int e = part.indexOf('=');
            String attr = e < 0 ? part : part.substring(0, e);
            String val = cookieValue(e < 0 ? "" : part.substring(e + 1), false);
            if (!isAscii(attr) || val == null) {
                continue;
            }
            // the name is ASCII: ignoring case is Go's lower-casing, without a lower-case copy
            if (attr.equalsIgnoreCase("samesite")) {
                c.setSameSite(sameSite(val));
            } else if (attr.equalsIgnoreCase("secure")) {
                c.setSecure(true);
            } else if (attr.equalsIgnoreCase("httponly")) {
                c.setHttpOnly(true);
            } else if (attr.equalsIgnoreCase("domain")) {
                c.setDomain(val);
            } else if (attr.equalsIgnoreCase("path")) {
                c.setPath(val);
            } else if (attr.equalsIgnoreCase("max-age")) {
                Long secs = atoi(val);
                if (secs != null && (secs == 0 || val.charAt(0) != '0')) {
                    c.setMaxAge(secs <= 0 ? -1 : (int) (long) secs); // Go's int32(int) truncation
                }
            } else if (attr.equalsIgnoreCase("expires")) {
                c.setExpires(GoTime.parseCookieExpires(val));
            }
        }
        return c.build();
    }

    private static int sameSite(String val) {
        if (!isAscii(val)) {
            return SAME_SITE_DEFAULT;
        }
        return val.equalsIgnoreCase("lax") ? SAME_SITE_LAX : val.equalsIgnoreCase("strict") ? SAME_SITE_STRICT
                : val.equalsIgnoreCase("none") ? SAME_SITE_NONE : SAME_SITE_DEFAULT;
    }

    /** RFC 6265 cookie-value with Go's loosening (space and comma allowed); quotes stripped; null if invalid. */
    private static String cookieValue(String raw, boolean allowQuotes) {
        if (allowQuotes && raw.length() > 1 && raw.charAt(0) == '"' && raw.charAt(raw.length() - 1) == '"') {
            raw = raw.substring(1, raw.length() - 1);
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < 0x20 || c >= 0x7f || c == '"' || c == ';' || c == '\\') {
                return null;
            }
        }
        return raw;
    }

    /** Go's {@code strconv.Atoi}: an optional sign and decimal digits within 64 bits, else null. */
    static Long atoi(String s) {
        int i = 0;
        boolean neg = false;
        if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
            neg = s.charAt(0) == '-';
            i = 1;
        }
        if (i == s.length()) {
            return null;
        }
        long v = 0;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            if (v > (Long.MAX_VALUE - (c - '0')) / 10) {
                return null;
            }
            v = v * 10 + (c - '0');
        }
        return neg ? -v : v;
    }

    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!HttpText.isTchar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Go's {@code textproto.TrimString}: ASCII space, tab, CR and LF off both ends. */
    static String trim(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && isAsciiSpace(s.charAt(a))) {
            a++;
        }
        while (b > a && isAsciiSpace(s.charAt(b - 1))) {
            b--;
        }
        return s.substring(a, b);
    }

    private static boolean isAsciiSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }
}
