package io.netcap.label;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A hand-written description of the attacks in a capture, in the YAML format of the original
 * (docs/labeling.md, "Attack descriptions"): the zone and Go time layouts, then per attack its day, start
 * and end time, the addresses involved and the category that becomes the label. Unknown keys are errors.
 * The older CSV form ({@link AttackCsv}) is read too, told apart by its extension or header.
 */
public final class AttackDescriptions {
    /** Attacks read from one file; more is no hand-written description. */
    static final int MAX_ATTACKS = 100_000;

    /** The file as written. */
    record File(String location, String timeFormat, String dateFormat, List<Entry> attacks) {}

    /** One attack as written. */
    record Entry(String num, String name, String start, String end, List<String> ips, String proto, String notes,
                 String category, String mitre, String date, List<String> victims, List<String> attackers,
                 @JsonProperty("flagVictimTraffic") Boolean flagVictimTraffic) {}

    /**
     * One attack, resolved: its window in nanoseconds since the epoch (both ends included) and its addresses
     * in the records' text form.
     */
    public record Attack(String name, String category, String mitre, long start, long end, List<String> ips,
                         List<String> victims, List<String> attackers, boolean flagVictimTraffic, String date) {}

    private AttackDescriptions() {}

    /** Reads and resolves a description; the message of the exception names what is wrong. */
    public static List<Attack> read(Reader in, String name) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        String text = readCapped(in, name);
        if (AttackCsv.isCsv(name, text)) {
            return AttackCsv.read(text, name, ZoneId.systemDefault());
        }
        File f;
        try {
            f = yaml.readValue(text, File.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            String why = e.getOriginalMessage().lines().findFirst().orElse("");
            if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException u) {
                line = keyLine(text, u.getPropertyName(), line);
                // the user's words, not the parser's class names
                why = "unknown key \"" + u.getPropertyName() + "\" (known here: " + (u.getKnownPropertyIds() == null ? ""
                        : u.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")))
                        + ")";
            }
            throw new IOException(name + ":" + (line > 0 ? line + ": " : " ") + why, e);
        }
        if (f == null || f.attacks() == null) {
            return List.of();
        }
        if (f.attacks().size() > MAX_ATTACKS) {
            throw new IOException(name + ": more than " + MAX_ATTACKS + " attacks");
        }
        ZoneId zone;
        try {
            zone = f.location() == null || f.location().isBlank() ? ZoneId.systemDefault() : ZoneId.of(f.location());
        } catch (DateTimeException e) {
            throw new IOException(name + ": invalid location " + f.location() + ": " + e.getMessage(), e);
        }
        DateTimeFormatter time = layout(f.timeFormat(), "15:04", name);
        DateTimeFormatter date = layout(f.dateFormat(), "2006/1/2", name);
        List<Attack> out = new ArrayList<>();
        int i = 0;
        for (Entry e : f.attacks()) {
            i++;
            if (e == null || e.name() == null || e.name().isBlank()) {
                continue; // as the original: entries without a name are skipped
            }
            String what = name + ": attack " + i + " (" + e.name() + ")";
            try {
                LocalDate day = LocalDate.parse(required(e.date(), "date", what), date);
                long start = nanos(day.atTime(LocalTime.parse(required(e.start(), "start", what), time)).atZone(zone).toInstant());
                long end = nanos(day.atTime(LocalTime.parse(required(e.end(), "end", what), time)).atZone(zone).toInstant());
                if (end < start) {
                    throw new IOException(what + ": end " + e.end() + " before start " + e.start() + " (a window does not wrap past midnight)");
                }
                out.add(new Attack(e.name(), e.category() == null ? "" : e.category(), e.mitre() == null ? "" : e.mitre(),
                        start, end, addresses(e.ips(), what), addresses(e.victims(), what), addresses(e.attackers(), what),
                        Boolean.TRUE.equals(e.flagVictimTraffic()), e.date()));
            } catch (DateTimeException | ArithmeticException ex) { // a year beyond nanoseconds in a long
                throw new IOException(what + ": " + ex.getMessage(), ex);
            }
        }
        return out;
    }

    /** A description is written by hand; a file beyond this size is no description. */
    private static final int MAX_CHARS = 16 << 20;

    private static String readCapped(Reader in, String name) throws IOException {
        StringBuilder sb = new StringBuilder();
        char[] buf = new char[8192];
        for (int n; (n = in.read(buf)) > 0; ) {
            sb.append(buf, 0, n);
            if (sb.length() > MAX_CHARS) {
                throw new IOException(name + ": larger than " + MAX_CHARS + " characters");
            }
        }
        return sb.toString();
    }

    /**
     * The line of an unknown key: YAML parsers report the position after its value, so the last line at or
     * before that position that starts with the key.
     */
    private static int keyLine(String text, String key, int reported) {
        List<String> lines = text.lines().toList();
        for (int i = Math.min(reported, lines.size()); i >= 1; i--) {
            String l = lines.get(i - 1).strip();
            if (l.startsWith("- ")) {
                l = l.substring(2).strip();
            }
            if (l.startsWith(key + ":") || l.startsWith("\"" + key + "\":")) {
                return i;
            }
        }
        return reported;
    }

    private static String required(String v, String key, String what) throws IOException {
        if (v == null || v.isBlank()) {
            throw new IOException(what + ": " + key + " missing");
        }
        return v.strip();
    }

    private static DateTimeFormatter layout(String goLayout, String fallback, String name) throws IOException {
        String l = goLayout == null || goLayout.isBlank() ? fallback : goLayout;
        try {
            return GoLayout.formatter(l);
        } catch (IllegalArgumentException e) {
            throw new IOException(name + ": invalid time layout " + l + ": " + e.getMessage(), e);
        }
    }

    static List<String> addresses(List<String> list, String what) throws IOException {
        if (list == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String s : list) {
            String ip = s == null ? null : IpText.normalize(s.strip());
            if (ip == null) {
                throw new IOException(what + ": not an IP address: " + s);
            }
            out.add(ip);
        }
        return List.copyOf(out);
    }

    static long nanos(java.time.Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    }
}
