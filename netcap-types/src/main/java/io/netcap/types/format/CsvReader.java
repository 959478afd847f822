package io.netcap.types.format;

import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 records: fields split at the separator (one or more characters), a field in double
 * quotes may hold the separator, CR, LF and doubled quotes; a record ends at LF or CRLF outside quotes.
 * A record that breaks the grammar (a quote inside an unquoted field, text after a closing quote, end of
 * input inside quotes) is returned with its {@code error} set, so a checker can count it and go on.
 */
public final class CsvReader {
    /** One record: its fields, the line it starts on (1-based), and what is wrong with it or null. */
    public record Record(List<String> fields, long line, String error) {}

    private final PushbackReader in;
    private final String separator;
    private long line = 1;

    public CsvReader(Reader in, String separator) {
        if (separator.isEmpty()) {
            throw new IllegalArgumentException("empty separator");
        }
        this.in = new PushbackReader(in, separator.length());
        this.separator = separator;
    }

    /** The next record, or null at the end of input. */
    public Record next() throws IOException {
        int c = in.read();
        if (c < 0) {
            return null;
        }
        long start = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        String error = null;
        boolean quoted = false;
        boolean closed = false; // after the closing quote of a quoted field
        boolean fieldStart = true;
        for (; c >= 0; c = in.read()) {
            if (quoted) {
                if (c == '"') {
                    int d = in.read();
                    if (d == '"') {
                        field.append('"');
                        continue;
                    }
                    unread(d);
                    quoted = false;
                    closed = true;
                    continue;
                }
                if (c == '\n') {
                    line++;
                }
                field.append((char) c);
                continue;
            }
            if (c == '\n') {
                line++;
                break;
            }
            if (c == '\r') {
                int d = in.read();
                if (d == '\n') {
                    line++;
                    break;
                }
                unread(d);
            }
            if (separatorFollows(c)) {
                fields.add(field.toString());
                field.setLength(0);
                closed = false;
                fieldStart = true;
                continue;
            }
            if (c == '"' && fieldStart) {
                quoted = true;
                fieldStart = false;
                continue;
            }
            if (error == null && (c == '"' || closed)) {
                error = closed ? "text after a closing quote" : "a quote inside an unquoted field";
            }
            fieldStart = false;
            field.append((char) c);
        }
        if (quoted) {
            error = "end of input inside a quoted field";
        }
        fields.add(field.toString());
        return new Record(fields, start, error);
    }

    /** Whether {@code c} and the characters after it are the separator; if not, nothing is consumed. */
    private boolean separatorFollows(int c) throws IOException {
        if (c != separator.charAt(0)) {
            return false;
        }
        int n = separator.length();
        char[] rest = new char[n - 1];
        int got = 0;
        while (got < rest.length) {
            int r = in.read();
            if (r < 0) {
                break;
            }
            rest[got++] = (char) r;
        }
        if (got == rest.length && separator.regionMatches(1, new String(rest), 0, rest.length)) {
            return true;
        }
        in.unread(rest, 0, got);
        return false;
    }

    private void unread(int c) throws IOException {
        if (c >= 0) {
            in.unread(c);
        }
    }
}
