package io.netcap.decoder.stream.http;

import java.util.Locale;

/**
 * A request-target (RFC 9112 3.2) read as Go's {@code url.ParseRequestURI} reads it and written back as its
 * {@code URL.String()} does, since the original's {@code URL} field is that string: the scheme of the absolute
 * form in lower case, the path percent-decoded ({@link #path}) and re-encoded where Go would (bytes outside
 * RFC 3986's path characters), the query as sent, and a CONNECT authority written {@code //host:port}. A
 * target Go rejects (a bad percent escape, a control byte, no leading {@code /} without a scheme) is kept as
 * sent, with its raw text as path.
 *
 * @param url   the record's URL text (before the comma replacement)
 * @param host  the authority's host of the absolute form or of CONNECT, else empty
 * @param path  the decoded path ({@code URL.Path}), for file names and sources
 * @param query the raw query ({@code URL.RawQuery}) without the {@code ?}
 */
record RequestTarget(String url, String host, String path, String query) {

    static RequestTarget parse(String method, String raw) {
        if (method.equals("CONNECT") && !raw.startsWith("/")) {
            return new RequestTarget("//" + raw, raw, "", "");
        }
        if (raw.equals("*")) {
            return new RequestTarget("*", "", "*", "");
        }
        int q = -1;
        boolean plain = raw.startsWith("/"); // an origin form whose path has no escape and is valid encoded as sent
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return asSent(raw);
            }
            if (q < 0 && c == '?') {
                q = i;
            } else if (q < 0 && (c == '%' || c >= PATH_CHAR.length || !PATH_CHAR[c])) {
                plain = false;
            }
        }
        if (plain) { // one pass for the common case: written back as sent, its path needs no decoding
            return q < 0 ? new RequestTarget(raw, "", raw, "")
                    : new RequestTarget(raw, "", raw.substring(0, q), raw.substring(q + 1));
        }
        String rest = raw;
        String query = "";
        boolean forceQuery = false;
        if (q >= 0) {
            query = rest.substring(q + 1);
            forceQuery = query.isEmpty();
            rest = rest.substring(0, q);
        }
        String scheme = "";
        String authority = "";
        if (!rest.startsWith("/")) {
            int colon = schemeEnd(rest);
            if (colon <= 0 || !rest.startsWith("//", colon + 1)) {
                return asSent(raw); // no scheme, or an opaque URI: not a target Go reads
            }
            scheme = rest.substring(0, colon).toLowerCase(Locale.ROOT);
            rest = rest.substring(colon + 3);
            int slash = rest.indexOf('/');
            authority = slash < 0 ? rest : rest.substring(0, slash);
            rest = slash < 0 ? "" : rest.substring(slash);
        }
        String path = unescape(rest);
        if (path == null) {
            return asSent(raw);
        }
        boolean valid = validEncoded(rest);
        if (valid && scheme.isEmpty()) {
            return new RequestTarget(raw, "", path, query); // origin form with escapes, written back as sent
        }
        StringBuilder s = new StringBuilder(raw.length() + 8);
        if (!scheme.isEmpty()) {
            s.append(scheme).append("://").append(authority);
        }
        s.append(valid ? rest : escape(path));
        if (forceQuery || !query.isEmpty()) {
            s.append('?').append(query);
        }
        int at = authority.lastIndexOf('@');
        return new RequestTarget(s.toString(), at < 0 ? authority : authority.substring(at + 1), path, query);
    }

    private static RequestTarget asSent(String raw) {
        int q = raw.indexOf('?');
        return new RequestTarget(raw, "", q < 0 ? raw : raw.substring(0, q), q < 0 ? "" : raw.substring(q + 1));
    }

    /** The index of the colon ending a URI scheme (RFC 3986 3.1), or -1. */
    private static int schemeEnd(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
                continue;
            }
            if (i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')) {
                continue;
            }
            return c == ':' ? i : -1;
        }
        return -1;
    }

    /** Percent-decoding of a path (no {@code +} rule), or null for a malformed escape, as Go rejects it. */
    static String unescape(String s) {
        return HttpText.percentDecode(s, false);
    }

    /** The ASCII chars that may stand in an encoded path as they are (Go's {@code validEncoded}). */
    private static final boolean[] PATH_CHAR = new boolean[128];

    static {
        for (char c = 0; c < PATH_CHAR.length; c++) {
            PATH_CHAR[c] = !mustEscape(c) || "!$&'()*+,;=:@[]%".indexOf(c) >= 0;
        }
    }

    /** Go's {@code validEncoded(s, encodePath)}: every byte may stand in a path as it is. */
    private static boolean validEncoded(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= PATH_CHAR.length || !PATH_CHAR[c]) {
                return false;
            }
        }
        return true;
    }

    /** Go's {@code shouldEscape(c, encodePath)}. */
    private static boolean mustEscape(char c) {
        if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
            return false;
        }
        return switch (c) {
            case '-', '_', '.', '~', '$', '&', '+', ',', '/', ':', ';', '=', '@' -> false;
            default -> true;
        };
    }

    private static String escape(String path) {
        StringBuilder s = new StringBuilder(path.length() + 16);
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (mustEscape(c)) {
                s.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4 & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            } else {
                s.append(c);
            }
        }
        return s.toString();
    }
}
