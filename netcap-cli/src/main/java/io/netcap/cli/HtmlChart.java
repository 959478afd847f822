package io.netcap.cli;

import io.netcap.types.format.JsonFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;

/**
 * A chart of counts over time as one self-contained HTML page with an inline SVG: no script and nothing fetched, so
 * it opens offline and from an air-gapped analysis host (the original's charts loaded ECharts from a CDN). Used by
 * {@code capture -csv -labels}'s scatter chart and {@code -pps}.
 */
final class HtmlChart {
    /** One series: its name, colour, and a count per time (seconds since the epoch, ascending). */
    record Series(String name, String color, SortedMap<Long, Long> points) {}

    private static final int WIDTH = 960;
    private static final int HEIGHT = 420;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private HtmlChart() {}

    /** The page: {@code line} joins each series' points, else they are dots (a scatter chart). */
    static String page(String title, String yLabel, List<Series> series, boolean line) {
        long minX = Long.MAX_VALUE;
        long maxX = Long.MIN_VALUE;
        long maxY = 1;
        for (Series s : series) {
            if (!s.points().isEmpty()) {
                minX = Math.min(minX, s.points().firstKey());
                maxX = Math.max(maxX, s.points().lastKey());
                for (long y : s.points().values()) {
                    maxY = Math.max(maxY, y);
                }
            }
        }
        if (minX == Long.MAX_VALUE) {
            minX = 0;
            maxX = 0;
        }
        long spanX = Math.max(1, maxX - minX);
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" font-size=\"15\">%s</text>%n", LEFT, escape(title)));
        // axes, with the extremes of both written out
        svg.append(String.format(Locale.ROOT, "<path d=\"M%d %d V%d H%d\" stroke=\"#444\" fill=\"none\"/>%n",
                LEFT, TOP, TOP + plotH, LEFT + plotW));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%d</text>%n", LEFT - 6, TOP + 4, maxY));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">0</text>%n", LEFT - 6, TOP + plotH));
        svg.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%d\" transform=\"rotate(-90 14 %d)\" text-anchor=\"middle\">%s</text>%n",
                TOP + plotH / 2, TOP + plotH / 2, escape(yLabel)));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s UTC</text>%n", LEFT, HEIGHT - 18,
                TIME.format(Instant.ofEpochSecond(minX))));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s UTC</text>%n", LEFT + plotW,
                HEIGHT - 18, TIME.format(Instant.ofEpochSecond(maxX))));
        int legendX = LEFT + 9 * title.length() + 30; // after the title
        for (Series s : series) {
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"10\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"20\">%s</text>%n", legendX, s.color(), legendX + 16, escape(s.name())));
            legendX += 40 + 8 * s.name().length();
            StringBuilder path = new StringBuilder();
            for (var p : s.points().entrySet()) {
                double x = LEFT + (double) (p.getKey() - minX) * plotW / spanX;
                double y = TOP + plotH - (double) p.getValue() * plotH / maxY;
                String title2 = TIME.format(Instant.ofEpochSecond(p.getKey())) + ": " + p.getValue();
                if (line) {
                    path.append(path.isEmpty() ? 'M' : 'L').append(String.format(Locale.ROOT, "%.1f %.1f ", x, y));
                } else {
                    svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>%s</title></circle>%n",
                            x, y, s.color(), escape(title2)));
                }
            }
            if (line && !path.isEmpty()) {
                svg.append(String.format(Locale.ROOT, "<path d=\"%s\" stroke=\"%s\" fill=\"none\"/>%n", path.toString().trim(), s.color()));
            }
        }
        svg.append("</svg>\n");
        StringBuilder data = new StringBuilder("[");
        for (Series s : series) {
            data.append(data.length() > 1 ? "," : "").append("{\"name\":").append(JsonFormat.quote(s.name())).append(",\"points\":[");
            boolean first = true;
            for (var p : s.points().entrySet()) {
                data.append(first ? "" : ",").append('[').append(p.getKey()).append(',').append(p.getValue()).append(']');
                first = false;
            }
            data.append("]}");
        }
        data.append(']');
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + escape(title) + "</title></head><body>\n"
                + svg
                // the numbers as data, for a reader that wants them rather than the picture
                + "<script type=\"application/json\" id=\"data\">" + data.toString().replace("<", "\\u003c")
                + "</script>\n</body></html>\n";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
