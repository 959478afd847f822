package io.netcap.decoder.stream.mail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The header section of a message or of a MIME part (RFC 5322 section 2.2), read line by line: {@code Name: value}
 * fields, folded lines (starting with space or tab) unfolded into the field before them. Bounded: at most
 * {@link #MAX_FIELDS} fields and {@link #MAX_BYTES} bytes; what exceeds is dropped and {@link #capped()} says so.
 */
final class MimeHeader {
    static final int MAX_FIELDS = 256;
    static final int MAX_BYTES = 64 * 1024;

    private final List<String> names = new ArrayList<>();
    private final List<StringBuilder> values = new ArrayList<>();
    private int bytes;
    private boolean capped;
    /** The last line was dropped or malformed: its folded continuation lines go with it. */
    private boolean dropping;

    /** One line of the section without its line break; {@code folded} lines continue the previous field. */
    void line(String line) {
        boolean folded = !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t');
        if (bytes + line.length() > MAX_BYTES) {
            capped = true;
            dropping = !folded || dropping;
            return;
        }
        if (folded) {
            if (!dropping && !values.isEmpty()) {
                values.getLast().append(line);
                bytes += line.length();
            }
            return;
        }
        int colon = line.indexOf(':');
        if (colon <= 0 || !fieldName(line, colon)) {
            dropping = true; // not a field (RFC 5322 obsolete syntax, mbox "From " lines): ignored
            return;
        }
        if (names.size() >= MAX_FIELDS) {
            capped = true;
            dropping = true;
            return;
        }
        dropping = false;
        names.add(line.substring(0, colon));
        values.add(new StringBuilder(line.substring(colon + 1).strip()));
        bytes += line.length();
    }

    /** Continues the last line, which was longer than the line buffer (only a field's value can be that long). */
    void more(String piece) {
        if (dropping || values.isEmpty()) {
            return;
        }
        if (bytes + piece.length() > MAX_BYTES) {
            capped = true;
            return;
        }
        values.getLast().append(piece);
        bytes += piece.length();
    }

    /** RFC 5322 section 3.6.8: printable US-ASCII except colon (and, obsolete syntax, trailing whitespace). */
    private static boolean fieldName(String line, int colon) {
        int end = colon;
        while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
            end--;
        }
        if (end == 0) {
            return false;
        }
        for (int i = 0; i < end; i++) {
            char c = line.charAt(i);
            if (c < 33 || c > 126) {
                return false;
            }
        }
        return true;
    }

    boolean capped() {
        return capped;
    }

    /** The first field of that name (case-insensitive, RFC 5322 section 1.2.2), stripped; "" when absent. */
    String first(String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).strip().equalsIgnoreCase(name)) {
                return values.get(i).toString().strip();
            }
        }
        return "";
    }

    /** Fields by name as sent; repeated fields joined by a space, as the HTTP records join header values. */
    Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            m.merge(names.get(i).strip(), values.get(i).toString().strip(), (a, b) -> a + " " + b);
        }
        return m;
    }

    /** Only the {@code Content-*} fields: those that describe a message's body when it is a single part. */
    Map<String, String> contentFields() {
        Map<String, String> m = new LinkedHashMap<>();
        toMap().forEach((k, v) -> {
            if (k.toLowerCase(Locale.ROOT).startsWith("content-")) {
                m.put(k, v);
            }
        });
        return m;
    }
}
