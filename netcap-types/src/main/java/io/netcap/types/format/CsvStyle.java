package io.netcap.types.format;

import java.util.Objects;

/**
 * How CSV values are rendered: UTC time strings for the timestamp columns, the brackets and the
 * separator of nested structures and lists ({@code net dump -begin -end -struct-sep}), and whether rows
 * follow RFC 4180 or the original's raw joining ({@code -legacy-csv}: no quoting, and the DNS sections
 * with its append bug; docs/cli.md, "CSV").
 */
public record CsvStyle(boolean utc, String begin, String end, String structSep, boolean legacy) {
    public CsvStyle {
        Objects.requireNonNull(begin);
        Objects.requireNonNull(end);
        Objects.requireNonNull(structSep);
    }

    public CsvStyle(boolean utc, String begin, String end, String structSep) {
        this(utc, begin, end, structSep, false);
    }

    /** The original's defaults: UTC strings, {@code (}, {@code )}, {@code -}; RFC 4180 rows. */
    public static CsvStyle defaults() {
        return new CsvStyle(true, "(", ")", "-");
    }

    private static final CsvStyle RAW = new CsvStyle(false, "(", ")", "-");

    /** Integer-nanosecond timestamps, as {@code capture -csv} and the labeled CSV files write them. */
    public static CsvStyle raw() {
        return RAW;
    }

    public CsvStyle withUtc(boolean value) {
        return new CsvStyle(value, begin, end, structSep, legacy);
    }

    /** The original's rendering, byte for byte: raw joining and its DNS section bug. */
    public CsvStyle withLegacy(boolean value) {
        return new CsvStyle(utc, begin, end, structSep, value);
    }
}
