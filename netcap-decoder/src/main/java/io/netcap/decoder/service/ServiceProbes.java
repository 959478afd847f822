package io.netcap.decoder.service;

import io.netcap.decoder.BudgetedText;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The match lines of a probe file and the order they are tried in for a banner (docs/enrichment.md,
 * "Service"): first the lines of the category the server port is known for ({@link #CATEGORIES}), then,
 * unless that found nothing and {@code -stop-after-service-category-miss} is set, every other line in file
 * order. Hard matches are tried before softmatches; a softmatch counts only when no hard match was found.
 * Every regex runs on a {@link BudgetedText}: a line that spends its budget is abandoned, and when the banner's
 * budget is spent matching stops; both are counted. Thread-safe: the workers share one instance.
 */
public final class ServiceProbes {
    /** The nmap service a well-known server port is expected to speak. */
    static final Map<Integer, String> CATEGORIES = Map.ofEntries(
            Map.entry(21, "ftp"), Map.entry(22, "ssh"), Map.entry(23, "telnet"), Map.entry(25, "smtp"),
            Map.entry(465, "smtp"), Map.entry(587, "smtp"), Map.entry(80, "http"), Map.entry(8000, "http"),
            Map.entry(8008, "http"), Map.entry(8080, "http"), Map.entry(8888, "http"), Map.entry(110, "pop3"),
            Map.entry(143, "imap"), Map.entry(119, "nntp"), Map.entry(3306, "mysql"), Map.entry(5432, "postgresql"),
            Map.entry(6379, "redis"), Map.entry(11211, "memcached"), Map.entry(5900, "vnc"), Map.entry(6667, "irc"),
            Map.entry(554, "rtsp"), Map.entry(1521, "oracle-tns"), Map.entry(27017, "mongodb"),
            Map.entry(389, "ldap"), Map.entry(3389, "ms-wbt-server"), Map.entry(5060, "sip"));

    /** The same for UDP servers, with nmap's service names ({@code domain} is DNS). */
    static final Map<Integer, String> UDP_CATEGORIES = Map.ofEntries(
            Map.entry(53, "domain"), Map.entry(69, "tftp"), Map.entry(111, "rpcbind"), Map.entry(123, "ntp"),
            Map.entry(137, "netbios-ns"), Map.entry(161, "snmp"), Map.entry(500, "isakmp"), Map.entry(1900, "upnp"),
            Map.entry(5060, "sip"), Map.entry(5353, "mdns"));

    private final List<ServiceMatch> lines;
    private final Map<String, List<ServiceMatch>> byService = new HashMap<>();
    private final ServiceConfig config;
    private final ServiceCounters counters;

    public ServiceProbes(List<ServiceMatch> lines, ServiceConfig config, ServiceCounters counters) {
        this.lines = orderHardFirst(lines);
        this.config = config;
        this.counters = counters;
        for (ServiceMatch m : this.lines) {
            byService.computeIfAbsent(m.service(), k -> new ArrayList<>()).add(m);
        }
    }

    /** Reads the probe file of {@code config}; with none, nothing matches. */
    public static ServiceProbes load(ServiceConfig config, ServiceCounters counters) throws IOException {
        Path file = config.probes();
        return new ServiceProbes(file == null ? List.of() : ProbeFile.read(file, counters), config, counters);
    }

    private static List<ServiceMatch> orderHardFirst(List<ServiceMatch> lines) {
        List<ServiceMatch> out = new ArrayList<>(lines.size());
        lines.stream().filter(m -> !m.soft()).forEach(out::add);
        lines.stream().filter(ServiceMatch::soft).forEach(out::add);
        return out;
    }

    public int size() {
        return lines.size();
    }

    /**
     * Finds the required literal ({@link RequiredLiteral}) of the lines every banner of up to 1 KiB reaches: those
     * without a first byte ({@link ServiceMatch#firstByte}), about 450 of nmap's 11 917, which matching finds at
     * the first banner. Done while the capture runs, it is off the path of the end. The other lines' literals are
     * found when a banner with their first byte reaches them: finding all took as long as reading the file
     * (docs/engine.md, "Start-up"). Matching may run meanwhile: a literal found by both is the same.
     */
    public ServiceProbes findRequiredLiterals() {
        for (ServiceMatch m : lines) {
            if (m.first() >= 0) {
                continue;
            }
            try {
                m.compiled().required(m);
            } catch (RuntimeException e) {
                // left to the first banner that reaches the line, which meets it as it always did
            }
        }
        return this;
    }

    public ServiceCounters counters() {
        return counters;
    }

    /** Matches the first {@code len} bytes of {@code banner} of a server on TCP {@code port}. */
    public Identification match(byte[] banner, int len, int port) {
        return match(banner, len, port, false);
    }

    /** Matches the first {@code len} bytes of {@code banner} of a server on {@code port} of TCP or UDP. */
    public Identification match(byte[] banner, int len, int port, boolean udp) {
        Identification id = new Identification();
        if (lines.isEmpty() || len == 0) {
            return id;
        }
        counters.bannersMatched.incrementAndGet();
        long[] budget = {config.bannerBudget()};
        String category = (udp ? UDP_CATEGORIES : CATEGORIES).get(port);
        List<ServiceMatch> first = category == null ? List.of() : byService.getOrDefault(category, List.of());
        if (!first.isEmpty()) {
            boolean done = run(first, banner, len, budget, id, null);
            if (done || (!id.matched() && config.stopAfterCategoryMiss()) || budget[0] <= 0) {
                id.spent = config.bannerBudget() - budget[0];
                return id;
            }
        }
        run(lines, banner, len, budget, id, first.isEmpty() ? null : category);
        id.spent = config.bannerBudget() - budget[0];
        return id;
    }

    /**
     * Tries {@code candidates} (skipping those of service {@code skip}, already tried); true when matching is
     * over (a hard match under {@code -stop-after-service-match}, or the budget spent).
     */
    private boolean run(List<ServiceMatch> candidates, byte[] banner, int len, long[] budget, Identification id,
                        String skip) {
        for (ServiceMatch m : candidates) {
            if (skip != null && m.service().equals(skip)) {
                continue;
            }
            if (m.soft() && id.matched()) {
                return true; // softmatches come last: only a banner without hard match needs them
            }
            if (m.soft() && id.hasService(m.service())) {
                continue;
            }
            if (!m.mayMatch(banner, len)) {
                continue;
            }
            Pattern p = m.pattern(counters);
            if (p == null) {
                continue;
            }
            BudgetedText text = new BudgetedText(banner, 0, len, Math.min(budget[0], config.regexBudget()));
            long before = text.remaining();
            Matcher matcher = p.matcher(text);
            boolean found;
            try {
                found = matcher.find();
            } catch (BudgetedText.Exhausted e) {
                counters.regexesAbandoned.incrementAndGet();
                found = false;
            } catch (StackOverflowError e) {
                // java.util.regex recurses per repetition of some groups: a long banner can exhaust the stack
                counters.stackOverflows.incrementAndGet();
                found = false;
            }
            budget[0] -= before - Math.max(0, text.remaining());
            if (budget[0] <= 0) {
                counters.budgetExhausted.incrementAndGet();
                return true;
            }
            if (found) {
                counters.matches.incrementAndGet();
                id.add(hit(m, matcher));
                if (!m.soft() && config.stopAfterMatch()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Identification.Hit hit(ServiceMatch m, Matcher r) {
        String cpe = VersionTemplate.expand(m.field("cpe"), r);
        return new Identification.Hit(m.ident(), m.service(), m.soft(), VersionTemplate.expand(m.field("p"), r),
                cpeVendor(cpe), VersionTemplate.expand(m.field("v"), r), VersionTemplate.expand(m.field("h"), r),
                VersionTemplate.expand(m.field("o"), r));
    }

    /** {@code a:vendor:product:version} → {@code vendor}. */
    static String cpeVendor(String cpe) {
        String[] parts = cpe.split(":", -1);
        return parts.length > 1 ? parts[1] : "";
    }
}
