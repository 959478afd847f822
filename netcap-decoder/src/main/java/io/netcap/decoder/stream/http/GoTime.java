package io.netcap.decoder.stream.http;

import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The cookie {@code Expires} dates Go's net/http accepts, parsed as Go's {@code time.Parse} reads its layouts
 * {@code "Mon, 02 Jan 2006 15:04:05 MST"} (RFC 1123) and {@code "Mon, 02-Jan-2006 15:04:05 MST"}: names of
 * days and months in any case, a two-digit day, minute and second, a one- or two-digit hour, runs of spaces
 * where the layout has one, an optional fraction of a second, and a zone abbreviation of three to five upper-case
 * letters, read with an offset of zero as Go does for a zone it does not know. The result is Unix seconds;
 * anything else gives Go's zero time.
 */
final class GoTime {
    private static final String[] DAYS = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
        "Nov", "Dec"};

    private final String s;
    private int at;

    private GoTime(String s) {
        this.s = s;
    }

    /** Unix seconds of a cookie's {@code Expires} value, or {@link HttpCookies#ZERO_TIME_UNIX}. */
    static long parseCookieExpires(String value) {
        Long t = new GoTime(value).parse(' ');
        if (t == null) {
            t = new GoTime(value).parse('-');
        }
        return t == null ? HttpCookies.ZERO_TIME_UNIX : t;
    }

    private Long parse(char dateSeparator) {
        if (name(DAYS) < 0 || !literal(',') || !space()) {
            return null;
        }
        int day = number(2, 2);
        if (day < 0 || !separator(dateSeparator)) {
            return null;
        }
        int month = name(MONTHS) + 1;
        if (month < 1 || !separator(dateSeparator)) {
            return null;
        }
        int year = number(4, 4);
        if (year < 0 || !space()) {
            return null;
        }
        int hour = number(1, 2);
        if (hour < 0 || hour > 23 || !literal(':')) {
            return null;
        }
        int minute = number(2, 2);
        if (minute < 0 || minute > 59 || !literal(':')) {
            return null;
        }
        int second = number(2, 2);
        if (second < 0 || second > 59) {
            return null;
        }
        fraction();
        if (!space()) {
            return null;
        }
        Integer offset = zone();
        if (offset == null || at != s.length()) {
            return null;
        }
        if (day < 1 || day > LocalDate.of(year, month, 1).lengthOfMonth()) {
            return null;
        }
        return LocalDate.of(year, month, day).atTime(hour, minute, second).toEpochSecond(ZoneOffset.UTC) - offset;
    }

    /** A layout space: at least one space in the value, all of them skipped (Go's {@code skip}). */
    private boolean space() {
        if (at >= s.length() || s.charAt(at) != ' ') {
            return false;
        }
        while (at < s.length() && s.charAt(at) == ' ') {
            at++;
        }
        return true;
    }

    private boolean separator(char c) {
        return c == ' ' ? space() : literal(c);
    }

    private boolean literal(char c) {
        if (at < s.length() && s.charAt(at) == c) {
            at++;
            return true;
        }
        return false;
    }

    private int name(String[] names) {
        for (int i = 0; i < names.length; i++) {
            if (s.regionMatches(true, at, names[i], 0, 3)) {
                at += 3;
                return i;
            }
        }
        return -1;
    }

    private int number(int min, int max) {
        int v = 0;
        int n = 0;
        while (n < max && at < s.length() && Character.isDigit(s.charAt(at)) && s.charAt(at) < 0x80) {
            v = v * 10 + (s.charAt(at++) - '0');
            n++;
        }
        return n >= min ? v : -1;
    }

    /** Go accepts a fraction of a second after the seconds even when the layout has none. */
    private void fraction() {
        if (at + 1 < s.length() && (s.charAt(at) == '.' || s.charAt(at) == ',')
                && s.charAt(at + 1) >= '0' && s.charAt(at + 1) <= '9') {
            at++;
            while (at < s.length() && s.charAt(at) >= '0' && s.charAt(at) <= '9') {
                at++;
            }
        }
    }

    /** Go's {@code parseTimeZone} for the {@code MST} element: the offset in seconds, or null. */
    private Integer zone() {
        String z = s.substring(at);
        if (z.startsWith("UTC")) {
            at += 3;
            return 0;
        }
        if (z.length() < 3) {
            return null;
        }
        if (z.startsWith("ChST") || z.startsWith("MeST")) {
            at += 4;
            return 0;
        }
        if (z.startsWith("GMT")) {
            return gmt(z);
        }
        int upper = 0;
        while (upper < z.length() && upper < 6 && z.charAt(upper) >= 'A' && z.charAt(upper) <= 'Z') {
            upper++;
        }
        boolean ok = switch (upper) {
            case 3 -> true;
            case 4 -> z.charAt(3) == 'T' || z.startsWith("WITA");
            case 5 -> z.charAt(4) == 'T';
            default -> false;
        };
        if (!ok) {
            return null;
        }
        at += upper;
        return 0;
    }

    /**
     * {@code GMT} with an optional signed hour offset of at most 12 (Go's {@code parseGMT}). Go names the zone
     * after it but leaves the instant at the wall clock read as UTC, so the offset is 0 either way.
     */
    private Integer gmt(String z) {
        at += 3;
        if (z.length() > 4 && (z.charAt(3) == '+' || z.charAt(3) == '-')) {
            int i = 4;
            long v = 0;
            while (i < z.length() && z.charAt(i) >= '0' && z.charAt(i) <= '9') {
                v = Math.min(v * 10 + (z.charAt(i++) - '0'), 1000);
            }
            if (i > 4 && v <= 12) {
                at += i - 3;
            }
        }
        return 0;
    }
}
