package io.netcap.label;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Labels every record file of a directory with the alerts of one or more alert files. */
public final class LabelRun {
    private LabelRun() {}

    /**
     * Labels each record file of {@code recordDir} into {@code outDir} (created) and writes
     * {@code labels.json} there. With {@code -strict}, alert lines that were skipped abort before any file is
     * written, as does the first record with conflicting classes.
     */
    public static LabelSummary run(List<AlertFile> alertFiles, Path recordDir, Path outDir, LabelOptions options)
            throws IOException, LabelConflictException {
        List<Alert> all = new ArrayList<>();
        long problems = 0;
        List<String> names = new ArrayList<>();
        for (AlertFile f : alertFiles) {
            all.addAll(f.alerts());
            problems += f.problemCount();
            names.add(f.name());
        }
        AlertIndex index = new AlertIndex(all, options);
        Files.createDirectories(outDir);
        Labeler labeler = new Labeler(index);
        List<FileLabels> files = new ArrayList<>();
        for (Path file : Labeler.recordFiles(recordDir)) {
            files.add(labeler.label(file, outDir));
        }
        Map<String, Long> perClass = new LinkedHashMap<>(index.alertsPerClass());
        LabelSummary summary = new LabelSummary(names, all.size(), index.ignored(), problems, perClass, files,
                options.defaultLabel());
        summary.writeJson(outDir);
        return summary;
    }
}
