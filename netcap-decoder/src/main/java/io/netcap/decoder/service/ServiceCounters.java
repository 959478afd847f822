package io.netcap.decoder.service;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** What the service matching counted, for the summary (docs/enrichment.md, "Service"); shared by the workers. */
public final class ServiceCounters {
    final AtomicLong matchLines = new AtomicLong();
    final AtomicLong malformedLines = new AtomicLong();
    final AtomicLong uncompilable = new AtomicLong();
    final AtomicLong bannersMatched = new AtomicLong();
    final AtomicLong matches = new AtomicLong();
    final AtomicLong budgetExhausted = new AtomicLong();
    final AtomicLong regexesAbandoned = new AtomicLong();
    final AtomicLong stackOverflows = new AtomicLong();
    final AtomicLong servicesOverCap = new AtomicLong();
    final AtomicLong flowsOverCap = new AtomicLong();

    void uncompilable(String ident) {
        uncompilable.incrementAndGet();
    }

    /** Probe lines loaded. */
    public long matchLines() {
        return matchLines.get();
    }

    /** Lines of the probe file that could not be read as a match line. */
    public long malformedLines() {
        return malformedLines.get();
    }

    /** Regexes tried that Java could not compile (skipped). */
    public long uncompilable() {
        return uncompilable.get();
    }

    /** Banners whose matching stopped because the charAt budget was spent. */
    public long budgetExhausted() {
        return budgetExhausted.get();
    }

    /** Regex runs abandoned because they spent their own budget on a banner. */
    public long regexesAbandoned() {
        return regexesAbandoned.get();
    }

    public long matches() {
        return matches.get();
    }

    public long servicesOverCap() {
        return servicesOverCap.get();
    }

    /** For the summary's stream statistics. */
    public Map<String, Long> stats() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("service_probe_lines", matchLines.get());
        m.put("service_probe_lines_malformed", malformedLines.get());
        m.put("service_probe_regexes_uncompilable", uncompilable.get());
        m.put("service_banners_matched", bannersMatched.get());
        m.put("service_probe_matches", matches.get());
        m.put("service_match_budget_exhausted", budgetExhausted.get());
        m.put("service_regexes_abandoned", regexesAbandoned.get());
        m.put("service_match_stack_overflows", stackOverflows.get());
        m.put("services_over_cap", servicesOverCap.get());
        m.put("service_flows_over_cap", flowsOverCap.get());
        return m;
    }
}
