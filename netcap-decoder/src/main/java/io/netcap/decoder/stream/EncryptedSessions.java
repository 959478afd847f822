package io.netcap.decoder.stream;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Conversations whose parsing ended because they turned encrypted (STARTTLS, AUTH TLS, STLS, SSH after
 * NEWKEYS): counted per protocol for the summary's stream statistics ({@code encrypted_<protocol>}), not as
 * errors — nothing is wrong with them. Capture-wide, shared by the workers.
 */
public final class EncryptedSessions {
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    /** One more conversation of {@code protocol} (e.g. {@code ftp}) went encrypted. */
    public void count(String protocol) {
        counts.computeIfAbsent(protocol, p -> new LongAdder()).increment();
    }

    /** The counts as statistics, {@code encrypted_<protocol>}, sorted. */
    public Map<String, Long> stats() {
        Map<String, Long> m = new TreeMap<>();
        counts.forEach((p, n) -> m.put("encrypted_" + p, n.sum()));
        return m;
    }
}
