package io.netcap.decoder.flow;

/**
 * A hash map from non-negative {@code int} keys to {@code long} values with open addressing: the profile
 * tables keep one first-seen time per (device, address id), and boxing keys or times for a
 * {@link java.util.HashMap} would allocate on the packet path (C1 does no escape analysis).
 */
final class IntLongMap {
    private static final int EMPTY = -1;
    private static final int[] NO_KEYS = new int[0];
    private static final long[] NO_VALUES = new long[0];

    private int[] keys = NO_KEYS;
    private long[] values = NO_VALUES;
    private int size;

    private static int slot(int key, int mask) {
        int h = key * 0x9e3779b9;
        return (h ^ (h >>> 16)) & mask;
    }

    /** The value of {@code key}, or {@code missing} when absent. */
    long get(int key, long missing) {
        if (size == 0) {
            return missing;
        }
        int mask = keys.length - 1;
        for (int i = slot(key, mask); keys[i] != EMPTY; i = (i + 1) & mask) {
            if (keys[i] == key) {
                return values[i];
            }
        }
        return missing;
    }

    void put(int key, long value) {
        if (key < 0) {
            throw new IllegalArgumentException("negative key " + key);
        }
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int i = slot(key, mask);
        while (keys[i] != EMPTY) {
            if (keys[i] == key) {
                values[i] = value;
                return;
            }
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = value;
        size++;
    }

    /** Stores {@code value} unless the key already has a value not above it (merging tables). */
    void putMin(int key, long value) {
        if (!containsKey(key) || value < get(key, 0)) {
            put(key, value);
        }
    }

    boolean containsKey(int key) {
        if (size == 0) {
            return false;
        }
        int mask = keys.length - 1;
        for (int i = slot(key, mask); keys[i] != EMPTY; i = (i + 1) & mask) {
            if (keys[i] == key) {
                return true;
            }
        }
        return false;
    }

    private void grow() {
        int[] k = keys;
        long[] v = values;
        int capacity = Math.max(4, k.length * 2);
        keys = new int[capacity];
        java.util.Arrays.fill(keys, EMPTY);
        values = new long[capacity];
        size = 0;
        for (int i = 0; i < k.length; i++) {
            if (k[i] != EMPTY) {
                put(k[i], v[i]);
            }
        }
    }

    int size() {
        return size;
    }

    /** The key in slot {@code i} (0 <= i < {@link #capacity()}), or -1 when the slot is free. */
    int keyAt(int i) {
        return keys[i];
    }

    long valueAt(int i) {
        return values[i];
    }

    int capacity() {
        return keys.length;
    }
}
