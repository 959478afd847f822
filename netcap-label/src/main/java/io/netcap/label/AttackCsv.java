package io.netcap.label;

import io.netcap.label.AttackDescriptions.Attack;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The older, CSV form of attack descriptions (docs/labeling.md, "Attack descriptions as CSV"): one attack a
 * line with the columns {@code num,name,start,end,ips,proto,notes,category}, start and end as
 * {@code 2006/1/2 15:04:05} in this machine's zone, the addresses separated by {@code ;} or spaces. A first
 * line starting with {@code num,} is the header; fields may be quoted as in RFC 4180.
 */
final class AttackCsv {
    static final String HEADER = "num,name,start,end,ips,proto,notes,category";
    private static final int COLUMNS = 8;
    private static final DateTimeFormatter TIME = GoLayout.formatter("2006/1/2 15:04:05");

    private AttackCsv() {}

    /** Whether a description is in this form: by its extension, else by its header. */
    static boolean isCsv(String name, String text) {
        if (name.toLowerCase(Locale.ROOT).endsWith(".csv")) {
            return true;
        }
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst()
                .map(l -> l.toLowerCase(Locale.ROOT).startsWith("num,")).orElse(false);
    }

    static List<Attack> read(String text, String name, ZoneId zone) throws IOException {
        List<Attack> out = new ArrayList<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || out.isEmpty() && line.toLowerCase(Locale.ROOT).startsWith("num,")) {
                continue;
            }
            String where = name + ":" + (i + 1);
            List<String> f = fields(line, where);
            if (f.size() != COLUMNS) {
                throw new IOException(where + ": " + f.size() + " columns, want " + COLUMNS + " (" + HEADER + ")");
            }
            String attackName = f.get(1).strip();
            if (attackName.isEmpty()) {
                continue; // as with YAML: an attack without a name is skipped
            }
            if (out.size() == AttackDescriptions.MAX_ATTACKS) {
                throw new IOException(name + ": more than " + AttackDescriptions.MAX_ATTACKS + " attacks");
            }
            String what = where + ": attack " + attackName;
            try {
                LocalDateTime start = LocalDateTime.parse(f.get(2).strip(), TIME);
                LocalDateTime end = LocalDateTime.parse(f.get(3).strip(), TIME);
                if (end.isBefore(start)) {
                    throw new IOException(what + ": end " + f.get(3).strip() + " before start " + f.get(2).strip());
                }
                List<String> ips = f.get(4).isBlank() ? List.of() : List.of(f.get(4).strip().split("[;\\s]+"));
                out.add(new Attack(attackName, f.get(7).strip(), "", AttackDescriptions.nanos(start.atZone(zone).toInstant()),
                        AttackDescriptions.nanos(end.atZone(zone).toInstant()), AttackDescriptions.addresses(ips, what),
                        List.of(), List.of(), false, start.toLocalDate().toString()));
            } catch (DateTimeException | ArithmeticException e) { // a year beyond nanoseconds in a long
                throw new IOException(what + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** The fields of one line; a quoted field may hold commas and doubled quotes. */
    static List<String> fields(String line, String where) throws IOException {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.toString().isBlank()) {
                quoted = true;
                field.setLength(0);
            } else if (c == ',') {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new IOException(where + ": quote not closed");
        }
        out.add(field.toString());
        return out;
    }
}
