package io.netcap.decoder.stream.credentials;

import io.netcap.decoder.ByteScan;
import java.nio.charset.StandardCharsets;

/**
 * A complete line as the harvesters see it: its bytes, and their Latin-1 text made only when a harvester asks,
 * so the lines of ordinary traffic, which the byte-level checks turn away, cost no allocation. The bytes are
 * the splitter's buffer or, for a line that lies whole in the bytes fed, those bytes in place. Valid only
 * during the call that gives it.
 */
final class Line {
    private byte[] b;
    private int off;
    private int len;
    private String text;
    /** Where the first space is, -1 for none, or {@link #UNKNOWN} until asked. */
    private int space;
    private static final int UNKNOWN = -2;

    Line set(byte[] bytes, int offset, int length) {
        b = bytes;
        off = offset;
        len = length;
        text = null;
        space = UNKNOWN;
        return this;
    }

    int length() {
        return len;
    }

    String text() {
        if (text == null) {
            text = new String(b, off, len, StandardCharsets.ISO_8859_1);
        }
        return text;
    }

    /** The line has {@code s} (ASCII) at {@code at}, letters in any case. */
    boolean hasAt(int at, String s) {
        int n = s.length();
        if (at < 0 || at + n > len) {
            return false;
        }
        byte[] bytes = b; // locals: the loops run for every line of a conversation
        int start = off + at;
        for (int i = 0; i < n; i++) {
            int c = bytes[start + i] & 0xFF;
            int want = s.charAt(i);
            int lower = c | 0x20;
            if (c != want && !(lower >= 'a' && lower <= 'z' && lower == (want | 0x20))) {
                return false;
            }
        }
        return true;
    }

    boolean endsWith(String s) {
        return hasAt(len - s.length(), s);
    }

    /** The byte at {@code i} (0 .. length - 1), unsigned. */
    int at(int i) {
        return b[off + i] & 0xFF;
    }

    /** Index of the first space, or -1; found once per line. */
    int firstSpace() {
        if (space == UNKNOWN) {
            int i = ByteScan.indexOf(b, off, off + len, (byte) ' ') - off;
            space = i == len ? -1 : i;
        }
        return space;
    }

    /** Index of the first {@code c}, or -1. */
    int indexOf(char c) {
        int i = ByteScan.indexOf(b, off, off + len, (byte) c);
        return i == off + len ? -1 : i - off;
    }

    /** How many bytes from the start are ASCII capital letters. */
    int capitals() {
        byte[] bytes = b;
        int end = off + len;
        int i = off;
        while (i < end && bytes[i] >= 'A' && bytes[i] <= 'Z') {
            i++;
        }
        return i - off;
    }
}
