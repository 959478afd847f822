package io.netcap.decoder.stream.software;

import io.netcap.types.Software;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
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
 * is matched against the uap-core rules once, and a sighting is kept as the parsed value with its time and
 * flow: the record is built only for the earliest one, when the table is written. The table, the cache and each
 * record's flows are capped; a sighting that finds the table full is dropped and counted.
 */
public final class SoftwareStore {
    public static final int DEFAULT_CAP = 100_000;
    /** Flows listed per record; further ones are dropped and counted. */
    static final int MAX_FLOWS = 1_000;
    /** No Software records: nothing is harvested. */
    public static final SoftwareStore OFF = new SoftwareStore(0, () -> null);
    /** What {@link #offer} found. */
    enum Sighting { NEW, REPEATED, FULL }

    /** The Software a value names, without timestamp and flow, and its key in the table (product/version). */
    record Parsed(Software software, String key) {
        Parsed(Software software) {
            this(software, SoftwareStore.key(software));
        }
    }

    /** A class, not a record: a record's equals and hashCode go through method handles, slow under C1. */
    private static final class ParsedKey {
        private final String source;
        private final String value;

        ParsedKey(String source, String value) {
            this.source = source;
            this.value = value;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ParsedKey k && value.equals(k.value) && source.equals(k.source);
        }

        @Override
        public int hashCode() {
            return source.hashCode() * 31 + value.hashCode();
        }
    }

    /** No software in the value. */
    private static final Parsed NONE = new Parsed(Software.getDefaultInstance(), "");

    /**
     * One key: its earliest sighting and, for HTTP, the flows of all sightings by time. The earliest is held as
     * the sighting's parts; the record is built from them when the table is written.
     */
    private static final class Entry {
        /** The earliest sighting's Software: complete, or without timestamp and flow when {@code stamp}. */
        Software first;
        boolean stamp;
        long timestamp;
        /** The earliest sighting's flow, "" when it has none. */
        String flow;
        final boolean mergeFlows;
        /** In order; sightings come mostly in time order, so a flow is mostly appended. */
        final ArrayList<FlowAt> flows = new ArrayList<>();
        /** The same flows, to find a flow listed already without a search of the ordered list. */
        final HashSet<FlowAt> listed = new HashSet<>();
        /** The last of {@link #flows} once they reached the cap, or null until asked for. */
        FlowAt latest;
        /** The last sighting taken, to pass over its repeats (a conversation's further requests) quickly. */
        Software lastSoftware;
        long lastTimestamp;
        String lastFlow;

        Entry(boolean mergeFlows) {
            this.mergeFlows = mergeFlows;
        }

        /** The earliest sighting wins; ties are broken by flow and source text so every run picks the same. */
        boolean earlier(Software s, long ts, String f) {
            if (first == null) {
                return true;
            }
            int c = Long.compare(ts, timestamp);
            if (c == 0) {
                c = f.compareTo(flow);
            }
            if (c == 0) {
                c = s.getSourceData().compareTo(first.getSourceData());
            }
            if (c == 0) {
                c = s.getSourceName().compareTo(first.getSourceName());
            }
            return c < 0;
        }

        Software record() {
            return stamp ? first.toBuilder().setTimestamp(timestamp).addFlows(flow).build() : first;
        }
    }

    /** A class, not a record, for the same reason as {@link ParsedKey}. */
    private static final class FlowAt implements Comparable<FlowAt> {
        final long timestamp;
        final String flow;

        FlowAt(long timestamp, String flow) {
            this.timestamp = timestamp;
            this.flow = flow;
        }

        @Override
        public int compareTo(FlowAt o) {
            int c = Long.compare(timestamp, o.timestamp);
            return c != 0 ? c : flow.compareTo(o.flow);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof FlowAt f && timestamp == f.timestamp && flow.equals(f.flow);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(timestamp) * 31 + flow.hashCode();
        }
    }

    private final int cap;
    private final Supplier<UserAgentParser> loader;
    private volatile boolean loaded;
    private UserAgentParser userAgents;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<ParsedKey, Parsed> parsed = new ConcurrentHashMap<>();
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
     * cache has room; null when the value names no software.
     */
    Parsed parsed(String source, String value, Supplier<Optional<Software>> parse) {
        ParsedKey key = new ParsedKey(source, value);
        Parsed p = parsed.get(key);
        if (p == null) {
            p = parse.get().map(Parsed::new).orElse(NONE);
            if (parsed.size() < cap) {
                parsed.putIfAbsent(key, p);
            }
        }
        return p == NONE ? null : p;
    }

    private static String key(Software s) {
        return s.getProduct() + "/" + s.getVersion();
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
        return offer(s, key(s), false, s.getTimestamp(), s.getFlowsCount() == 0 ? "" : s.getFlows(0), mergeFlows);
    }

    /** A sighting of {@code p} at {@code timestamp} in {@code flow}; {@code mergeFlows}: its flow joins the record. */
    Sighting offer(Parsed p, long timestamp, String flow, boolean mergeFlows) {
        return offer(p.software(), p.key(), true, timestamp, flow, mergeFlows);
    }

    private Sighting offer(Software s, String key, boolean stamp, long ts, String flow, boolean mergeFlows) {
        Entry e = entries.get(key);
        Sighting result = Sighting.REPEATED;
        if (e == null) {
            if (entries.size() >= cap) { // racing workers may pass the cap by at most their number
                dropped.incrementAndGet();
                return Sighting.FULL;
            }
            Entry mine = new Entry(mergeFlows);
            e = entries.putIfAbsent(key, mine);
            if (e == null) {
                e = mine;
                result = Sighting.NEW;
            }
        }
        synchronized (e) {
            // the same sighting again changes nothing (unless its flow is past the cap: that is counted each time)
            if (s == e.lastSoftware && ts == e.lastTimestamp && flow.equals(e.lastFlow)
                    && e.flows.size() < MAX_FLOWS) {
                return result;
            }
            if (e.earlier(s, ts, flow)) {
                e.first = s;
                e.stamp = stamp;
                e.timestamp = ts;
                e.flow = flow;
            }
            addFlow(e, ts, flow);
            e.lastSoftware = s;
            e.lastTimestamp = ts;
            e.lastFlow = flow;
        }
        return result;
    }

    private void addFlow(Entry e, long ts, String flow) {
        if (!e.mergeFlows || flow.isEmpty()) {
            return;
        }
        FlowAt f = new FlowAt(ts, flow);
        // past the cap the earliest flows stay, whichever worker offers them first: the same for any number of them
        if (e.flows.size() >= MAX_FLOWS) {
            if (e.latest == null) {
                e.latest = e.flows.getLast();
            }
            if (f.compareTo(e.latest) > 0) { // so not listed: every listed flow is at most the latest
                dropped.incrementAndGet(); // what adding it and taking the last out again would do
                return;
            }
        }
        if (!e.listed.add(f)) {
            return; // listed already
        }
        List<FlowAt> flows = e.flows;
        if (flows.isEmpty() || f.compareTo(flows.getLast()) > 0) {
            flows.add(f);
        } else {
            flows.add(-Collections.binarySearch(flows, f) - 1, f); // not listed, so not found
        }
        if (flows.size() > MAX_FLOWS) {
            e.listed.remove(flows.removeLast());
            e.latest = null;
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
                Software.Builder b = e.record().toBuilder();
                if (e.mergeFlows) {
                    b.clearFlows();
                    e.flows.stream().map(f -> f.flow).distinct().forEach(b::addFlows);
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
