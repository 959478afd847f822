package io.netcap.label;

import java.util.Set;

/**
 * How alerts become labels (docs/labeling.md, "Options").
 *
 * @param description   label with the rule's message instead of its classification ({@code -description})
 * @param collect       every distinct class of the matching alerts, joined with {@code " | "} ({@code -collect})
 * @param strict        abort when a record matches alerts of two different classes ({@code -strict})
 * @param excluded      classifications whose alerts are ignored ({@code -exclude})
 * @param disableLayers label only the types matched by addresses ({@code -disable-layers})
 * @param defaultLabel  the label of records no alert matches ({@code normal})
 * @param separator     CSV separator ({@code -sep})
 */
public record LabelOptions(boolean description, boolean collect, boolean strict, Set<String> excluded,
                           boolean disableLayers, String defaultLabel, String separator) {
    public static final String NORMAL = "normal";
    /** Between the classes of one record with {@code -collect}, as the original joins them. */
    public static final String JOIN = " | ";

    public LabelOptions {
        excluded = Set.copyOf(excluded);
    }

    public static LabelOptions defaults() {
        return new LabelOptions(false, false, false, Set.of(), false, NORMAL, ",");
    }
}
