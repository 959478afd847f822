package io.netcap.decoder.flow;

import java.util.Arrays;
import java.util.Comparator;
import java.util.function.ToLongFunction;

/**
 * Sorts the tables written at the end of a capture (connections, address profiles) by a number first, usually a
 * timestamp: each element's number, less the smallest, is packed with its index into one long, which a
 * primitive sort orders without a comparator call per comparison (an interface call under C1, which the
 * launcher runs alone); only runs of equal numbers are then sorted by the comparator. Numbers too far apart
 * for the packing (years of nanoseconds between them) take the comparator throughout.
 */
final class PackedSort {
    /** Up to this length the comparator's sort costs less than making and sorting the packed keys. */
    static final int SHORT = 16;

    private PackedSort() {}

    /**
     * Sorts {@code a} by {@code order}, which must order by {@code number} first.
     */
    static <T> void sort(T[] a, ToLongFunction<? super T> number, Comparator<? super T> order) {
        sort(a, 0, a.length, number, order);
    }

    /**
     * Sorts {@code a[from .. to)} by {@code order}, which must order by {@code number} first (the per-address lists
     * of the profiles: a device's contacts, an address's ports).
     */
    static <T> void sort(T[] a, int from, int to, ToLongFunction<? super T> number, Comparator<? super T> order) {
        int n = to - from;
        if (n <= SHORT) {
            Arrays.sort(a, from, to, order);
            return;
        }
        long[] keys = new long[n];
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            long v = number.applyAsLong(a[from + i]);
            keys[i] = v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        int indexBits = 32 - Integer.numberOfLeadingZeros(n - 1);
        long span = max - min; // negative when it overflows
        if (span < 0 || span >>> (63 - indexBits) != 0) {
            Arrays.sort(a, from, to, order);
            return;
        }
        for (int i = 0; i < n; i++) {
            keys[i] = (keys[i] - min) << indexBits | i;
        }
        Arrays.sort(keys);
        Object[] sorted = new Object[n];
        long index = (1L << indexBits) - 1;
        for (int i = 0; i < n; i++) {
            sorted[i] = a[from + (int) (keys[i] & index)];
        }
        System.arraycopy(sorted, 0, a, from, n);
        for (int i = 0, j; i < n; i = j) {
            long run = keys[i] >>> indexBits;
            j = i + 1;
            while (j < n && keys[j] >>> indexBits == run) {
                j++;
            }
            if (j - i > 1) {
                Arrays.sort(a, from + i, from + j, order);
            }
        }
    }
}
