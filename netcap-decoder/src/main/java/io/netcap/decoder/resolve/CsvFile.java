package io.netcap.decoder.resolve;

import io.netcap.types.format.CsvReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The records of a CSV database (the IEEE registries, IANA's port list), fast: a line without quotes is
 * split at commas; a line with quotes, joined with the following lines while its quotes are unbalanced (a
 * field holding a line break), goes through the RFC 4180 {@link CsvReader}. Reading the IEEE files through
 * the reader alone took about half a second at every start. Malformed bytes are replaced (UTF-8).
 */
final class CsvFile {
    private CsvFile() {}

    /**
     * Hands the first {@code fields} fields of every record to {@code out} (the header included; the list is
     * reused for the next record); returns the number of records the RFC 4180 grammar rejects (a quote left
     * open at the end of the file, text after a closing quote).
     */
    static long records(Path file, int fields, Consumer<List<String>> out) throws IOException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        long bad = 0;
        String[] f = new String[fields];
        for (int start = 0, end; start < text.length(); start = end + 1) {
            end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            int stop = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
            if (stop == start) {
                continue;
            }
            int quote = text.indexOf('"', start);
            if (quote < 0 || quote >= stop) {
                out.accept(split(text, start, stop, f));
                continue;
            }
            // joined with the next lines while a quoted field is open
            while (quotes(text, start, stop) % 2 != 0 && end < text.length()) {
                end = text.indexOf('\n', end + 1);
                if (end < 0) {
                    end = text.length();
                }
                stop = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
            }
            CsvReader.Record r = new CsvReader(new StringReader(text.substring(start, stop)), ",").next();
            if (r.error() != null) {
                bad++;
            } else {
                out.accept(r.fields().subList(0, Math.min(fields, r.fields().size())));
            }
        }
        return bad;
    }

    /** The first {@code f.length} comma-separated fields of {@code s[from, to)}; fewer when the line has fewer. */
    private static List<String> split(String s, int from, int to, String[] f) {
        int n = 0;
        int at = from;
        while (n < f.length) {
            int comma = s.indexOf(',', at);
            if (comma < 0 || comma >= to) {
                f[n++] = s.substring(at, to);
                break;
            }
            f[n++] = s.substring(at, comma);
            at = comma + 1;
        }
        return Arrays.asList(f).subList(0, n);
    }

    private static int quotes(String s, int from, int to) {
        int n = 0;
        for (int i = s.indexOf('"', from); i >= 0 && i < to; i = s.indexOf('"', i + 1)) {
            n++;
        }
        return n;
    }
}
