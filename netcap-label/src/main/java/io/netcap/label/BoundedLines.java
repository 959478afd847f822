package io.netcap.label;

import java.io.IOException;
import java.io.Reader;

/**
 * Lines of an alert file, each cut at {@link #MAX_LINE} characters so that a hostile file without line
 * breaks allocates no more than that; the rest of a longer line is skipped and the line flagged.
 */
final class BoundedLines {
    /** Longer than any alert Suricata writes (eve.json alerts with payloads stay below 256 KiB). */
    static final int MAX_LINE = 1 << 20;

    private final Reader in;
    private final char[] buf = new char[8192];
    private int pos;
    private int lim;
    private long number;
    private boolean cut;

    BoundedLines(Reader in) {
        this.in = in;
    }

    /** The next line without its terminator ({@code \n}, {@code \r\n}), or null at the end. */
    String next() throws IOException {
        StringBuilder sb = null;
        cut = false;
        while (true) {
            if (pos == lim) {
                lim = in.read(buf, 0, buf.length);
                pos = 0;
                if (lim <= 0) {
                    lim = 0;
                    if (sb == null) {
                        return null;
                    }
                    number++;
                    return strip(sb);
                }
            }
            if (sb == null) {
                sb = new StringBuilder(128);
            }
            int start = pos;
            while (pos < lim && buf[pos] != '\n') {
                pos++;
            }
            int room = MAX_LINE - sb.length();
            int n = pos - start;
            if (n > room) {
                cut = true;
                n = room;
            }
            sb.append(buf, start, n);
            if (pos < lim) {
                pos++; // the '\n'
                number++;
                return strip(sb);
            }
        }
    }

    private static String strip(StringBuilder sb) {
        int n = sb.length();
        return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
    }

    /** Number of the line {@link #next()} returned last, from 1. */
    long number() {
        return number;
    }

    /** Whether the last line was longer than {@link #MAX_LINE} and cut. */
    boolean cut() {
        return cut;
    }
}
