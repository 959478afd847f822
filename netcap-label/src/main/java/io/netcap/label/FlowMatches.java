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

    /**
     * The spans between two hosts sorted by start, with the latest end among each prefix: a lookup walks back
     * from the last span starting at or before the time only while an earlier span can still hold it.
     */
    private static final class HostSpans {
        private final List<Span> spans = new ArrayList<>(1);
        private long[] firsts;
        private long[] maxLast;

        void freeze() {
            spans.sort(java.util.Comparator.comparingLong(Span::first));
            firsts = new long[spans.size()];
            maxLast = new long[spans.size()];
            long max = Long.MIN_VALUE;
            for (int i = 0; i < firsts.length; i++) {
                firsts[i] = spans.get(i).first();
                max = Math.max(max, spans.get(i).last());
                maxLast[i] = max;
            }
        }

        void collect(long time, List<Found> out) {
            int i = java.util.Arrays.binarySearch(firsts, time);
            if (i < 0) {
                i = -i - 2; // the last span starting before the time
            } else {
                while (i + 1 < firsts.length && firsts[i + 1] == time) {
                    i++;
                }
            }
            for (; i >= 0 && maxLast[i] >= time; i--) {
                if (spans.get(i).last() >= time) {
                    spans.get(i).found().stream().filter(f -> !out.contains(f)).forEach(out::add);
                }
            }
        }
    }

    private final Map<String, List<Found>> byFlow = new HashMap<>();
    private final Map<String, HostSpans> byHosts = new HashMap<>();
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
        byHosts.computeIfAbsent(hosts(hostA, hostB), k -> new HostSpans()).spans.add(new Span(first, last, found));
    }

    /** Ends adding spans: sorts them for {@link #session}. */
    void freeze() {
        byHosts.values().forEach(HostSpans::freeze);
    }

    /** The matches of the Connections between these hosts whose span holds {@code time}; after {@link #freeze}. */
    List<Found> session(String hostA, String hostB, long time) {
        HostSpans spans = byHosts.get(hosts(hostA, hostB));
        if (spans == null) {
            return List.of();
        }
        List<Found> out = new ArrayList<>(1);
        spans.collect(time, out);
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
