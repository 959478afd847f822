package io.netcap.types.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tables of the test resource {@code csv-columns.md} (docs/original.md, "CSV columns"): for each type the original header list,
 * the value descriptions, and — for the MISALIGNED types — the corrected header from the notes. The
 * shared specification is read when {@code netcap.shared} points at it, else the checked-in copy.
 */
final class CsvColumnsSpec {
    record Row(String header, String value) {}

    record Table(String type, boolean misaligned, List<Row> rows) {
        List<String> originalHeader() {
            return rows.stream().map(Row::header).filter(h -> !h.equals("(no header)")).toList();
        }

        List<String> values() {
            return rows.stream().map(Row::value).filter(v -> !v.equals("(no value)")).toList();
        }
    }

    private static final Pattern ROW = Pattern.compile("^\\| (\\d+) \\| (.*?) \\| (.*) \\|$");
    private static final Pattern CORRECTED = Pattern.compile("\\((\\d+) columns\\)");

    final Map<String, Table> tables = new LinkedHashMap<>();
    /** Corrected column counts stated in "Notes on known defects". */
    final Map<String, Integer> correctedCounts = new LinkedHashMap<>();
    final String text;

    private CsvColumnsSpec(String text) {
        this.text = text;
        String current = null;
        boolean misaligned = false;
        List<Row> rows = null;
        for (String line : text.split("\n")) {
            if (line.startsWith("### ")) {
                if (current != null) {
                    tables.put(current, new Table(current, misaligned, rows));
                }
                String title = line.substring(4).strip();
                misaligned = title.contains("MISALIGNED");
                current = title.split(" ")[0];
                rows = new ArrayList<>();
            } else if (current != null) {
                Matcher m = ROW.matcher(line);
                if (m.matches()) {
                    rows.add(new Row(m.group(2), m.group(3)));
                }
            }
            if (line.startsWith("* **") && line.contains("**:")) {
                String type = line.substring(4, line.indexOf("**", 4));
                currentNote = type;
            }
            if (currentNote != null) {
                Matcher c = CORRECTED.matcher(line);
                if (c.find() && line.contains("columns)")) {
                    correctedCounts.put(currentNote, Integer.parseInt(c.group(1)));
                }
            }
        }
        if (current != null) {
            tables.put(current, new Table(current, misaligned, rows));
        }
    }

    private String currentNote;

    static CsvColumnsSpec load() throws IOException {
        String shared = System.getProperty("netcap.shared");
        if (shared != null) {
            Path p = Path.of(shared, "spec", "csv-columns.md");
            if (Files.exists(p)) {
                return new CsvColumnsSpec(Files.readString(p));
            }
        }
        try (InputStream in = CsvColumnsSpec.class.getResourceAsStream("/csv-columns.md")) {
            return new CsvColumnsSpec(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /**
     * Header of the Java tool: the original header for aligned types; for MISALIGNED types the edits
     * the notes prescribe (insert the missing names, drop names without values).
     */
    List<String> correctedHeader(String type) {
        Table t = tables.get(type);
        List<String> h = new ArrayList<>(t.originalHeader());
        if (!t.misaligned()) {
            return h;
        }
        switch (type) {
            case "TCP" -> h.add(h.indexOf("Urgent") + 1, "Options");
            case "IPv4" -> h.add(h.indexOf("DstIP") + 1, "Padding");
            case "Modbus" -> h.add(h.indexOf("UnitID") + 1, "Payload");
            case "GRE" -> h.removeAll(List.of("SrcPort", "DstPort"));
            case "Service" -> h.remove("Notes");
            case "TLSClientHello" -> {
                h.add(h.indexOf("HandshakeVersion") + 1, "Random");
                h.add(h.indexOf("SessionIDLen") + 1, "SessionID");
            }
            default -> throw new IllegalStateException("no correction known for MISALIGNED " + type);
        }
        return h;
    }
}
