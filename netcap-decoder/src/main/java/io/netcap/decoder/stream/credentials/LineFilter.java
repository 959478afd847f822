package io.netcap.decoder.stream.credentials;

import io.netcap.decoder.ByteScan;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Which client lines a harvester reads in its current state, told by a few bytes of the line: its first, a
 * command or field name it starts with (ASCII letters in any case), its first and last (an HTTP request line
 * starts with a capital and ends with the version's digit), or the byte after its first space (IMAP's command
 * after the tag). A conversation asks only the harvesters whose filter passes a
 * line, and its line splitter first tries the union of their filters, so most lines of HTTP heads, mail bodies
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

    static final LineFilter ALL = new LineFilter(keys(null), null, null, null, null);
    static final LineFilter NONE = new LineFilter(null, null, null, null, null);

    /** Passes by the first byte alone; or null. */
    private final boolean[] first;
    /** Passes when the line starts with one of these (lower case; letters in any case match); or null. */
    private final byte[][] prefixes;
    /** Passes by the first byte and the last together; or null. */
    private final boolean[] firstOfTwo;
    private final boolean[] lastOfTwo;
    /** Passes by the byte after the first space; or null. */
    private final boolean[] afterSpace;
    /** This filter's bit, 0 for a union. */
    final int bit;

    private LineFilter(boolean[] first, byte[][] prefixes, boolean[] firstOfTwo, boolean[] lastOfTwo,
                       boolean[] afterSpace) {
        this(first, prefixes, firstOfTwo, lastOfTwo, afterSpace, 1 << MADE.getAndIncrement());
        if (Integer.numberOfTrailingZeros(bit) >= MAX_FILTERS) {
            throw new IllegalStateException("more than " + MAX_FILTERS + " line filters");
        }
        BY_BIT[Integer.numberOfTrailingZeros(bit)] = this;
    }

    private LineFilter(boolean[] first, byte[][] prefixes, boolean[] firstOfTwo, boolean[] lastOfTwo,
                       boolean[] afterSpace, int bit) {
        this.first = first;
        this.prefixes = prefixes;
        this.firstOfTwo = firstOfTwo;
        this.lastOfTwo = lastOfTwo;
        this.afterSpace = afterSpace;
        this.bit = bit;
    }

    /**
     * Lines that start with one of {@code prefixes} (ASCII, letters in any case: the harvester compares as
     * {@link Line#hasAt} does); with {@code empty} empty lines too.
     */
    static LineFilter startingWith(boolean empty, String... prefixes) {
        boolean[] k = keys("");
        k[NO_BYTE] = empty;
        byte[][] p = new byte[prefixes.length][];
        for (int i = 0; i < p.length; i++) {
            p[i] = prefixes[i].toLowerCase(java.util.Locale.ROOT).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
        return new LineFilter(k, p, null, null, null);
    }

    /** Lines whose first byte is {@code from} to {@code to} and whose last is one of {@code last}, exactly. */
    static LineFilter firstAndLast(char from, char to, String last) {
        boolean[] f = new boolean[NO_BYTE + 1];
        for (int c = from; c <= to; c++) {
            f[c] = true;
        }
        boolean[] l = new boolean[NO_BYTE + 1];
        for (int i = 0; i < last.length(); i++) {
            l[last.charAt(i)] = true;
        }
        return new LineFilter(null, null, f, l, null);
    }

    /** Lines whose first space is followed by one of {@code bytes} (letters in either case). */
    static LineFilter afterFirstSpace(String bytes) {
        return new LineFilter(null, null, null, null, keys(bytes));
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

    /** Whether the line {@code b[off .. off+len)} may be read. */
    boolean passes(byte[] b, int off, int len) {
        int f = len == 0 ? NO_BYTE : b[off] & 0xFF;
        if (first != null && first[f] || prefixes != null && startsWithOne(b, off, len)) {
            return true;
        }
        if (firstOfTwo != null && firstOfTwo[f] && lastOfTwo[len == 0 ? NO_BYTE : b[off + len - 1] & 0xFF]) {
            return true;
        }
        return afterSpace != null && afterSpace[afterFirstSpace(b, off, off + len)];
    }

    /**
     * A byte matches a prefix's when equal to it with bit 0x20 set: both cases of a letter, and the prefixes'
     * other bytes ({@code -}, space) exactly (some control bytes too, which only lets a line through).
     */
    private boolean startsWithOne(byte[] b, int off, int len) {
        for (byte[] p : prefixes) {
            int i = 0;
            while (i < p.length && i < len && (b[off + i] | 0x20) == p[i]) {
                i++;
            }
            if (i == p.length) {
                return true;
            }
        }
        return false;
    }

    private static int afterFirstSpace(byte[] b, int off, int end) {
        int sp = ByteScan.indexOf(b, off, end, (byte) ' ');
        return sp + 1 >= end ? NO_BYTE : b[sp + 1] & 0xFF;
    }

    /**
     * A filter that passes at least what any filter of the set {@code bits} passes (an OR of their {@link #bit}s):
     * exactly that while at most one of them looks at two bytes.
     */
    static LineFilter union(int bits) {
        LineFilter u = UNIONS[bits];
        if (u == null) {
            boolean[] f = null;
            byte[][] p = null;
            boolean[] f2 = null;
            boolean[] l2 = null;
            boolean[] s = null;
            for (int i = 0; i < MAX_FILTERS; i++) {
                if ((bits & 1 << i) != 0) {
                    LineFilter m = BY_BIT[i];
                    f = or(f, m.first);
                    p = m.prefixes == null ? p : p == null ? m.prefixes : concat(p, m.prefixes);
                    f2 = or(f2, m.firstOfTwo);
                    l2 = or(l2, m.lastOfTwo);
                    s = or(s, m.afterSpace);
                }
            }
            u = new LineFilter(f, p, f2, l2, s, 0);
            UNIONS[bits] = u; // made again by a racing thread at worst: its fields are final
        }
        return u;
    }

    private static byte[][] concat(byte[][] a, byte[][] b) {
        byte[][] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
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
