package io.netcap.label;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of a labeling run: alerts per class, and per record file the records per label; printed as
 * a table and written to {@code labels.json} (docs/labeling.md, "Summary").
 */
public record LabelSummary(List<String> alertFiles, long alerts, long alertsIgnored, long problems,
                           Map<String, Long> alertsPerClass, List<FileLabels> files, String defaultLabel,
                           Map<String, Long> yara) {
    public static final String JSON_FILE = "labels.json";

    public LabelSummary {
        alertFiles = List.copyOf(alertFiles);
        files = List.copyOf(files);
        alertsPerClass = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(alertsPerClass));
        yara = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(yara));
    }

    /** Without YARA rules. */
    public LabelSummary(List<String> alertFiles, long alerts, long alertsIgnored, long problems,
                        Map<String, Long> alertsPerClass, List<FileLabels> files, String defaultLabel) {
        this(alertFiles, alerts, alertsIgnored, problems, alertsPerClass, files, defaultLabel, Map.of());
    }

    /** Files that were cut short or damaged. */
    public long damagedFiles() {
        return files.stream().filter(f -> !f.damage().isEmpty()).count();
    }

    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-40s %10s%n", "Alert class", "Alerts"));
        alertsPerClass.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "%-40s %10d%n", k, v)));
        if (alertsIgnored > 0) {
            sb.append(String.format(Locale.ROOT, "%-40s %10d%n", "(ignored: no class or excluded)", alertsIgnored));
        }
        if (!yara.isEmpty()) {
            sb.append("YARA:");
            yara.forEach((k, v) -> sb.append(' ').append(k).append(' ').append(v));
            sb.append('\n');
        }
        sb.append('\n').append(String.format(Locale.ROOT, "%-28s %-40s %10s%n", "Record type", "Label", "Records"));
        for (FileLabels f : files) {
            f.perLabel().forEach((label, n) ->
                    sb.append(String.format(Locale.ROOT, "%-28s %-40s %10d%n", f.type(), label, n)));
            if (f.records() == 0) {
                sb.append(String.format(Locale.ROOT, "%-28s %-40s %10d%n", f.type(), "-", 0));
            }
            if (!f.damage().isEmpty()) {
                sb.append("warning: ").append(f.file()).append(": ").append(f.damage())
                        .append("; records before it are labeled\n");
            }
        }
        return sb.toString();
    }

    public void writeJson(Path dir) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("alertFiles", alertFiles);
        json.put("alerts", alerts);
        json.put("alertsIgnored", alertsIgnored);
        json.put("alertLinesSkipped", problems);
        json.put("alertsPerClass", alertsPerClass);
        json.put("defaultLabel", defaultLabel);
        List<Map<String, Object>> types = files.stream().map(f -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", f.file());
            m.put("type", f.type());
            m.put("records", f.records());
            m.put("labeled", f.labeled(defaultLabel));
            m.put("perLabel", f.perLabel());
            if (!f.damage().isEmpty()) {
                m.put("damage", f.damage());
            }
            return m;
        }).toList();
        json.put("files", types);
        if (!yara.isEmpty()) {
            json.put("yara", yara);
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve(JSON_FILE).toFile(), json);
    }
}
