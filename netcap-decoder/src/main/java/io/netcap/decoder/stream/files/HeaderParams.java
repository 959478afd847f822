package io.netcap.decoder.stream.files;

import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * The parameters of a MIME header value, {@code type; key=value; key="quoted \" value"} (RFC 2045 section 5.1,
 * RFC 6266 section 4.1): keys lower case, quoted strings unescaped, malformed pieces skipped. One tokenizer for
 * {@code Content-Disposition} of form parts and {@code Content-Type}/{@code Content-Disposition} of mail parts.
 */
public final class HeaderParams {
    private HeaderParams() {}

    /** Calls {@code param} with each key and value after the first {@code ;}, at most {@code max} of them. */
    public static void each(String value, int max, BiConsumer<String, String> param) {
        int i = value.indexOf(';');
        int n = 0;
        while (i >= 0 && i < value.length() && n < max) {
            i++; // past ';'
            int eq = value.indexOf('=', i);
            int semi = value.indexOf(';', i);
            if (eq < 0 || (semi >= 0 && semi < eq)) {
                i = semi;
                continue;
            }
            String key = value.substring(i, eq).strip().toLowerCase(Locale.ROOT);
            int v = eq + 1;
            while (v < value.length() && (value.charAt(v) == ' ' || value.charAt(v) == '\t')) {
                v++;
            }
            String val;
            if (v < value.length() && value.charAt(v) == '"') {
                StringBuilder sb = new StringBuilder();
                int j = v + 1;
                for (; j < value.length() && value.charAt(j) != '"'; j++) {
                    char c = value.charAt(j);
                    if (c == '\\' && j + 1 < value.length()) {
                        c = value.charAt(++j);
                    }
                    sb.append(c);
                }
                val = sb.toString();
                i = value.indexOf(';', Math.min(j + 1, value.length()));
            } else {
                int end = semi < 0 ? value.length() : semi;
                val = value.substring(v, end).strip();
                i = semi;
            }
            param.accept(key, val);
            n++;
        }
    }
}
