package io.netcap.label;

import io.netcap.types.RecordType;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;

/**
 * {@code label -debug}: the records each source of labels (an alert, an attack) matched, per record type, counted by
 * the labeling threads side by side; kept only for the pairs that occur.
 */
final class MatchCounts {
    private final Map<Long, LongAdder> counts = new ConcurrentHashMap<>();

    /** Source {@code i} (its position in the source's list) matched a record of {@code type}. */
    void add(int i, RecordType type) {
        counts.computeIfAbsent(((long) i << 16) | type.ordinal(), k -> new LongAdder()).increment();
    }

    /**
     * Writes {@code file}: a line per source, {@code 0 .. sources - 1}: {@code head} of it, a colon, then its records
     * per type ({@code TCP=3}, types by name), or {@code no record}.
     */
    void write(Path file, int sources, IntFunction<String> head) throws IOException {
        Map<Integer, Map<String, Long>> perSource = new HashMap<>();
        counts.forEach((key, n) -> perSource.computeIfAbsent((int) (key >>> 16), k -> new TreeMap<>())
                .put(RecordType.values()[(int) (key & 0xFFFF)].name(), n.sum()));
        StringBuilder line = new StringBuilder(256);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < sources; i++) {
                line.setLength(0);
                line.append(head.apply(i)).append(':');
                Map<String, Long> types = perSource.get(i);
                if (types == null) {
                    line.append(" no record");
                } else {
                    types.forEach((t, n) -> line.append(' ').append(t).append('=').append(n));
                }
                out.append(line).append('\n');
            }
        }
    }
}
