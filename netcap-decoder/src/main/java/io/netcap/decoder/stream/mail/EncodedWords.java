package io.netcap.decoder.stream.mail;

import java.io.ByteArrayOutputStream;
import java.util.Base64;

/**
 * RFC 2047 encoded words ({@code =?charset?B|Q?text?=}) in header text, decoded; whitespace between two adjacent
 * encoded words is dropped (section 6.2). A word that does not decode stays as it was.
 */
final class EncodedWords {
    /** Section 2: an encoded word is at most 75 characters; mailers exceed it, so allow more but not unbounded. */
    private static final int MAX_WORD = 4096;

    private EncodedWords() {}

    static String decode(String s) {
        if (s == null || !s.contains("=?")) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        int afterWord = -1; // end of the last decoded word, while only whitespace follows it
        while (i < s.length()) {
            int start = s.indexOf("=?", i);
            if (start < 0) {
                out.append(s, i, s.length());
                break;
            }
            String decoded = null;
            int end = -1;
            int q1 = s.indexOf('?', start + 2);
            int q2 = q1 < 0 ? -1 : s.indexOf('?', q1 + 1);
            if (q2 == q1 + 2 && q2 < s.length()) {
                end = s.indexOf("?=", q2 + 1);
                if (end >= 0 && end - start <= MAX_WORD) {
                    decoded = word(s.substring(start + 2, q1), s.charAt(q1 + 1), s.substring(q2 + 1, end));
                }
            }
            if (decoded == null) {
                out.append(s, i, start + 2);
                i = start + 2;
                afterWord = -1;
                continue;
            }
            String between = s.substring(i, start);
            if (!(afterWord >= 0 && between.isBlank())) {
                out.append(between);
            }
            out.append(decoded);
            i = end + 2;
            afterWord = i;
        }
        return out.toString();
    }

    private static String word(String charset, char encoding, String text) {
        byte[] bytes;
        switch (Character.toUpperCase(encoding)) {
            case 'B' -> {
                try {
                    bytes = Base64.getMimeDecoder().decode(text);
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
            case 'Q' -> bytes = q(text);
            default -> {
                return null;
            }
        }
        return bytes == null ? null : MailText.text(bytes, 0, bytes.length, charset);
    }

    /** Section 4.2: quoted-printable where {@code _} is a space. */
    private static byte[] q(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '_') {
                out.write(' ');
            } else if (c == '=' && i + 2 < text.length() && hex(text.charAt(i + 1)) >= 0 && hex(text.charAt(i + 2)) >= 0) {
                out.write(hex(text.charAt(i + 1)) << 4 | hex(text.charAt(i + 2)));
                i += 2;
            } else if (c > 0xff) {
                return null;
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }

    static int hex(int c) {
        return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }
}
