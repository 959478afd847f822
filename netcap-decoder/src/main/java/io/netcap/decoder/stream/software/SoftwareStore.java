package io.netcap.decoder.stream.software;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The capture-wide table of software already written (docs/enrichment.md, "Software"): every worker's stream
 * parsers offer their sightings here, keyed by product and full version as the original's store is, and only
 * the first sighting of a key becomes a record. Header values already parsed are remembered too, so a
 * User-Agent seen a thousand times is matched against the uap-core rules once. Both sets are capped; a
 * sighting that finds the table full is dropped and counted.
 */
public final class SoftwareStore {
    public static final int DEFAULT_CAP = 100_000;
    /** No Software records: nothing is harvested. */
    public static final SoftwareStore OFF = new SoftwareStore(0, null);

    private final int cap;
    private final UserAgentParser userAgents;
    private final Set<String> keys = ConcurrentHashMap.newKeySet();
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final AtomicInteger keyCount = new AtomicInteger();
    private final AtomicInteger seenCount = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();

    /** @param userAgents the uap-core rules, or null: no Software from User-Agent */
    public SoftwareStore(int cap, UserAgentParser userAgents) {
        this.cap = cap;
        this.userAgents = userAgents;
    }

    public boolean enabled() {
        return cap > 0;
    }

    /** The User-Agent parser, or null when uap-core's database was not found. */
    public UserAgentParser userAgents() {
        return userAgents;
    }

    /** What {@link #add} found. */
    enum Sighting { NEW, REPEATED, FULL }

    /** Whether this header value ({@code source} + value) is new; a repeated one is not parsed again. */
    Sighting firstSighting(String source, String value) {
        return add(seen, seenCount, source + '\0' + value);
    }

    /** Whether {@code product/version} is new (and has room in the table). */
    Sighting add(String product, String version) {
        return add(keys, keyCount, product + "/" + version);
    }

    private Sighting add(Set<String> set, AtomicInteger count, String key) {
        if (set.contains(key)) {
            return Sighting.REPEATED;
        }
        if (count.get() >= cap) {
            dropped.incrementAndGet();
            return Sighting.FULL;
        }
        if (!set.add(key)) {
            return Sighting.REPEATED;
        }
        count.incrementAndGet(); // racing workers may pass the cap by at most their number
        return Sighting.NEW;
    }

    /** Sightings dropped because a table was full. */
    public long dropped() {
        return dropped.get();
    }
}
