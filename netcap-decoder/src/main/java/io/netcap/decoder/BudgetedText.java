package io.netcap.decoder;

import java.nio.charset.StandardCharsets;

/**
 * Text as the regex engine reads it, with a budget of {@link #charAt} calls shared by every regex tried on it
 * (and by its sub-sequences). {@link java.util.regex} backtracks, and some regexes backtrack exponentially on a
 * hostile input; the engine reads the text only through {@code charAt}, so counting those calls bounds the work
 * of a match and, with it, its time. Past the budget {@link Exhausted} is thrown out of the matcher. Used where
 * regexes from a file meet traffic: nmap's service probes on banners, CMS fingerprints on header values.
 *
 * <p>The text is either bytes read one char per byte (ISO-8859-1, as PCRE reads a banner) or a string.
 */
public final class BudgetedText implements CharSequence {
    /** Thrown when the budget is spent; one instance without a stack trace, since it is control flow. */
    public static final class Exhausted extends RuntimeException {
        static final Exhausted INSTANCE = new Exhausted();

        private Exhausted() {
            super("regex budget spent", null, false, false);
        }
    }

    /** The bytes, or null when the text is {@link #s}. */
    private final byte[] b;
    private final String s;
    private final int off;
    private final int len;
    private final long[] budget;

    /** @param budget the remaining charAt calls, shared with the sub-sequences (one element) */
    private BudgetedText(byte[] b, String s, int off, int len, long[] budget) {
        this.b = b;
        this.s = s;
        this.off = off;
        this.len = len;
        this.budget = budget;
    }

    /** The bytes {@code b[off .. off+len)}, one char per byte. */
    public BudgetedText(byte[] b, int off, int len, long budget) {
        this(b, null, off, len, new long[] {budget});
    }

    public BudgetedText(String s, long budget) {
        this(null, s, 0, s.length(), new long[] {budget});
    }

    /** charAt calls left. */
    public long remaining() {
        return budget[0];
    }

    @Override
    public int length() {
        return len;
    }

    @Override
    public char charAt(int index) {
        if (--budget[0] < 0) {
            throw Exhausted.INSTANCE;
        }
        if (index < 0 || index >= len) {
            throw new IndexOutOfBoundsException(index);
        }
        return b != null ? (char) (b[off + index] & 0xFF) : s.charAt(off + index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        if (start < 0 || end > len || start > end) {
            throw new IndexOutOfBoundsException(start + ".." + end);
        }
        return new BudgetedText(b, s, off + start, end - start, budget);
    }

    /** The text, outside the budget (group values of a match). */
    @Override
    public String toString() {
        return b != null ? new String(b, off, len, StandardCharsets.ISO_8859_1) : s.substring(off, off + len);
    }
}
