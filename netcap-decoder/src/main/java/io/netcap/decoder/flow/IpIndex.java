package io.netcap.decoder.flow;

import java.util.Arrays;

/**
 * Numbers IP addresses densely (0, 1, 2, ... in order of first insertion) with open addressing over the
 * address as two longs: an IPv4 address is {@code (0, u32)}, an IPv6 address its two halves, and a
 * flag tells them apart (::a.b.c.d and a.b.c.d are different addresses). Looking an address up
 * allocates nothing, unlike a {@link java.util.HashMap} with an address object as key.
 */
final class IpIndex {
    private long[] his = new long[64];
    private long[] los = new long[64];
    /** 0 for a free slot, else 1 + the address's id; the id's family is in {@link #v6}. */
    private int[] slots = new int[64];
    private boolean[] v6 = new boolean[16];
    private int size;

    private static int slot(long hi, long lo, int mask) {
        long h = (hi * 31 + lo) * 0x9e3779b97f4a7c15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    /** The id of the address, or -1 when it has none. */
    int find(long hi, long lo, boolean isV6) {
        int mask = slots.length - 1;
        for (int i = slot(hi, lo, mask); slots[i] != 0; i = (i + 1) & mask) {
            int id = slots[i] - 1;
            if (los[i] == lo && his[i] == hi && v6[id] == isV6) {
                return id;
            }
        }
        return -1;
    }

    /** Gives a new address the next id (the caller has checked that it is absent). */
    int add(long hi, long lo, boolean isV6) {
        if (2 * (size + 1) > slots.length) {
            grow();
        }
        int id = size++;
        if (id == v6.length) {
            v6 = Arrays.copyOf(v6, id * 2);
        }
        v6[id] = isV6;
        insert(hi, lo, id);
        return id;
    }

    private void insert(long hi, long lo, int id) {
        int mask = slots.length - 1;
        int i = slot(hi, lo, mask);
        while (slots[i] != 0) {
            i = (i + 1) & mask;
        }
        his[i] = hi;
        los[i] = lo;
        slots[i] = id + 1;
    }

    private void grow() {
        long[] h = his;
        long[] l = los;
        int[] s = slots;
        his = new long[s.length * 2];
        los = new long[s.length * 2];
        slots = new int[s.length * 2];
        for (int i = 0; i < s.length; i++) {
            if (s[i] != 0) {
                insert(h[i], l[i], s[i] - 1);
            }
        }
    }

    int size() {
        return size;
    }
}
