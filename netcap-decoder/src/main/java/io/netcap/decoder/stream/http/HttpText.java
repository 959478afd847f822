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
