package io.netcap.decoder.app;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Named counters for malformed application-layer input. Decoders never throw: a rejected
 * byte range increments one counter named {@code <Protocol>.<reason>} (e.g. {@code DNS.compressionLoop})
 * and the decoder returns null. The engine reads {@link #snapshot()} for its end-of-run summary.
 */
public final class AppErrors {
    private static final Map<String, LongAdder> COUNTERS = new ConcurrentHashMap<>();

    private AppErrors() {}

    public static void count(String name) {
        COUNTERS.computeIfAbsent(name, k -> new LongAdder()).increment();
    }

    /** Current value of one counter (0 if never incremented). */
    public static long get(String name) {
        LongAdder a = COUNTERS.get(name);
        return a == null ? 0 : a.sum();
    }

    /** All counters, sorted by name. */
    public static Map<String, Long> snapshot() {
        Map<String, Long> m = new TreeMap<>();
        COUNTERS.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    /** Sum of all counters whose name starts with {@code prefix}. */
    public static long total(String prefix) {
        long n = 0;
        for (var e : COUNTERS.entrySet()) {
            if (e.getKey().startsWith(prefix)) n += e.getValue().sum();
        }
        return n;
    }
}
