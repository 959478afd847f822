package io.netcap.decoder.stream.credentials;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Which client lines a harvester reads in its current state, told by one byte of the line: its first, or the one
 * after its first space (IMAP's command after the tag). A conversation asks only the harvesters whose filter
 * passes a line, and first tries the union of its harvesters' filters, so most lines of HTTP heads, mail bodies
 * and bulk transfers cost a table lookup or two instead of a call per harvester. A filter must pass every line on
 * which its harvester would do anything; the harvester's own checks stay and decide.
 */
final class LineFilter {
    /** The key of a line without the byte looked at (empty, or nothing after its first space). */
    static final int NO_BYTE = 256;

    /** Filters are few and made once, each with one bit: a set of them is an int, its union made once. */
    private static final int MAX_FILTERS = 12;
    private static final LineFilter[] BY_BIT = new LineFilter[MAX_FILTERS];
    private static final LineFilter[] UNIONS = new LineFilter[1 << MAX_FILTERS];
    private static final AtomicInteger MADE = new AtomicInteger();

    static final LineFilter ALL = new LineFilter(keys(null), null);
    static final LineFilter NONE = new LineFilter(null, null);

    /** Keyed on the first byte, or null. */
    private final boolean[] first;
    /** Keyed on the byte after the first space, or null. */
    private final boolean[] afterSpace;
    /** This filter's bit, 0 for a union. */
    final int bit;

    private LineFilter(boolean[] first, boolean[] afterSpace) {
        this(first, afterSpace, 1 << MADE.getAndIncrement());
        if (Integer.numberOfTrailingZeros(bit) >= MAX_FILTERS) {
            throw new IllegalStateException("more than " + MAX_FILTERS + " line filters");
        }
        BY_BIT[Integer.numberOfTrailingZeros(bit)] = this;
    }

    private LineFilter(boolean[] first, boolean[] afterSpace, int bit) {
        this.first = first;
        this.afterSpace = afterSpace;
        this.bit = bit;
    }

    /** Lines whose first byte is one of {@code bytes} (letters in either case); with {@code empty} empty lines too. */
    static LineFilter first(String bytes, boolean empty) {
        boolean[] k = keys(bytes);
        k[NO_BYTE] = empty;
        return new LineFilter(k, null);
    }

    /** Lines whose first byte is {@code from} to {@code to}, exactly. */
    static LineFilter firstIn(char from, char to) {
        boolean[] k = keys("");
        for (int c = from; c <= to; c++) {
            k[c] = true;
        }
        return new LineFilter(k, null);
    }

    /** Lines whose first space is followed by one of {@code bytes} (letters in either case). */
    static LineFilter afterFirstSpace(String bytes) {
        return new LineFilter(null, keys(bytes));
    }

    /** The keys of {@code bytes}, letters in both cases; null: every key. */
    private static boolean[] keys(String bytes) {
        boolean[] k = new boolean[NO_BYTE + 1];
        for (int c = 0; c <= NO_BYTE; c++) {
            k[c] = bytes == null;
        }
        for (int i = 0; bytes != null && i < bytes.length(); i++) {
            int c = bytes.charAt(i); // ASCII
            k[c] = true;
            k[Character.toUpperCase(c)] = true;
            k[Character.toLowerCase(c)] = true;
        }
        return k;
    }

    boolean passes(Line l) {
        return first != null && first[l.first()] || afterSpace != null && afterSpace[l.afterFirstSpace()];
    }

    /** The filter that passes what any filter of the set {@code bits} passes (an OR of their {@link #bit}s). */
    static LineFilter union(int bits) {
        LineFilter u = UNIONS[bits];
        if (u == null) {
            boolean[] f = null;
            boolean[] s = null;
            for (int i = 0; i < MAX_FILTERS; i++) {
                if ((bits & 1 << i) != 0) {
                    f = or(f, BY_BIT[i].first);
                    s = or(s, BY_BIT[i].afterSpace);
                }
            }
            u = new LineFilter(f, s, 0);
            UNIONS[bits] = u; // made again by a racing thread at worst: its fields are final
        }
        return u;
    }

    private static boolean[] or(boolean[] a, boolean[] b) {
        if (b == null) {
            return a;
        }
        boolean[] out = a == null ? new boolean[NO_BYTE + 1] : a;
        for (int c = 0; c <= NO_BYTE; c++) {
            out[c] |= b[c];
        }
        return out;
    }
}
