package io.netcap.decoder.stream.http;

import java.nio.charset.StandardCharsets;

/**
 * Text rules of HTTP/1.x shared by the parser and the record builder. The parser keeps message text as Latin-1
 * strings (one char per byte, nothing lost); {@link #utf8} turns them into the record's text.
 */
final class HttpText {
    private static final boolean[] TCHAR = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            TCHAR[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            TCHAR[c] = true;
            TCHAR[c - 32] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TCHAR[c] = true;
        }
    }

    private HttpText() {}

    /** RFC 9110 5.6.2 tchar. */
    static boolean isTchar(int c) {
        return c >= 0 && c < 128 && TCHAR[c];
    }

    static String latin1(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }

    /** The bytes of a Latin-1 string read as UTF-8 (malformed sequences become U+FFFD), for record fields. */
    static String utf8(String latin1) {
        for (int i = 0; i < latin1.length(); i++) {
            if (latin1.charAt(i) >= 0x80) {
                return new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            }
        }
        return latin1;
    }

    /**
     * Go's {@code textproto.CanonicalMIMEHeaderKey}: the first letter and every letter after a hyphen upper case,
     * the rest lower case; the caller has checked that the name is a token.
     */
    static String canonicalKey(byte[] b, int from, int to) {
        String known = knownKey(b, from, to);
        return known != null ? known : canonicalize(b, from, to);
    }

    /** The canonical form of a common field name ({@code from < to}), or null; such a name is a token. */
    static String knownKey(byte[] b, int from, int to) {
        return KnownNames.find(b, from, to);
    }

    static String canonicalize(byte[] b, int from, int to) {
        byte[] c = java.util.Arrays.copyOfRange(b, from, to);
        boolean upper = true;
        for (int i = 0; i < c.length; i++) {
            byte x = c[i];
            if (upper && x >= 'a' && x <= 'z') {
                c[i] = (byte) (x - 32);
            } else if (!upper && x >= 'A' && x <= 'Z') {
                c[i] = (byte) (x + 32);
            }
            upper = x == '-';
        }
        return new String(c, StandardCharsets.ISO_8859_1);
    }

    /**
     * The canonical forms of the field names of nearly every message, made once: a name's canonical form depends
     * only on its letters' case-folded values, so a name equal to one of these ignoring case has its form. Saves
     * a copy and a string per field line; the strings are the same instances as the literals the record builder
     * looks names up with, so those lookups end at the identity check.
     */
    private static final class KnownNames {
        private static final String[] TABLE = new String[256];
        /** The bytes of each name in {@link #TABLE}. */
        private static final byte[][] BYTES = new byte[256][];

        static {
            for (String name : new String[] {"Host", "User-Agent", "Accept", "Accept-Encoding", "Accept-Language",
                    "Accept-Charset", "Accept-Ranges", "Connection", "Keep-Alive", "Content-Type", "Content-Length",
                    "Content-Encoding", "Content-Language", "Content-Disposition", "Content-Range", "Cookie",
                    "Set-Cookie", "Date", "Server", "Cache-Control", "Pragma", "Expires", "Last-Modified", "Etag",
                    "Referer", "Location", "Transfer-Encoding", "Vary", "X-Powered-By", "Authorization",
                    "If-Modified-Since", "If-None-Match", "Origin", "Upgrade", "Age", "Via", "Range",
                    "Access-Control-Allow-Origin", "Strict-Transport-Security", "X-Frame-Options",
                    "X-Content-Type-Options", "X-Xss-Protection", "Www-Authenticate", "Dnt", "Upgrade-Insecure-Requests",
                    "X-Requested-With", "Proxy-Connection", "Te", "Trailer", "X-Forwarded-For", "P3p", "X-Cache",
                    "Alt-Svc", "Link", "Mime-Version", "Expect"}) {
                byte[] b = name.getBytes(StandardCharsets.ISO_8859_1);
                String canonical = canonicalize(b, 0, b.length);
                int i = slot(b, 0, b.length);
                while (TABLE[i] != null) {
                    i = (i + 1) & (TABLE.length - 1);
                }
                TABLE[i] = canonical.equals(name) ? name : canonical;
                BYTES[i] = TABLE[i].getBytes(StandardCharsets.ISO_8859_1);
            }
        }

        static String find(byte[] b, int from, int to) {
            for (int i = slot(b, from, to); TABLE[i] != null; i = (i + 1) & (TABLE.length - 1)) {
                if (equalsIgnoreCase(BYTES[i], b, from, to)) {
                    return TABLE[i];
                }
            }
            return null;
        }

        private static int slot(byte[] b, int from, int to) {
            int n = to - from;
            int h = n * 31 + fold(b[from]) * 7 + fold(b[to - 1]) * 3 + (n > 2 ? fold(b[from + n / 2]) : 0);
            return h & (TABLE.length - 1);
        }

        /** Names mostly come canonical: bytes compared as they are, ignoring case from the first difference. */
        private static boolean equalsIgnoreCase(byte[] s, byte[] b, int from, int to) {
            int n = s.length;
            if (n != to - from) {
                return false;
            }
            int i = 0;
            while (i < n && s[i] == b[from + i]) {
                i++;
            }
            for (; i < n; i++) {
                if (fold(s[i]) != fold(b[from + i])) {
                    return false;
                }
            }
            return true;
        }

        /** ASCII letters to lower case, every other byte as it is. */
        private static int fold(byte c) {
            return c >= 'A' && c <= 'Z' ? c + 32 : c & 0xFF;
        }
    }

    /** Percent-decoding ({@code %XX} to a byte, {@code +} to a space if asked); null for a malformed escape. */
    static String percentDecode(String s, boolean plusAsSpace) {
        if (s.indexOf('%') < 0 && (!plusAsSpace || s.indexOf('+') < 0)) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                int hi = i + 2 < s.length() ? hex(s.charAt(i + 1)) : -1;
                int lo = i + 2 < s.length() ? hex(s.charAt(i + 2)) : -1;
                if (hi < 0 || lo < 0) {
                    return null;
                }
                out.append((char) (hi << 4 | lo));
                i += 2;
            } else {
                out.append(plusAsSpace && c == '+' ? ' ' : c);
            }
        }
        return out.toString();
    }

    static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
