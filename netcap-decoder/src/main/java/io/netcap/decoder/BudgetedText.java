package io.netcap.decoder.service;

/**
 * A banner as the regex engine reads it: one char per byte (ISO-8859-1, as PCRE reads bytes), and a budget of
 * {@link #charAt} calls shared by every regex tried on the banner. {@link java.util.regex} backtracks, and some
 * probe regexes backtrack exponentially on a hostile banner; the engine reads the text only through
 * {@code charAt}, so counting those calls bounds the work of a match and, with it, its time. Past the budget
 * {@link Exhausted} is thrown out of the matcher.
 */
final class BudgetedText implements CharSequence {
    /** Thrown when the budget is spent; one instance without a stack trace, since it is control flow. */
    static final class Exhausted extends RuntimeException {
        static final Exhausted INSTANCE = new Exhausted();

        private Exhausted() {
            super("regex budget spent", null, false, false);
        }
    }

    private final byte[] b;
    private final int off;
    private final int len;
    private final long[] budget;

    /** @param budget the remaining charAt calls, shared with the sub-sequences (one element) */
    private BudgetedText(byte[] b, int off, int len, long[] budget) {
        this.b = b;
        this.off = off;
        this.len = len;
        this.budget = budget;
    }

    BudgetedText(byte[] b, int off, int len, long budget) {
        this(b, off, len, new long[] {budget});
    }

    /** charAt calls left. */
    long remaining() {
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
        return (char) (b[off + index] & 0xFF);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        if (start < 0 || end > len || start > end) {
            throw new IndexOutOfBoundsException(start + ".." + end);
        }
        return new BudgetedText(b, off + start, end - start, budget);
    }

    /** The bytes as ISO-8859-1 text, outside the budget (group values of a match). */
    @Override
    public String toString() {
        return new String(b, off, len, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
