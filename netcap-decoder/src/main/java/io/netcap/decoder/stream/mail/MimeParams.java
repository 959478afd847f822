package io.netcap.decoder.stream.mail;

import io.netcap.decoder.stream.files.HeaderParams;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@code Content-Type} or {@code Content-Disposition} value: its type (lower case) and parameters (names lower
 * case), RFC 2045 section 5.1 grammar with quoted strings, and RFC 2231 continuations ({@code name*0},
 * {@code name*1}) and extended values ({@code name*=charset'lang'%xx}). Values are kept as sent otherwise.
 */
record MimeParams(String type, Map<String, String> params) {
    /** Parameters kept of one header; a header with more is read no further. */
    static final int MAX_PARAMS = 64;

    static final MimeParams NONE = new MimeParams("", Map.of());

    String get(String name) {
        return params.get(name);
    }

    static MimeParams parse(String value) {
        if (value == null) {
            return NONE;
        }
        int semi = value.indexOf(';');
        String type = (semi < 0 ? value : value.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
        Map<String, String> plain = new LinkedHashMap<>();
        Map<String, TreeMap<Integer, String>> sections = new LinkedHashMap<>();
        HeaderParams.each(value, MAX_PARAMS, (key, val) -> addParam(key, val, plain, sections));
        sections.forEach((name, parts) -> {
            StringBuilder sb = new StringBuilder();
            parts.values().forEach(sb::append);
            plain.putIfAbsent(name, sb.toString());
        });
        return new MimeParams(type, plain);
    }

    /** RFC 2231: {@code name*} is an extended value, {@code name*N} and {@code name*N*} sections of one. */
    private static void addParam(String key, String val, Map<String, String> plain,
                                 Map<String, TreeMap<Integer, String>> sections) {
        int star = key.indexOf('*');
        if (star < 0) {
            plain.putIfAbsent(key, val);
            return;
        }
        String name = key.substring(0, star);
        String rest = key.substring(star + 1);
        boolean extended = rest.endsWith("*") || rest.isEmpty();
        String digits = rest.endsWith("*") ? rest.substring(0, rest.length() - 1) : rest;
        if (digits.isEmpty()) {
            String decoded = extendedValue(val, true);
            if (decoded != null) {
                plain.put(name, decoded); // section 4 values win over the plain parameter
            }
            return;
        }
        if (digits.length() > 3 || !digits.chars().allMatch(Character::isDigit)) {
            return;
        }
        int n = Integer.parseInt(digits);
        String part = extended ? extendedValue(val, n == 0) : val;
        if (part != null) {
            sections.computeIfAbsent(name, k -> new TreeMap<>()).put(n, part);
        }
    }

    /** {@code charset'language'pct-encoded} (the first section only names the charset); null when not one. */
    private static String extendedValue(String v, boolean first) {
        String charset = "UTF-8";
        String text = v;
        if (first) {
            int q1 = v.indexOf('\'');
            int q2 = q1 < 0 ? -1 : v.indexOf('\'', q1 + 1);
            if (q2 < 0) {
                return null;
            }
            charset = v.substring(0, q1);
            text = v.substring(q2 + 1);
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && EncodedWords.hex(text.charAt(i + 1)) >= 0
                    && EncodedWords.hex(text.charAt(i + 2)) >= 0) {
                out.write(EncodedWords.hex(text.charAt(i + 1)) << 4 | EncodedWords.hex(text.charAt(i + 2)));
                i += 2;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[] bytes = out.toByteArray();
        return MailText.text(bytes, 0, bytes.length, charset);
    }
}
