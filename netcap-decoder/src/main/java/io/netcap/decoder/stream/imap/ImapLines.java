package io.netcap.decoder.stream.imap;

import io.netcap.decoder.stream.TextLines;
import java.nio.charset.StandardCharsets;

/**
 * One direction of IMAP cut into lines and literals (RFC 9051 section 4.3): a line ending in {@code {n}} (or
 * {@code {n+}}, RFC 7888, or {@code ~{n}}, RFC 3516) is followed by exactly n bytes, after which the same
 * logical line goes on. A literal the listener wants (a message) is streamed to it as it arrives, never held;
 * another literal of at most {@value #MAX_INLINE} bytes is put into the line as a quoted string, a longer one
 * is skipped and stays {@code {n}} in the line.
 */
final class ImapLines {
    /** Longest physical line read. */
    static final int MAX_LINE = 16 * 1024;
    /** Longest logical line kept; longer ones are cut. */
    static final int MAX_LOGICAL = 64 * 1024;
    /** Literals up to this size are put into their line. */
    static final int MAX_INLINE = 1024;

    interface Listener {
        /** A literal of {@code n} bytes follows {@code lineSoFar}; true to receive it through {@link #literal}. */
        boolean literalStart(String lineSoFar, long n);

        void literal(byte[] b, int off, int len);

        /** The streamed literal ended; {@code complete} is false when a gap or the end cut it. */
        void literalEnd(boolean complete);

        /** A complete logical line, without its line end. */
        void line(String line);

        /** A line longer than {@link #MAX_LINE}: skipped up to its end. */
        void malformed(String message);
    }

    private final Listener listener;
    private final StringBuilder logical = new StringBuilder();
    private long literalLeft;
    private boolean streaming;
    private byte[] inline;
    private int inlineLen;
    private boolean skipping;

    ImapLines(Listener listener) {
        this.listener = listener;
    }

    /** Reads what is complete of {@code b[off .. off+len)}; returns the bytes consumed. */
    int parse(byte[] b, int off, int len) {
        int pos = off;
        int to = off + len;
        while (pos < to) {
            if (literalLeft > 0) {
                int n = (int) Math.min(literalLeft, to - pos);
                if (streaming) {
                    listener.literal(b, pos, n);
                } else if (inline != null) {
                    System.arraycopy(b, pos, inline, inlineLen, n);
                    inlineLen += n;
                }
                literalLeft -= n;
                pos += n;
                if (literalLeft == 0) {
                    literalDone();
                }
                continue;
            }
            int e = TextLines.end(b, pos, to - pos);
            if (e < 0) {
                if (to - pos > MAX_LINE) {
                    if (!skipping) {
                        listener.malformed("line longer than " + MAX_LINE + " bytes");
                    }
                    skipping = true;
                    logical.setLength(0);
                    pos = to;
                }
                break;
            }
            String text = TextLines.text(b, pos, e);
            pos = e;
            if (skipping) {
                skipping = false;
                continue;
            }
            line(text);
        }
        return pos - off;
    }

    private void line(String text) {
        int brace = literalAt(text);
        if (brace < 0) {
            append(text);
            String l = logical.toString();
            logical.setLength(0);
            listener.line(l);
            return;
        }
        long n = literalSize(text, brace);
        String before = text.substring(0, brace);
        if (listener.literalStart(logical + before, n)) {
            append(text);
            streaming = true;
        } else if (n <= MAX_INLINE) {
            append(before);
            inline = new byte[(int) n];
            inlineLen = 0;
        } else {
            append(text);
        }
        literalLeft = n;
        if (n == 0) {
            literalDone();
        }
    }

    private void literalDone() {
        if (streaming) {
            streaming = false;
            listener.literalEnd(true);
        } else if (inline != null) {
            append(quoted(new String(inline, 0, inlineLen, StandardCharsets.UTF_8)));
            inline = null;
        }
    }

    private void append(String s) {
        int room = MAX_LOGICAL - logical.length();
        logical.append(s, 0, Math.max(0, Math.min(room, s.length())));
    }

    /** The start of a literal's announcement at the end of a line ({@code {n}}, {@code {n+}}, {@code ~{n}}), or -1. */
    static int literalAt(String text) {
        int end = text.length() - 1;
        if (end < 2 || text.charAt(end) != '}') {
            return -1;
        }
        int i = end - 1;
        if (text.charAt(i) == '+') {
            i--;
        }
        int digits = 0;
        while (i >= 0 && Character.isDigit(text.charAt(i)) && text.charAt(i) < 128) {
            i--;
            digits++;
        }
        if (digits == 0 || digits > 15 || i < 0 || text.charAt(i) != '{') {
            return -1;
        }
        return i > 0 && text.charAt(i - 1) == '~' ? i - 1 : i;
    }

    private static long literalSize(String text, int at) {
        long n = 0;
        for (int i = text.indexOf('{', at) + 1; Character.isDigit(text.charAt(i)); i++) {
            n = n * 10 + text.charAt(i) - '0';
        }
        return n;
    }

    static String quoted(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** Bytes are missing: a literal in progress is cut, and reading resumes after the next line end. */
    void gap() {
        if (streaming) {
            streaming = false;
            listener.literalEnd(false);
        }
        inline = null;
        literalLeft = 0;
        logical.setLength(0);
        skipping = true;
    }

    /** The connection ended: a literal in progress is cut. */
    void end() {
        if (streaming) {
            streaming = false;
            listener.literalEnd(false);
        }
    }
}
