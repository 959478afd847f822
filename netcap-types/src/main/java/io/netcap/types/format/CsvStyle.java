package io.netcap.types.format;

import java.util.Objects;

/**
 * How CSV values are rendered: UTC time strings for the timestamp columns, and the brackets and the
 * separator of nested structures and lists ({@code net dump -begin -end -struct-sep}).
 */
public record CsvStyle(boolean utc, String begin, String end, String structSep) {
    public CsvStyle {
        Objects.requireNonNull(begin);
        Objects.requireNonNull(end);
        Objects.requireNonNull(structSep);
    }

    /** The original's defaults: UTC strings, {@code (}, {@code )}, {@code -}. */
    public static CsvStyle defaults() {
        return new CsvStyle(true, "(", ")", "-");
    }

    /** Integer-nanosecond timestamps, as {@code capture -csv} and the labeled CSV files write them. */
    public static CsvStyle raw() {
        return new CsvStyle(false, "(", ")", "-");
    }

    public CsvStyle withUtc(boolean value) {
        return new CsvStyle(value, begin, end, structSep);
    }
}
