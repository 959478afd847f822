package io.netcap.label;

import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.List;
import java.util.Locale;

/**
 * Go's reference-time layouts ({@code Monday-02-01-2006}, {@code 15:04}) as java.time formatters, for the
 * attack descriptions written for the original (docs/labeling.md, "Attack descriptions"). The reference
 * instant is {@code Mon Jan 2 15:04:05 MST 2006}; each of its elements stands for a field, everything else
 * is literal.
 */
final class GoLayout {
    /** Go's elements, longest first where one starts another, and their java.time pattern letters. */
    private static final List<String[]> ELEMENTS = List.of(
            new String[] {"January", "MMMM"}, new String[] {"Monday", "EEEE"}, new String[] {"2006", "uuuu"},
            new String[] {"-07:00", "xxx"}, new String[] {"-0700", "xx"}, new String[] {"Z07:00", "XXX"},
            new String[] {"Jan", "MMM"}, new String[] {"Mon", "EEE"}, new String[] {"MST", "zzz"},
            new String[] {"PM", "a"}, new String[] {".000000000", ".SSSSSSSSS"}, new String[] {".000000", ".SSSSSS"},
            new String[] {".000", ".SSS"}, new String[] {"15", "H"}, new String[] {"01", "MM"}, new String[] {"02", "dd"},
            new String[] {"03", "hh"}, new String[] {"04", "mm"}, new String[] {"05", "ss"}, new String[] {"06", "uu"},
            new String[] {"1", "M"}, new String[] {"2", "d"}, new String[] {"3", "h"}, new String[] {"4", "m"},
            new String[] {"5", "s"});

    private GoLayout() {}

    /** The formatter of a Go layout (English names, as Go's). */
    static DateTimeFormatter formatter(String layout) {
        return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern(layout))
                .toFormatter(Locale.ENGLISH);
    }

    /** The java.time pattern of a Go layout: its elements translated, all other text quoted. */
    static String pattern(String layout) {
        StringBuilder out = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        outer:
        while (i < layout.length()) {
            for (String[] e : ELEMENTS) {
                if (layout.startsWith(e[0], i)) {
                    flush(literal, out);
                    out.append(e[1]);
                    i += e[0].length();
                    continue outer;
                }
            }
            literal.append(layout.charAt(i++));
        }
        flush(literal, out);
        return out.toString();
    }

    private static void flush(StringBuilder literal, StringBuilder out) {
        if (!literal.isEmpty()) {
            out.append('\'').append(literal.toString().replace("'", "''")).append('\'');
            literal.setLength(0);
        }
    }
}
