package io.netcap.types.format;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 records: fields split at the separator, a field in double quotes may hold the
 * separator, CR, LF and doubled quotes; a record ends at LF or CRLF outside quotes. A record that breaks
 * the grammar (a quote inside an unquoted field, text after a closing quote, end of input inside quotes)
 * is returned with its {@code error} set, so a checker can count it and go on.
 */
public final class CsvReader {
    /** One record: its fields, the line it starts on (1-based), and what is wrong with it or null. */
    public record Record(List<String> fields, long line, String error) {}

    private final Reader in;
    private final String separator;
    private long line = 1;
    private int pushedBack = -2;

    public CsvReader(Reader in, String separator) {
        if (separator.isEmpty()) {
            throw new IllegalArgumentException("empty separator");
        }
        this.in = in;
        this.separator = separator;
    }

    private int read() throws IOException {
        if (pushedBack != -2) {
            int c = pushedBack;
            pushedBack = -2;
            return c;
        }
        return in.read();
    }

    /** The next record, or null at the end of input. */
    public Record next() throws IOException {
        int c = read();
        if (c < 0) {
            return null;
        }
        long start = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        String error = null;
        boolean quoted = false;
        boolean afterQuote = false;
        boolean fieldStart = true;
        int sepMatched = 0;
        while (true) {
            if (c < 0) {
                if (quoted) {
                    error = "end of input inside a quoted field";
                }
                break;
            }
            char ch = (char) c;
            if (quoted) {
                if (ch == '"') {
                    int d = read();
                    if (d == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        afterQuote = true;
                        pushedBack = d;
                    }
                } else {
                    if (ch == '\n') {
                        line++;
                    }
                    field.append(ch);
                }
                c = read();
                continue;
            }
            if (ch == '\n') {
                line++;
                break;
            }
            if (ch == '\r') {
                int d = read();
                if (d == '\n') {
                    line++;
                    break;
                }
                pushedBack = d;
            }
            if (ch == separator.charAt(sepMatched)) {
                sepMatched++;
                if (sepMatched == separator.length()) {
                    String f = field.toString();
                    fields.add(f.substring(0, f.length() - (separator.length() - 1)));
                    field.setLength(0);
                    sepMatched = 0;
                    afterQuote = false;
                    fieldStart = true;
                    c = read();
                    continue;
                }
                field.append(ch);
                c = read();
                continue;
            }
            sepMatched = 0;
            if (ch == '"' && fieldStart) {
                quoted = true;
                fieldStart = false;
                c = read();
                continue;
            }
            if (error == null && (ch == '"' || afterQuote)) {
                error = afterQuote ? "text after a closing quote" : "a quote inside an unquoted field";
            }
            fieldStart = false;
            field.append(ch);
            c = read();
        }
        fields.add(field.toString());
        return new Record(fields, start, error);
    }
}
