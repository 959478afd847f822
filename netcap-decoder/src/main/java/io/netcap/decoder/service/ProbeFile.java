package io.netcap.decoder.service;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads nmap's {@code nmap-service-probes} (Debian {@code nmap-common}): the {@code Probe} lines name the
 * following {@code match} and {@code softmatch} lines; every other directive is ignored (netcap sends no
 * probes, it matches what servers sent). A line that does not parse is counted and skipped.
 */
public final class ProbeFile {
    /** Debian's copy (package {@code nmap-common}). */
    public static final Path DEBIAN = Path.of("/usr/share/nmap/nmap-service-probes");
    public static final String NAME = "nmap-service-probes";
    /** At most this many match lines are read (the file of 2023 has 11 917). */
    static final int MAX_LINES = 1 << 17;

    private ProbeFile() {}

    /** Reads a probe file; the text is ISO-8859-1 since the regexes hold raw bytes. */
    public static List<ServiceMatch> read(Path file, ServiceCounters counters) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            return parse(r.lines().toList(), counters);
        }
    }

    static List<ServiceMatch> parse(List<String> lines, ServiceCounters counters) {
        List<ServiceMatch> out = new ArrayList<>();
        String probe = "";
        int index = 0;
        for (String line : lines) {
            if (line.startsWith("Probe ")) {
                String[] parts = line.split(" ", 4);
                probe = parts.length > 2 ? parts[2] : "";
                index = 0;
                continue;
            }
            boolean soft = line.startsWith("softmatch ");
            if (!soft && !line.startsWith("match ")) {
                continue;
            }
            if (out.size() >= MAX_LINES) {
                counters.malformedLines.incrementAndGet();
                continue;
            }
            ServiceMatch m = line(line, soft, probe + "-" + index++);
            if (m == null) {
                counters.malformedLines.incrementAndGet();
            } else {
                out.add(m);
            }
        }
        counters.matchLines.addAndGet(out.size());
        return out;
    }

    /** {@code match <service> m<d><regex><d><options> <templates>}, or null. */
    static ServiceMatch line(String line, boolean soft, String ident) {
        int start = line.indexOf(' ') + 1;
        int space = line.indexOf(' ', start);
        if (space < 0 || space + 2 >= line.length() || line.charAt(space + 1) != 'm') {
            return null;
        }
        String service = line.substring(start, space);
        char delim = line.charAt(space + 2);
        int regexStart = space + 3;
        int regexEnd = line.indexOf(delim, regexStart);
        if (regexEnd < 0) {
            return null;
        }
        int k = regexEnd + 1;
        while (k < line.length() && Character.isLetter(line.charAt(k))) {
            k++;
        }
        String options = line.substring(regexEnd + 1, k);
        Map<String, String> fields = templates(line, k);
        if (fields == null) {
            return null;
        }
        return new ServiceMatch(ident, service, soft, line.substring(regexStart, regexEnd), options, Map.copyOf(fields));
    }

    /** {@code p/x/ v/$1/ cpe:/a:v:p/a} from {@code i} on: the first of each letter, and the first CPE. */
    private static Map<String, String> templates(String line, int i) {
        Map<String, String> fields = new HashMap<>();
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t') {
                i++;
                continue;
            }
            String key;
            int delimAt;
            if (line.startsWith("cpe:", i)) {
                key = "cpe";
                delimAt = i + 4;
            } else if ("pvihod".indexOf(c) >= 0) {
                key = String.valueOf(c);
                delimAt = i + 1;
            } else {
                return null;
            }
            if (delimAt >= n) {
                return null;
            }
            char d = line.charAt(delimAt);
            int end = line.indexOf(d, delimAt + 1);
            if (end < 0) {
                return null;
            }
            fields.putIfAbsent(key, line.substring(delimAt + 1, end));
            i = end + 1;
            while (i < n && Character.isLetter(line.charAt(i))) {
                i++; // the CPE's flag 'a'
            }
        }
        return fields;
    }
}
