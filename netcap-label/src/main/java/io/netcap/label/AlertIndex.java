package io.netcap.label;

import com.google.protobuf.Message;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The alerts that label, looked up by packet time, by host pair and by Community ID, and the matching
 * rules of docs/labeling.md, "Matching". Alerts keep their order (fast.log or eve.json order): a
 * record's label comes from the first alert that matches it, or from all of them with {@code -collect}.
 */
public final class AlertIndex implements Classifier {
    private static final int[] NONE = new int[0];

    private final List<Alert> alerts = new ArrayList<>();
    private final LabelOptions options;
    private final Map<String, Long> alertsPerClass = new LinkedHashMap<>();
    private long ignored;
    private final Map<Long, int[]> byTime;
    private final Map<String, int[]> byHosts;
    private final Map<String, int[]> byCommunityId;
    /** With {@link #countMatches}: the records each alert matched; null otherwise. */
    private volatile MatchCounts matched;

    /**
     * Keeps the alerts that label: with {@code -description} those whose classification is not excluded,
     * labeled with their message; otherwise those with a classification that is not excluded.
     */
    public AlertIndex(List<Alert> all, LabelOptions options) {
        this.options = options;
        Map<Long, List<Integer>> time = new HashMap<>();
        Map<String, List<Integer>> pairs = new HashMap<>();
        Map<String, List<Integer>> flows = new HashMap<>();
        for (Alert a : all) {
            String label = a.label(options.description());
            if (label.isBlank() || options.excluded().contains(a.classification())) {
                ignored++;
                continue;
            }
            alertsPerClass.merge(label, 1L, Long::sum);
            int i = alerts.size();
            alerts.add(a);
            time.computeIfAbsent(a.time(), k -> new ArrayList<>(1)).add(i);
            pairs.computeIfAbsent(hosts(a.srcIp(), a.dstIp()), k -> new ArrayList<>(1)).add(i);
            if (!a.communityId().isEmpty()) {
                flows.computeIfAbsent(a.communityId(), k -> new ArrayList<>(1)).add(i);
            }
        }
        byTime = positions(time);
        byHosts = positions(pairs);
        byCommunityId = positions(flows);
    }

    /** Lists of positions as arrays: a third of the memory, no boxing when records are matched. */
    private static <K> Map<K, int[]> positions(Map<K, List<Integer>> lists) {
        Map<K, int[]> out = HashMap.newHashMap(lists.size());
        lists.forEach((k, v) -> out.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
        return out;
    }

    /** An unordered pair of addresses. */
    private static String hosts(String a, String b) {
        return a.compareTo(b) <= 0 ? a + ' ' + b : b + ' ' + a;
    }

    /** The alerts that label, in file order. */
    public List<Alert> alerts() { return Collections.unmodifiableList(alerts); }

    /** Alerts per class (classification, or message with {@code -description}), in order of first appearance. */
    public Map<String, Long> alertsPerClass() { return Collections.unmodifiableMap(alertsPerClass); }

    /** Alerts left out: without class, or excluded. */
    public long ignored() { return ignored; }

    /** The distinct classes of the alerts matching a record, in alert order; empty when none matches. */
    @Override
    public List<String> classes(RecordFacts facts, Message record) {
        int[] candidates = candidates(facts, record);
        if (candidates.length == 0) {
            return List.of();
        }
        List<String> out = new ArrayList<>(1);
        long time = facts.time(record);
        for (int i : candidates) {
            Alert a = alerts.get(i);
            if (matches(facts, record, time, a)) {
                MatchCounts m = matched;
                if (m != null) {
                    m.add(i, facts.type());
                }
                String label = a.label(options.description());
                if (!out.contains(label)) {
                    out.add(label);
                    if (!options.collect() && !options.strict()) {
                        break;
                    }
                }
            }
        }
        return out;
    }

    /** From now on, count the records each alert matches ({@code label -debug}, {@link #writeMatches}). */
    public void countMatches() {
        matched = new MatchCounts();
    }

    /**
     * A line per alert that labels, in alert order: where it came from, its time, flow, rule and class, then the
     * records it matched per type ({@code TCP=3}, types by name), or {@code no record}. Without {@code -collect}
     * and {@code -strict} the first alert that labels a record ends the search, so a later alert of the same flow
     * is not tried on it.
     */
    public void writeMatches(Path file) throws IOException {
        (matched == null ? new MatchCounts() : matched).write(file, alerts.size(), i -> {
            Alert a = alerts.get(i);
            return "line " + a.line() + ": " + Instant.ofEpochSecond(0, a.time()) + " "
                    + (a.proto().isEmpty() ? "-" : a.proto()) + " " + endpoint(a.srcIp(), a.srcPort()) + " -> "
                    + endpoint(a.dstIp(), a.dstPort()) + " [sid " + a.signatureId() + "] \""
                    + a.label(options.description()) + "\"";
        });
    }

    private static String endpoint(String ip, int port) {
        String host = ip.isEmpty() ? "-" : ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip;
        return port == Alert.NO_PORT ? host : host + ":" + port;
    }

    /** Positions of the alerts that may match, ascending. */
    private int[] candidates(RecordFacts facts, Message record) {
        return switch (facts.rule()) {
            case FLOW -> {
                String cid = facts.communityId(record);
                int[] byPair = byHosts.getOrDefault(hosts(facts.srcIp(record), facts.dstIp(record)), NONE);
                if (cid.isEmpty()) {
                    yield byPair;
                }
                yield union(byCommunityId.getOrDefault(cid, NONE), byPair);
            }
            case SESSION -> byHosts.getOrDefault(hosts(facts.srcIp(record), facts.dstIp(record)), NONE);
            case TRANSPORT, ADDRESSED -> byTime.getOrDefault(facts.time(record), NONE);
            case LAYER -> options.disableLayers() ? NONE : byTime.getOrDefault(facts.time(record), NONE);
        };
    }

    private static int[] union(int[] a, int[] b) {
        if (a.length == 0) {
            return b;
        }
        if (b.length == 0) {
            return a;
        }
        return java.util.stream.IntStream.concat(Arrays.stream(a), Arrays.stream(b)).sorted().distinct().toArray();
    }

    private boolean matches(RecordFacts f, Message r, long time, Alert a) {
        if (options.disableLayers() && !RecordFacts.FLOW_TYPES.contains(f.type())) {
            return false;
        }
        return switch (f.rule()) {
            case FLOW -> {
                if (a.time() < time || a.time() > f.timeLast(r)) {
                    yield false;
                }
                String cid = f.communityId(r);
                if (!cid.isEmpty() && !a.communityId().isEmpty()) {
                    // both sides carry the flow hash: it alone decides which flow the alert is in
                    yield cid.equals(a.communityId());
                }
                yield sameProto(a.proto(), f.proto(r)) && endpoints(f, r, a);
            }
            case TRANSPORT -> a.time() == time && sameProto(a.proto(), f.proto(r)) && endpoints(f, r, a);
            case SESSION -> a.time() >= time && sameProto(a.proto(), "TCP") && endpoints(f, r, a);
            case ADDRESSED -> a.time() == time && endpoints(f, r, a);
            case LAYER -> a.time() == time;
        };
    }

    /** Equal protocols; an unknown side (empty) does not decide. */
    private static boolean sameProto(String alert, String record) {
        return alert.isEmpty() || record.isEmpty() || alert.equals(record);
    }

    /**
     * The alert's two endpoints are the record's, in either direction (Suricata may write an alert in the
     * direction of its rule rather than of the packet). An address or port is compared only when both
     * sides have one.
     */
    private static boolean endpoints(RecordFacts f, Message r, Alert a) {
        String src = f.srcIp(r);
        String dst = f.dstIp(r);
        int sp = f.srcPort(r);
        int dp = f.dstPort(r);
        return (ip(src, a.srcIp()) && ip(dst, a.dstIp()) && port(sp, a.srcPort()) && port(dp, a.dstPort()))
                || (ip(src, a.dstIp()) && ip(dst, a.srcIp()) && port(sp, a.dstPort()) && port(dp, a.srcPort()));
    }

    /** A record without addresses (captured with {@code -context=false}) does not decide. */
    private static boolean ip(String record, String alert) {
        return record.isEmpty() || record.equals(alert);
    }

    private static boolean port(int record, int alert) {
        return record == Alert.NO_PORT || alert == Alert.NO_PORT || record == alert;
    }
}
