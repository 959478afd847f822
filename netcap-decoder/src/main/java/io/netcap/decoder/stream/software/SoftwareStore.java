package io.netcap.decoder.stream.software;

import io.netcap.types.Software;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The capture-wide software table (docs/enrichment.md, "Software"): every worker's stream parsers offer their
 * sightings here, keyed by product and full version as the original's store is, and the table is written once
 * at the end of the capture, as the original writes it at shutdown. Of a key's sightings the earliest (capture
 * time, then flow, then source text) gives the record, so the output does not depend on how conversations were
 * spread over workers; sightings from HTTP add their flow to {@code Flows}, repeated SSH identifications are
 * ignored, as in the original. Header values already parsed are cached, so a User-Agent seen a thousand times
 * is matched against the uap-core rules once. The table, the cache and each record's flows are capped; a
 * sighting that finds the table full is dropped and counted.
 */
public final class SoftwareStore {
    public static final int DEFAULT_CAP = 100_000;
    /** Flows listed per record; further ones are dropped and counted. */
    static final int MAX_FLOWS = 1_000;
    /** No Software records: nothing is harvested. */
    public static final SoftwareStore OFF = new SoftwareStore(0, () -> null);
    /** The earliest sighting wins; ties are broken by flow and source text so every run picks the same. */
    private static final Comparator<Software> FIRST = Comparator.comparingLong(Software::getTimestamp)
            .thenComparing(s -> s.getFlowsCount() == 0 ? "" : s.getFlows(0))
            .thenComparing(Software::getSourceData).thenComparing(Software::getSourceName);

    /** What {@link #offer} found. */
    enum Sighting { NEW, REPEATED, FULL }

    /** One key: its earliest sighting and, for HTTP, the flows of all sightings by time. */
    private static final class Entry {
        Software first;
        final boolean mergeFlows;
        final TreeSet<FlowAt> flows = new TreeSet<>();

        Entry(Software first, boolean mergeFlows) {
            this.first = first;
            this.mergeFlows = mergeFlows;
        }
    }

    private record FlowAt(long timestamp, String flow) implements Comparable<FlowAt> {
        @Override
        public int compareTo(FlowAt o) {
            int c = Long.compare(timestamp, o.timestamp);
            return c != 0 ? c : flow.compareTo(o.flow);
        }
    }

    private final int cap;
    private final Supplier<UserAgentParser> loader;
    private volatile boolean loaded;
    private UserAgentParser userAgents;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Optional<Software>> parsed = new ConcurrentHashMap<>();
    private final AtomicLong dropped = new AtomicLong();
    private HasshDb hassh;
    private CmsDb cms;

    /**
     * @param userAgents loads the uap-core rules (null: no Software from User-Agent) at the first User-Agent, so a capture without HTTP
     *                   does not pay for compiling them
     */
    public SoftwareStore(int cap, Supplier<UserAgentParser> userAgents) {
        this.cap = cap;
        this.loader = userAgents;
    }

    public boolean enabled() {
        return cap > 0;
    }

    /** The HASSH and CMS databases of the capture (null: none), set before the first packet. */
    public SoftwareStore withDatabases(HasshDb hassh, CmsDb cms) {
        this.hassh = hassh;
        this.cms = cms;
        return this;
    }

    HasshDb hassh() {
        return hassh;
    }

    CmsDb cms() {
        return cms;
    }

    /** CMS fingerprints are looked for: responses hand over their header fields and cookies. */
    public boolean hasCms() {
        return cms != null && enabled();
    }

    /** The User-Agent parser, or null when uap-core's database was not found. */
    public UserAgentParser userAgents() {
        if (!loaded) {
            synchronized (this) {
                if (!loaded) {
                    userAgents = loader.get();
                    loaded = true;
                }
            }
        }
        return userAgents;
    }

    /**
     * The Software a header value gives (without timestamp and flow), parsed once per distinct value while the
     * cache has room; empty when the value names no software.
     */
    Optional<Software> parsed(String source, String value, Supplier<Optional<Software>> parse) {
        String key = source + '\0' + value;
        Optional<Software> s = parsed.get(key);
        if (s == null) {
            s = parse.get();
            if (parsed.size() < cap) {
                parsed.putIfAbsent(key, s);
            }
        }
        return s;
    }

    /**
     * A complete sighting (timestamp and flows set) whose repeats are ignored, as the original ignores repeated SSH
     * identifications and service probe matches; false when the table is full (counted in {@link #dropped}).
     */
    public boolean offerOnce(Software s) {
        return offer(s, false) != Sighting.FULL;
    }

    /** A sighting of {@code s} (with its timestamp and one flow); {@code mergeFlows}: its flow joins the record. */
    Sighting offer(Software s, boolean mergeFlows) {
        String key = s.getProduct() + "/" + s.getVersion();
        Entry e = entries.get(key);
        if (e == null) {
            if (entries.size() >= cap) { // racing workers may pass the cap by at most their number
                dropped.incrementAndGet();
                return Sighting.FULL;
            }
            Entry mine = new Entry(s, mergeFlows);
            e = entries.putIfAbsent(key, mine);
            if (e == null) {
                synchronized (mine) {
                    addFlow(mine, s);
                }
                return Sighting.NEW;
            }
        }
        synchronized (e) {
            if (FIRST.compare(s, e.first) < 0) {
                e.first = s;
            }
            addFlow(e, s);
        }
        return Sighting.REPEATED;
    }

    private void addFlow(Entry e, Software s) {
        if (!e.mergeFlows || s.getFlowsCount() == 0) {
            return;
        }
        // past the cap the earliest flows stay, whichever worker offers them first: the same for any number of them
        if (e.flows.add(new FlowAt(s.getTimestamp(), s.getFlows(0))) && e.flows.size() > MAX_FLOWS) {
            e.flows.pollLast();
            dropped.incrementAndGet();
        }
    }

    /** Sightings and flows dropped under the caps. */
    public long dropped() {
        return dropped.get();
    }

    /**
     * Hands out the records (emptying the table), by time of their first sighting then product and version;
     * versions longer than {@link SoftwareRecords#MAX_VERSION} are cut, as the original stores them.
     */
    public void emit(Consumer<Software> out) {
        List<Entry> all = new ArrayList<>(entries.values());
        entries.clear();
        List<Software> records = new ArrayList<>(all.size());
        for (Entry e : all) {
            synchronized (e) {
                Software.Builder b = e.first.toBuilder();
                if (e.mergeFlows) {
                    b.clearFlows();
                    e.flows.stream().map(FlowAt::flow).distinct().forEach(b::addFlows);
                }
                if (b.getVersion().length() > SoftwareRecords.MAX_VERSION) {
                    b.setVersion(b.getVersion().substring(0, SoftwareRecords.MAX_VERSION) + "...");
                }
                records.add(b.build());
            }
        }
        records.sort(Comparator.comparingLong(Software::getTimestamp).thenComparing(Software::getProduct)
                .thenComparing(Software::getVersion));
        records.forEach(out);
    }
}
