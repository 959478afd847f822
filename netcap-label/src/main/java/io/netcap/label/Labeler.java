package io.netcap.label;

import com.google.protobuf.Message;
import io.netcap.io.CorruptRecordException;
import io.netcap.io.CountingInputStream;
import io.netcap.io.RecordReader;
import io.netcap.types.format.CsvFormat;
import io.netcap.types.format.CsvStyle;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Labels record files: each {@code <Type>.ncap[.gz]} is read record by record and written as
 * {@code <Type>_labeled.csv} — the type's CSV columns (integer-nanosecond timestamps) and a last column
 * {@code result} — one row at a time, so memory does not grow with the file (docs/labeling.md, "Output").
 */
public final class Labeler {
    public static final String RESULT_COLUMN = "result";
    public static final String SUFFIX = "_labeled.csv";

    /** Records between two updates of the shared record count (an atomic add per record would cost more). */
    private static final int COUNT_EVERY = 1024;

    private final Classifier source;
    private final LabelOptions options;
    private final CsvStyle style = CsvStyle.raw();
    /** Records labeled and input bytes read so far, over all files: what {@code -progress} shows. */
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong bytesRead = new AtomicLong();

    Labeler(Classifier source, LabelOptions options) {
        this.source = source;
        this.options = options;
    }

    AtomicLong records() {
        return records;
    }

    AtomicLong bytesRead() {
        return bytesRead;
    }

    /** The record files of a directory ({@code .ncap} and {@code .ncap.gz}), sorted by name. */
    public static List<Path> recordFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> Files.isRegularFile(p) && (p.getFileName().toString().endsWith(".ncap.gz")
                    || p.getFileName().toString().endsWith(".ncap"))).sorted().toList();
        }
    }

    /** The base name of a record file: {@code TCP} for {@code TCP.ncap.gz}. */
    public static String baseName(Path file) {
        String n = file.getFileName().toString();
        return n.substring(0, n.length() - (n.endsWith(".gz") ? ".ncap.gz".length() : ".ncap".length()));
    }

    /**
     * Labels one file into {@code outDir}. A file that is cut short or damaged is labeled up to the damage,
     * which the result names with its offset; a file whose header cannot be read throws.
     */
    public FileLabels label(Path file, Path outDir) throws IOException, LabelConflictException {
        String base = baseName(file);
        Map<String, Long> perLabel = new HashMap<>();
        long records = 0;
        String damage = "";
        try (RecordReader reader = RecordReader.open(new CountingInputStream(Files.newInputStream(file), bytesRead),
                file.toString());
             Writer out = new BufferedWriter(Files.newBufferedWriter(outDir.resolve(base + SUFFIX), StandardCharsets.UTF_8), 1 << 16)) {
            RecordFacts facts = RecordFacts.of(reader.type());
            CsvFormat csv = CsvFormat.of(reader.type());
            CsvFormat.WireRows wire = csv.wireRows();
            StringBuilder row = new StringBuilder(512);
            List<String> header = new ArrayList<>(csv.header());
            header.add(RESULT_COLUMN);
            CsvFormat.appendFields(header, style, options.separator(), row);
            out.append(row).append('\n');
            try {
                for (Message m = reader.next(); m != null; m = reader.next()) {
                    if (++records % COUNT_EVERY == 0) {
                        this.records.addAndGet(COUNT_EVERY);
                    }
                    String label = label(facts, m, file, records);
                    count(perLabel, label);
                    row.setLength(0);
                    wire.appendRow(m, reader.lastBuffer(), reader.lastOffset(), reader.lastLength(), style,
                            options.separator(), null, row);
                    row.append(options.separator());
                    // the label is a field like the others: RFC 4180 quoting when it holds the separator
                    CsvFormat.appendFields(List.of(label), style, options.separator(), row);
                    out.append(row).append('\n');
                }
                if (reader.truncation().isPresent()) {
                    damage = reader.truncation().get().describe();
                }
            } catch (CorruptRecordException e) {
                damage = "corrupt record at offset " + e.offset() + ": " + e.getMessage();
            } finally {
                this.records.addAndGet(records % COUNT_EVERY);
            }
        }
        return new FileLabels(file.getFileName().toString(), base, records, perLabel, damage);
    }

    private String label(RecordFacts facts, Message m, Path file, long number) throws LabelConflictException {
        if (!facts.timed()) {
            return options.defaultLabel();
        }
        List<String> classes = source.classes(facts, m);
        if (classes.isEmpty()) {
            return options.defaultLabel();
        }
        if (options.strict() && classes.size() > 1) {
            throw new LabelConflictException(file.getFileName().toString(), number, classes);
        }
        return options.collect() ? String.join(LabelOptions.JOIN, classes) : classes.getFirst();
    }

    private static void count(Map<String, Long> perLabel, String label) {
        String key = FileLabels.countedAs(perLabel, label);
        perLabel.merge(key, 1L, Long::sum);
    }
}
