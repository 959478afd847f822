package io.netcap.cli;

import java.io.IOException;
import java.util.List;

/** Box-drawn tables for {@code dump -table} and {@code dump -header}. */
final class TableWriter {
    private TableWriter() {}

    static void write(Appendable out, List<String> header, List<List<String>> rows) throws IOException {
        int[] width = new int[header.size()];
        for (int i = 0; i < header.size(); i++) {
            width[i] = header.get(i).codePointCount(0, header.get(i).length());
        }
        for (List<String> row : rows) {
            for (int i = 0; i < width.length && i < row.size(); i++) {
                width[i] = Math.max(width[i], row.get(i).codePointCount(0, row.get(i).length()));
            }
        }
        line(out, width, '┌', '┬', '┐');
        cells(out, width, header);
        line(out, width, '├', '┼', '┤');
        for (List<String> row : rows) {
            cells(out, width, row);
        }
        line(out, width, '└', '┴', '┘');
    }

    private static void line(Appendable out, int[] width, char left, char mid, char right) throws IOException {
        out.append(left);
        for (int i = 0; i < width.length; i++) {
            if (i > 0) {
                out.append(mid);
            }
            out.append("─".repeat(width[i] + 2));
        }
        out.append(right).append('\n');
    }

    private static void cells(Appendable out, int[] width, List<String> row) throws IOException {
        out.append('│');
        for (int i = 0; i < width.length; i++) {
            String v = i < row.size() ? row.get(i) : "";
            out.append(' ').append(v).append(" ".repeat(width[i] - v.codePointCount(0, v.length()) + 1)).append('│');
        }
        out.append('\n');
    }
}
