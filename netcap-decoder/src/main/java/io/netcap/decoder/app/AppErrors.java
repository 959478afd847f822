package io.netcap.decoder.app;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Named counters for malformed application-layer input, {@code <PROTOCOL>.<reason>} (e.g.
 * {@code DNS.compressionLoop}). A rejected message or record goes through {@link #reject}, which also
 * notes it for the {@link DecoderGuard} of the thread (the engine's {@code MALFORMED_<PROTOCOL>}); an
 * anomaly in a record that is kept (a partial record) only through {@link #count}.
 */
public final class AppErrors {
    private static final Map<String, LongAdder> COUNTERS = new ConcurrentHashMap<>();

    private AppErrors() {}

    /**
     * A message or record of {@code protocol} (a {@code MALFORMED_} kind suffix, e.g. {@code EAPOL_KEY})
     * is rejected: counted and noted for the guard. Returns null, the decoder's answer for it.
     */
    public static <T> T reject(String protocol, Malformed m) {
        count(protocol + "." + m.reason());
        DecoderGuard.Rejections.CURRENT.get().note(protocol, m.reason());
        return null;
    }

    /** An anomaly in a record that is kept (e.g. IGMPv3 source counts beyond the data). */
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
