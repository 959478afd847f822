package io.netcap.label;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * YARA matches that belong to a conversation rather than to one record (docs/labeling.md, "YARA on
 * conversations"): those of its reassembled bytes and of the files extracted from it. They are found by flow
 * ({@code tcp/} or {@code udp/} and the cleaned flow identifier, the name of the conversation's dump) and
 * carried to its Connection records; HTTP records, which hold no ports, are found by their two hosts and a
 * time inside such a Connection's span. Both tables are capped; what does not fit is counted.
 */
final class FlowMatches {
    static final int MAX_FLOWS = 1_000_000;
    static final int MAX_SPANS = 1_000_000;

    /** A rule that matched and where: {@code stream client}, {@code stream server} or {@code file <MD5>}. */
    record Found(String rule, String source) {}

    private record Span(long first, long last, List<Found> found) {}

    private final Map<String, List<Found>> byFlow = new HashMap<>();
    private final Map<String, List<Span>> byHosts = new HashMap<>();
    private int spans;
    private long dropped;

    /** The key of a flow: transport and the flow identifier as the dumps name it ({@code ->} as {@code --}, {@code :} as {@code -}). */
    static String key(String transport, String ident) {
        return transport.toLowerCase(Locale.ROOT) + "/" + ident.replace("->", "--").replace(':', '-');
    }

    static String ident(String srcIp, String srcPort, String dstIp, String dstPort) {
        return srcIp + ":" + srcPort + "->" + dstIp + ":" + dstPort;
    }

    void add(String flowKey, Found found) {
        List<Found> list = byFlow.get(flowKey);
        if (list == null) {
            if (byFlow.size() >= MAX_FLOWS) {
                dropped++;
                return;
            }
            list = new ArrayList<>(1);
            byFlow.put(flowKey, list);
        }
        if (!list.contains(found)) {
            list.add(found);
        }
    }

    boolean isEmpty() {
        return byFlow.isEmpty();
    }

    /** The matches of a flow, given in either orientation; empty for none. */
    List<Found> flow(String transport, String srcIp, String srcPort, String dstIp, String dstPort) {
        List<Found> a = byFlow.get(key(transport, ident(srcIp, srcPort, dstIp, dstPort)));
        List<Found> b = byFlow.get(key(transport, ident(dstIp, dstPort, srcIp, srcPort)));
        if (a == null || b == null) {
            return a != null ? a : b != null ? b : List.of();
        }
        List<Found> both = new ArrayList<>(a);
        b.stream().filter(f -> !both.contains(f)).forEach(both::add);
        return both;
    }

    /** A Connection with matches, between two hosts from {@code first} to {@code last}: its HTTP records' span. */
    void span(String hostA, String hostB, long first, long last, List<Found> found) {
        if (spans >= MAX_SPANS) {
            dropped++;
            return;
        }
        spans++;
        byHosts.computeIfAbsent(hosts(hostA, hostB), k -> new ArrayList<>(1)).add(new Span(first, last, found));
    }

    /** The matches of the Connections between these hosts whose span holds {@code time}. */
    List<Found> session(String hostA, String hostB, long time) {
        List<Span> list = byHosts.get(hosts(hostA, hostB));
        if (list == null) {
            return List.of();
        }
        List<Found> out = new ArrayList<>(1);
        for (Span s : list) {
            if (s.first() <= time && time <= s.last()) {
                s.found().stream().filter(f -> !out.contains(f)).forEach(out::add);
            }
        }
        return out;
    }

    /** Matches not kept because a table was full. */
    long dropped() {
        return dropped;
    }

    private static String hosts(String a, String b) {
        return a.compareTo(b) <= 0 ? a + " " + b : b + " " + a;
    }
}
