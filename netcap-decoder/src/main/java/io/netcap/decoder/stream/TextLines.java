package io.netcap.decoder.stream;

import java.nio.charset.StandardCharsets;

/** Lines of the text protocols on streams (FTP, IMAP): CRLF-terminated, a bare LF accepted as well. */
public final class TextLines {
    private TextLines() {}

    /** The index just after the first LF in {@code b[off .. off+len)}, or -1 when the line is not complete. */
    public static int end(byte[] b, int off, int len) {
        for (int i = off, to = off + len; i < to; i++) {
            if (b[i] == '\n') {
                return i + 1;
            }
        }
        return -1;
    }

    /** The line {@code b[from .. to)} without its line end, as UTF-8 (malformed sequences become U+FFFD). */
    public static String text(byte[] b, int from, int to) {
        if (to > from && b[to - 1] == '\n') {
            to--;
        }
        if (to > from && b[to - 1] == '\r') {
            to--;
        }
        return new String(b, from, to - from, StandardCharsets.UTF_8);
    }

    /** True when {@code b[off ..)} starts with {@code word} (ASCII, any case) followed by SP, CR, LF or the end. */
    public static boolean startsWithWord(byte[] b, int off, int len, String word) {
        int n = word.length();
        if (len < n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            int c = b[off + i] & 0xff;
            if (c >= 'a' && c <= 'z') {
                c -= 32;
            }
            if (c != word.charAt(i)) {
                return false;
            }
        }
        return len == n || b[off + n] == ' ' || b[off + n] == '\r' || b[off + n] == '\n';
    }
}
