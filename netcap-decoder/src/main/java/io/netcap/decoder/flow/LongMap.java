package io.netcap.decoder.flow;

import java.util.function.Consumer;

/**
 * A hash map from {@code long} to objects with open addressing: the per-packet profile updates look up
 * MACs and port keys millions of times, and boxing those keys for {@link java.util.HashMap} would
 * allocate on every packet. The arrays are only allocated by the first insertion: most addresses fill
 * only some of their port tables.
 */
final class LongMap<V> {
    private static final long[] NO_KEYS = new long[0];
    private static final Object[] NO_VALUES = new Object[0];
    private static final int FIRST_CAPACITY = 4;

    private long[] keys = NO_KEYS;
    private Object[] values = NO_VALUES;
    private int size;

    private static int slot(long key, int mask) {
        long h = key * 0x9e3779b97f4a7c15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    @SuppressWarnings("unchecked")
    V get(long key) {
        if (size == 0) {
            return null;
        }
        int mask = keys.length - 1;
        for (int i = slot(key, mask); values[i] != null; i = (i + 1) & mask) {
            if (keys[i] == key) {
                return (V) values[i];
            }
        }
        return null;
    }

    void put(long key, V value) {
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int i = slot(key, mask);
        while (values[i] != null) {
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

    /**
     * Makes room for {@code more} entries at once (merging two tables), so that the table grows once instead of
     * doubling step by step, each step a new pair of arrays.
     */
    void reserve(int more) {
        if (more == 0) {
            return;
        }
        int capacity = Math.max(FIRST_CAPACITY, keys.length);
        while (2 * (size + more) > capacity) {
            capacity *= 2;
        }
        if (capacity > keys.length) {
            resize(capacity);
        }
    }

    private void grow() {
        resize(Math.max(FIRST_CAPACITY, keys.length * 2));
    }

    @SuppressWarnings("unchecked")
    private void resize(int capacity) {
        long[] k = keys;
        Object[] v = values;
        keys = new long[capacity];
        values = new Object[capacity];
        size = 0;
        for (int i = 0; i < k.length; i++) {
            if (v[i] != null) {
                put(k[i], (V) v[i]);
            }
        }
    }

    @SuppressWarnings("unchecked")
    void forEachValue(Consumer<V> action) {
        for (int i = 0; i < keys.length; i++) {
            if (values[i] != null) {
                action.accept((V) values[i]);
            }
        }
    }

    /** Copies the values into {@code dst} from index 0 (in table order); returns their number. */
    int values(Object[] dst) {
        int n = 0;
        for (Object v : values) {
            if (v != null) {
                dst[n++] = v;
            }
        }
        return n;
    }

    int size() {
        return size;
    }

    void clear() {
        keys = NO_KEYS;
        values = NO_VALUES;
        size = 0;
    }
}
