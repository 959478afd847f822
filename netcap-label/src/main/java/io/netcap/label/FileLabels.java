package io.netcap.label;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What labeling one record file gave: records per label, and the damage that ended reading early.
 *
 * @param damage  empty, or what was wrong with the file and at which offset (its records before that
 *                offset are labeled)
 */
public record FileLabels(String file, String type, long records, Map<String, Long> perLabel, String damage) {
    /** Distinct labels counted per file; combinations with {@code -collect} beyond it count as one. */
    static final int MAX_LABELS = 10_000;
    static final String OTHER = "(other labels)";

    /** The label a record is counted under in {@code perLabel}: its own, or {@link #OTHER} once the cap is full. */
    static String countedAs(Map<String, ?> perLabel, String label) {
        return perLabel.size() >= MAX_LABELS && !perLabel.containsKey(label) ? OTHER : label;
    }

    public FileLabels {
        perLabel = Collections.unmodifiableMap(new TreeMap<>(perLabel));
    }

    /** Records that got a label other than the default. */
    public long labeled(String defaultLabel) {
        return records - perLabel.getOrDefault(defaultLabel, 0L);
    }
}
