package io.netcap.decoder.stream.files;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The parameters of a {@code Content-Disposition} header that file extraction needs (RFC 6266 section 4.1
 * grammar, as RFC 7578 section 4.2 uses it for form parts): {@code name} and {@code filename}. Values are
 * tokens or quoted strings with backslash escapes; an extended {@code filename*} (RFC 8187: charset, language,
 * percent-encoded bytes) wins over {@code filename}, as RFC 6266 section 4.3 asks of receivers.
 *
 * @param name     the form field name, "" when absent
 * @param filename the file name as sent (untrusted), null when the header names no file
 */
record ContentDisposition(String name, String filename) {
    static ContentDisposition parse(String value) {
        String[] found = new String[3]; // name, filename, filename*
        HeaderParams.each(value, Integer.MAX_VALUE, (key, val) -> {
            switch (key) {
                case "name" -> found[0] = val;
                case "filename" -> found[1] = found[1] == null ? val : found[1];
                case "filename*" -> found[2] = found[2] == null ? decodeExtended(val) : found[2];
                default -> { }
            }
        });
        return new ContentDisposition(found[0] == null ? "" : found[0], found[2] != null ? found[2] : found[1]);
    }

    /** RFC 8187 ext-value {@code charset'language'pct-encoded}; null when it is not one. */
    static String decodeExtended(String v) {
        int q1 = v.indexOf('\'');
        int q2 = q1 < 0 ? -1 : v.indexOf('\'', q1 + 1);
        if (q2 < 0) {
            return null;
        }
        String charset = v.substring(0, q1).strip().toUpperCase(Locale.ROOT);
        Charset cs = switch (charset) {
            case "UTF-8" -> StandardCharsets.UTF_8;
            case "ISO-8859-1" -> StandardCharsets.ISO_8859_1;
            default -> null;
        };
        if (cs == null) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = q2 + 1; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '%' && i + 2 < v.length() && hex(v.charAt(i + 1)) >= 0 && hex(v.charAt(i + 2)) >= 0) {
                out.write(hex(v.charAt(i + 1)) << 4 | hex(v.charAt(i + 2)));
                i += 2;
            } else {
                out.write(c & 0xff);
            }
        }
        return out.toString(cs);
    }

    private static int hex(char c) {
        return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }
}
