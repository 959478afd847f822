package io.netcap.decoder.stream.mail;

import java.time.DateTimeException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * Dates of mail header fields (RFC 5322 section 3.3, with its obsolete forms: no day name, two-digit years,
 * named zones, comments) as nanoseconds since the epoch.
 */
final class MailDates {
    private static final DateTimeFormatter RFC5322 = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .parseLenient()
            .optionalStart().appendPattern("EEE, ").optionalEnd()
            .appendValue(ChronoField.DAY_OF_MONTH, 1, 2, java.time.format.SignStyle.NOT_NEGATIVE)
            .appendLiteral(' ')
            .appendPattern("MMM")
            .appendLiteral(' ')
            .appendValueReduced(ChronoField.YEAR, 2, 4, 1950)
            .appendLiteral(' ')
            .appendPattern("HH:mm")
            .optionalStart().appendPattern(":ss").optionalEnd()
            .appendLiteral(' ')
            .optionalStart().appendOffset("+HHMM", "+0000").optionalEnd()
            .optionalStart().appendZoneText(java.time.format.TextStyle.SHORT).optionalEnd()
            .toFormatter(Locale.ROOT);

    private MailDates() {}

    /** The instant of a date field; {@link Long#MIN_VALUE} when it is empty or no date. */
    static long parse(String value) {
        if (value == null || value.isBlank() || value.length() > 200) {
            return Long.MIN_VALUE;
        }
        String s = value.replaceAll("\\([^)]*\\)", " ").strip().replaceAll("\\s+", " ");
        if (s.endsWith(" UT")) {
            s = s + "C";
        }
        try {
            ZonedDateTime t = ZonedDateTime.parse(s, RFC5322);
            return t.toEpochSecond() * 1_000_000_000L + t.getNano();
        } catch (DateTimeException | ArithmeticException e) {
            return Long.MIN_VALUE;
        }
    }
}
