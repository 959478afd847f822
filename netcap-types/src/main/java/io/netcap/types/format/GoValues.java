package io.netcap.types.format;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Values rendered as the original's Go code prints them, shared by the record formats. */
public final class GoValues {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private GoValues() {}

    /**
     * Go's default rendering of a UTC instant: {@code 2020-09-13 12:26:40.123456 +0000 UTC}; the
     * fraction is the nanoseconds without trailing zeros and is left out when zero.
     */
    public static String utc(long epochNanos) {
        StringBuilder sb = new StringBuilder(40);
        appendUtc(sb, epochNanos);
        return sb.toString();
    }

    public static void appendUtc(StringBuilder sb, long epochNanos) {
        long seconds = Math.floorDiv(epochNanos, NANOS_PER_SECOND);
        int nanos = (int) Math.floorMod(epochNanos, NANOS_PER_SECOND);
        LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        int year = t.getYear();
        if (year >= 0 && year < 10000) {
            pad(sb, year, 4);
        } else {
            sb.append(year);
        }
        sb.append('-');
        pad(sb, t.getMonthValue(), 2);
        sb.append('-');
        pad(sb, t.getDayOfMonth(), 2);
        sb.append(' ');
        pad(sb, t.getHour(), 2);
        sb.append(':');
        pad(sb, t.getMinute(), 2);
        sb.append(':');
        pad(sb, t.getSecond(), 2);
        if (nanos != 0) {
            int digits = 9;
            while (nanos % 10 == 0) {
                nanos /= 10;
                digits--;
            }
            sb.append('.');
            pad(sb, nanos, digits);
        }
        sb.append(" +0000 UTC");
    }

    private static void pad(StringBuilder sb, int value, int width) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        sb.append(s);
    }

    /**
     * Go's {@code %.Nf}: the exact binary value rounded to N decimals, ties to even. {@code String.format}
     * rounds ties up and would differ, e.g. 0.017578125 with 8 decimals.
     */
    public static String fixed(double value, int decimals) {
        StringBuilder sb = new StringBuilder(24);
        appendFixed(sb, value, decimals);
        return sb.toString();
    }

    /** {@link #fixed}, appended to {@code out} (CSV rows: no string of its own). */
    public static void appendFixed(StringBuilder out, double value, int decimals) {
        if (Double.isNaN(value)) {
            out.append("NaN");
        } else if (Double.isInfinite(value)) {
            out.append(value > 0 ? "+Inf" : "-Inf");
        } else if (!appendFast(out, value, decimals)) {
            String s = new BigDecimal(value).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
            // Go keeps the sign of negative zero and of negatives rounded to zero ("-0.000000").
            if ((value < 0 || (value == 0 && 1 / value < 0)) && !s.startsWith("-")) {
                out.append('-');
            }
            out.append(s);
        }
    }

    /** Powers of ten exact as doubles, so that {@code value * 10^N} is rounded once. */
    private static final long[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000,
        1_000_000_000, 10_000_000_000L};
    /** Below 2^43 the product value * 10^N is off by at most 2^-10 from the exact one. */
    private static final double FAST_LIMIT = 0x1p43;
    private static final double TIE_MARGIN = 0x1p-8;

    /**
     * The common case without BigDecimal: when the scaled value is clearly away from a tie, rounding
     * it as a double gives the exact decimal rounding. False (nothing appended) when that cannot be told.
     */
    private static boolean appendFast(StringBuilder out, double value, int decimals) {
        if (decimals >= POW10.length || (value == 0 && 1 / value < 0)) {
            return false;
        }
        double magnitude = Math.abs(value);
        double x = magnitude * POW10[decimals];
        if (!(x < FAST_LIMIT)) {
            return false;
        }
        double floor = Math.floor(x);
        double frac = x - floor;
        if (Math.abs(frac - 0.5) < TIE_MARGIN) {
            return false;
        }
        long scaled = (long) floor + (frac > 0.5 ? 1 : 0);
        if (value < 0) {
            out.append('-'); // Go's sign stays on a negative rounded to zero ("-0.000000")
        }
        if (decimals == 0) {
            out.append(scaled);
            return true;
        }
        long unit = POW10[decimals];
        long fraction = scaled % unit;
        out.append(scaled / unit).append('.');
        for (long p = unit / 10; p > fraction && p > 1; p /= 10) {
            out.append('0');
        }
        out.append(fraction);
        return true;
    }

    /** Lower-case hex without separators; empty for no bytes. */
    public static void appendHex(StringBuilder sb, com.google.protobuf.ByteString bytes) {
        for (int i = 0, n = bytes.size(); i < n; i++) {
            int b = bytes.byteAt(i) & 0xff;
            sb.append(HEX[b >>> 4]).append(HEX[b & 0xf]);
        }
    }

    /** {@link #appendHex} of {@code b[off .. off+len)}. */
    public static void appendHex(StringBuilder sb, byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            int x = b[i] & 0xff;
            sb.append(HEX[x >>> 4]).append(HEX[x & 0xf]);
        }
    }

    public static String hex(com.google.protobuf.ByteString bytes) {
        StringBuilder sb = new StringBuilder(bytes.size() * 2);
        appendHex(sb, bytes);
        return sb.toString();
    }

    /**
     * Go's shortest float formatting as used by {@code encoding/json} and {@code protojson}: plain
     * decimal, switching to an exponent ({@code 1e-7}, {@code 1e+21}) outside [1e-6, 1e21).
     */
    public static String goJsonFloat(double value) {
        if (value == 0) {
            return (1 / value < 0) ? "-0" : "0";
        }
        BigDecimal shortest = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        double abs = Math.abs(value);
        if (abs >= 1e-6 && abs < 1e21) {
            return shortest.toPlainString();
        }
        return goExponent(shortest, "e", true);
    }

    /** Go's {@code strconv.FormatFloat(v, 'g', -1, 64)} as used by the protobuf text format. */
    public static String goTextFloat(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0) {
            return (1 / value < 0) ? "-0" : "0";
        }
        BigDecimal shortest = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        int exp = shortest.precision() - shortest.scale() - 1;
        // strconv uses %e when the exponent is below -4 or at least 6 for the shortest form
        if (exp < -4 || exp >= 6) {
            return goExponent(shortest, "e", false);
        }
        return shortest.toPlainString();
    }

    private static String goExponent(BigDecimal shortest, String e, boolean trimExponent) {
        BigDecimal abs = shortest.abs();
        String unscaled = abs.unscaledValue().toString();
        int exp = abs.precision() - abs.scale() - 1;
        StringBuilder sb = new StringBuilder();
        if (shortest.signum() < 0) {
            sb.append('-');
        }
        sb.append(unscaled.charAt(0));
        if (unscaled.length() > 1) {
            sb.append('.').append(unscaled, 1, unscaled.length());
        }
        sb.append(e).append(exp < 0 ? '-' : '+');
        int a = Math.abs(exp);
        if (!trimExponent && a < 10) {
            sb.append('0');
        }
        sb.append(a);
        return sb.toString();
    }
}
