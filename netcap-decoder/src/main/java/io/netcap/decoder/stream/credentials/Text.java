package io.netcap.decoder.stream.credentials;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Decoding of the values in login lines: the lines are Latin-1 (one char per byte), values UTF-8. */
final class Text {
    private Text() {}

    /** The bytes of a Latin-1 line part read as UTF-8 (invalid sequences replaced). */
    static String utf8(String latin1) {
        return new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    /** RFC 4648 base64 (padding optional) as UTF-8 text, or null when {@code s} is not base64. */
    static String base64(String s) {
        byte[] b = base64Bytes(s);
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    static byte[] base64Bytes(String s) {
        try {
            return Base64.getDecoder().decode(s.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The first word of a line and the rest after the spaces following it ("" when none). */
    static String[] command(String line) {
        String t = line.strip();
        int sp = t.indexOf(' ');
        return sp < 0 ? new String[] {t, ""} : new String[] {t.substring(0, sp), t.substring(sp + 1).strip()};
    }

    /** application/x-www-form-urlencoded decoding: {@code +} is a space, {@code %XX} a byte; bad escapes kept. */
    static String formDecode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
            int lo = i + 2 < s.length() ? Character.digit(s.charAt(i + 2), 16) : -1;
            if (c == '%' && hi >= 0 && lo >= 0) {
                out.write(hi << 4 | lo);
                i += 2;
            } else {
                out.write(c == '+' ? ' ' : c);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
