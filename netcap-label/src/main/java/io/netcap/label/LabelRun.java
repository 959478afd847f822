package io.netcap.label;

import io.netcap.io.Progress;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Labels every record file of a directory with the alerts of one or more alert files. */
public final class LabelRun {
    /** {@code label -debug}'s file in the output directory: a line per alert and the records it matched. */
    public static final String ALERTS_LOG = "alerts.log";
    /** The same for attack descriptions ({@code -custom}): a line per attack. */
    public static final String ATTACKS_LOG = "attacks.log";

    private LabelRun() {}

    /**
     * Labels each record file of {@code recordDir} into {@code outDir} (created) and writes
     * {@code labels.json} there. With {@code -strict}, alert lines that were skipped abort before any file is
     * written, as does the first record with conflicting classes.
     */
    public static LabelSummary run(List<AlertFile> alertFiles, Path recordDir, Path outDir, LabelOptions options)
            throws IOException, LabelConflictException {
        return run(alertFiles, null, recordDir, outDir, options);
    }

    /**
     * As {@link #run(List, Path, Path, LabelOptions)}, with YARA rules matched against record payloads,
     * extracted files and conversation dumps too when {@code yara} is not null: their matches are classes
     * after the alerts' and go to {@code yara.log}.
     */
    public static LabelSummary run(List<AlertFile> alertFiles, Yara.Rules yara, Path recordDir, Path outDir,
                                   LabelOptions options) throws IOException, LabelConflictException {
        return run(alertFiles, yara, YaraConversations.MAX_DIRECTION, recordDir, outDir, options);
    }

    /**
     * As {@link #run(List, Yara.Rules, Path, Path, LabelOptions)}, scanning at most {@code streamBytes} of each
     * direction of a conversation ({@code -yara-stream-bytes}).
     */
    public static LabelSummary run(List<AlertFile> alertFiles, Yara.Rules yara, int streamBytes, Path recordDir,
                                   Path outDir, LabelOptions options) throws IOException, LabelConflictException {
        return run(alertFiles, yara, streamBytes, recordDir, outDir, options, null, false);
    }

    /**
     * As {@link #run(List, Yara.Rules, int, Path, Path, LabelOptions)}, with a progress line of the record files'
     * labeling on {@code progress} ({@code -progress}) when it is not null, and with {@code debug}
     * ({@code -debug}) a line per alert in {@value #ALERTS_LOG} saying what it matched.
     */
    public static LabelSummary run(List<AlertFile> alertFiles, Yara.Rules yara, int streamBytes, Path recordDir,
                                   Path outDir, LabelOptions options, PrintWriter progress, boolean debug)
            throws IOException, LabelConflictException {
        if (streamBytes < 1 || streamBytes > YaraConversations.LARGEST_DIRECTION) {
            throw new IllegalArgumentException("stream bytes out of range: " + streamBytes);
        }
        List<Alert> all = new ArrayList<>();
        long problems = 0;
        List<String> names = new ArrayList<>();
        for (AlertFile f : alertFiles) {
            all.addAll(f.alerts());
            problems += f.problemCount();
            names.add(f.name());
        }
        AlertIndex index = new AlertIndex(all, options);
        if (debug) {
            index.countMatches();
        }
        List<FileLabels> files;
        Map<String, Long> yaraStats = Map.of();
        if (yara == null) {
            files = labelAll(index, recordDir, outDir, options, progress);
        } else {
            Files.createDirectories(outDir);
            try (var log = Files.newBufferedWriter(outDir.resolve(YaraLabels.LOG), java.nio.charset.StandardCharsets.UTF_8)) {
                YaraLabels labels = new YaraLabels(yara, log);
                // conversations and extracted files first: their matches label Connection and HTTP records
                YaraConversations.prepare(labels, recordDir, streamBytes);
                files = labelAll(new CompositeClassifier(List.of(index, labels)), recordDir, outDir, options, progress);
                yaraStats = labels.stats();
            } catch (java.io.UncheckedIOException e) {
                throw e.getCause();
            }
        }
        LabelSummary summary = new LabelSummary(names, all.size(), index.ignored(), problems,
                new LinkedHashMap<>(index.alertsPerClass()), files, options.defaultLabel(), yaraStats);
        summary.writeJson(outDir);
        if (debug) {
            index.writeMatches(outDir.resolve(ALERTS_LOG));
        }
        return summary;
    }

    /**
     * Labels each record file with hand-written attack descriptions: a record in several attacks gets all
     * their categories, as in the original (so {@code -collect} is implied).
     */
    public static LabelSummary runAttacks(List<AttackDescriptions.Attack> attacks, String name, Path recordDir,
                                          Path outDir, LabelOptions options) throws IOException, LabelConflictException {
        return runAttacks(attacks, name, recordDir, outDir, options, null, false);
    }

    /**
     * As {@link #runAttacks(List, String, Path, Path, LabelOptions)}, with a progress line on {@code progress} when not
     * null, and with {@code debug} a line per attack in {@value #ATTACKS_LOG} saying what it matched.
     */
    public static LabelSummary runAttacks(List<AttackDescriptions.Attack> attacks, String name, Path recordDir,
                                          Path outDir, LabelOptions options, PrintWriter progress, boolean debug)
            throws IOException, LabelConflictException {
        AttackIndex index = new AttackIndex(attacks);
        if (debug) {
            index.countMatches();
        }
        LabelOptions collect = new LabelOptions(options.description(), true, options.strict(), options.excluded(),
                options.disableLayers(), options.defaultLabel(), options.separator());
        List<FileLabels> files = labelAll(index, recordDir, outDir, collect, progress);
        LabelSummary summary = new LabelSummary(List.of(name), attacks.size(), 0, 0, index.attacksPerCategory(), files,
                options.defaultLabel());
        summary.writeJson(outDir);
        if (debug) {
            index.writeMatches(outDir.resolve(ATTACKS_LOG));
        }
        return summary;
    }

    /**
     * Labels the files side by side, one per core (as the original, one worker per file); results in file
     * name order. Each file is streamed, so memory grows with the number of workers, not the file sizes.
     */
    private static List<FileLabels> labelAll(Classifier source, Path recordDir, Path outDir, LabelOptions options,
                                             PrintWriter progressOut) throws IOException, LabelConflictException {
        Files.createDirectories(outDir);
        Labeler labeler = new Labeler(source, options);
        List<Path> inputs = Labeler.recordFiles(recordDir);
        int workers = Math.max(1, Math.min(inputs.size(), Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        Progress progress = null;
        if (progressOut != null) {
            long total = 0;
            for (Path file : inputs) {
                total += Files.size(file);
            }
            progress = new Progress(progressOut, "labeling records... ", "records", "records/sec", labeler.records(),
                    labeler.bytesRead(), total);
            progress.start();
        }
        try {
            List<Future<FileLabels>> results = new ArrayList<>();
            for (Path file : inputs) {
                results.add(pool.submit(() -> labeler.label(file, outDir)));
            }
            List<FileLabels> files = new ArrayList<>();
            for (Future<FileLabels> f : results) {
                files.add(get(f));
            }
            return files;
        } finally {
            pool.shutdownNow();
            if (progress != null) {
                progress.finish();
            }
        }
    }

    private static FileLabels get(Future<FileLabels> f) throws IOException, LabelConflictException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case IOException io -> throw io;
                case LabelConflictException c -> throw c;
                case RuntimeException r -> throw r;
                case Error err -> throw err;
                default -> throw new IOException(e.getCause());
            }
        }
    }
}
