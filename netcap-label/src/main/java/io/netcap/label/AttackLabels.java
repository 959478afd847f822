package io.netcap.label;

import com.google.protobuf.Message;
import io.netcap.io.RecordLabels;
import io.netcap.label.AttackDescriptions.Attack;
import io.netcap.types.RecordType;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code capture -csv -labels}: each record labeled while the capture writes its CSV row, by the attack
 * descriptions' rule (docs/labeling.md, "Attack descriptions"): {@code normal}, or the categories of the attacks it
 * belongs to joined by {@code " | "}, as {@code net label -custom} labels record files. Counts the labels for the
 * original's table at the end. Thread-safe: the writer threads label at once.
 */
public final class AttackLabels implements RecordLabels {
    /** Time buckets kept for the chart: at the default 5 minutes, a year of traffic. */
    static final int MAX_BUCKETS = 110_000;

    private final AttackIndex index;
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final LongAdder total = new LongAdder();
    /** Nanoseconds per bucket of {@link #overTime}; 0: not counted. */
    private final long bucketNanos;
    /** Per bucket start (seconds), records labeled normal [0] and otherwise [1]. */
    private final Map<Long, LongAdder[]> buckets = new ConcurrentHashMap<>();
    private final LongAdder bucketsDropped = new LongAdder();

    public AttackLabels(List<Attack> attacks) {
        this(attacks, Duration.ZERO);
    }

    /** Also counts normal and attack records per {@code bucket} of record time ({@code -scatter}); zero: not. */
    public AttackLabels(List<Attack> attacks, Duration bucket) {
        this.index = new AttackIndex(attacks);
        this.bucketNanos = bucket.toNanos();
    }

    @Override
    public String label(RecordType type, Message record) {
        RecordFacts facts = RecordFacts.of(type);
        List<String> classes = facts.timed() ? index.classes(facts, record) : List.of();
        String label = classes.isEmpty() ? LabelOptions.NORMAL : String.join(LabelOptions.JOIN, classes);
        String key = FileLabels.countedAs(counts, label);
        counts.computeIfAbsent(key, k -> new LongAdder()).increment();
        total.increment();
        if (bucketNanos > 0 && facts.timed()) {
            long t = facts.time(record);
            long start = Math.floorDiv(t, bucketNanos) * bucketNanos / 1_000_000_000L;
            LongAdder[] b = buckets.get(start);
            if (b == null) {
                if (buckets.size() >= MAX_BUCKETS) {
                    bucketsDropped.increment();
                    return label;
                }
                b = buckets.computeIfAbsent(start, k -> new LongAdder[] {new LongAdder(), new LongAdder()});
            }
            b[classes.isEmpty() ? 0 : 1].increment();
        }
        return label;
    }

    /**
     * Records per bucket start (seconds since the epoch) labeled normal ({@code attack} false) or otherwise, in time
     * order; empty without buckets.
     */
    public SortedMap<Long, Long> overTime(boolean attack) {
        SortedMap<Long, Long> m = new TreeMap<>();
        buckets.forEach((start, b) -> {
            long n = b[attack ? 1 : 0].sum();
            if (n > 0) {
                m.put(start, n);
            }
        });
        return m;
    }

    /** Records whose bucket was not kept, beyond {@link #MAX_BUCKETS}. */
    public long bucketsDropped() {
        return bucketsDropped.sum();
    }

    /** Records per label so far, by label. */
    public Map<String, Long> counts() {
        Map<String, Long> m = new TreeMap<>();
        counts.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    /** The original's statistics: Category, Count and Share (two decimals and %), the largest first. */
    public String table() {
        long all = total.sum();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-40s %12s %8s%n", "Category", "Count", "Share"));
        counts().entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sb.append(String.format(Locale.ROOT, "%-40s %12d %7.2f%%%n", e.getKey(), e.getValue(),
                        all == 0 ? 0.0 : 100.0 * e.getValue() / all)));
        return sb.toString();
    }
}
