package io.netcap.label;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The alerts read from one file, and what was wrong with the lines that were skipped: every problem is
 * counted, the first {@link #MAX_PROBLEMS} are kept with their line numbers.
 */
public final class AlertFile {
    /** Alerts kept in memory; the labeler holds them all (docs/labeling.md, "Limits"). */
    public static final int MAX_ALERTS = 5_000_000;
    /** Problems kept with their text; the rest are only counted. */
    public static final int MAX_PROBLEMS = 100;

    /** A skipped line: its number and why. */
    public record Problem(String file, long line, String message) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + message;
        }
    }

    private final String name;
    private final List<Alert> alerts = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();
    private long problemCount;
    private long lines;
    private long otherEvents;

    /** Parses one non-blank line into the file; returns why it is no alert, or null. */
    @FunctionalInterface
    interface LineParser {
        String parse(String line, long number, AlertFile file);
    }

    /** Reads every line of {@code in} through {@code parser}: blank lines skipped, problems recorded. */
    static AlertFile read(java.io.Reader in, String name, LineParser parser) throws java.io.IOException {
        AlertFile file = new AlertFile(name);
        BoundedLines lines = new BoundedLines(in);
        for (String line = lines.next(); line != null && file.alerts.size() < MAX_ALERTS; line = lines.next()) {
            long n = lines.number();
            if (line.isBlank()) {
                continue;
            }
            String error = lines.cut() ? "line longer than " + BoundedLines.MAX_LINE + " characters" : parser.parse(line, n, file);
            if (error != null) {
                file.problem(n, error);
            }
        }
        file.lines = lines.number();
        return file;
    }

    AlertFile(String name) {
        this.name = name;
    }

    /** Adds an alert; false (and a problem) once {@link #MAX_ALERTS} are held. */
    boolean add(Alert a) {
        if (alerts.size() >= MAX_ALERTS) {
            problem(a.line(), "more than " + MAX_ALERTS + " alerts; the rest of the file is ignored");
            return false;
        }
        alerts.add(a);
        return true;
    }

    void problem(long line, String message) {
        problemCount++;
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(new Problem(name, line, message));
        }
    }

    void otherEvent() {
        otherEvents++;
    }

    public String name() { return name; }

    /** The alerts in file order. */
    public List<Alert> alerts() { return Collections.unmodifiableList(alerts); }

    /** The first {@link #MAX_PROBLEMS} skipped lines. */
    public List<Problem> problems() { return Collections.unmodifiableList(problems); }

    /** All skipped lines. */
    public long problemCount() { return problemCount; }

    public long lines() { return lines; }

    /** eve.json events of other types than {@code alert} (flow, fileinfo, ...), which are not alerts. */
    public long otherEvents() { return otherEvents; }
}
