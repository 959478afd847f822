package io.netcap.types.format;

import java.time.Duration;

/** Go's duration syntax ({@code 300ms}, {@code 1.5h}, {@code 24h0m0s}), parsed and printed as Go does. */
public final class GoDuration {
    private GoDuration() {}

    public static Duration parse(String s) {
        String t = s.trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("invalid duration \"" + s + "\"");
        }
        boolean neg = t.startsWith("-");
        if (neg || t.startsWith("+")) {
            t = t.substring(1);
        }
        if (t.equals("0")) {
            return Duration.ZERO;
        }
        double nanos = 0;
        int i = 0;
        if (t.isEmpty()) {
            throw new IllegalArgumentException("invalid duration \"" + s + "\"");
        }
        while (i < t.length()) {
            int start = i;
            while (i < t.length() && (Character.isDigit(t.charAt(i)) || t.charAt(i) == '.')) {
                i++;
            }
            if (start == i) {
                throw new IllegalArgumentException("invalid duration \"" + s + "\"");
            }
            double v = Double.parseDouble(t.substring(start, i));
            int u = i;
            while (i < t.length() && !Character.isDigit(t.charAt(i)) && t.charAt(i) != '.') {
                i++;
            }
            nanos += v * switch (t.substring(u, i)) {
                case "ns" -> 1d;
                case "us", "µs", "μs" -> 1e3;
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "m" -> 60e9;
                case "h" -> 3600e9;
                default -> throw new IllegalArgumentException(u == i
                        ? "missing unit in duration \"" + s + "\"" : "unknown unit in duration \"" + s + "\"");
            };
        }
        long n = Math.round(nanos);
        return Duration.ofNanos(neg ? -n : n);
    }

    /** Go's {@code Duration.String()}: {@code 0s}, {@code 1.5s}, {@code 5m0s}, {@code 24h0m0s}, {@code 300ms}. */
    public static String format(Duration d) {
        long n = d.toNanos();
        if (n == 0) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        if (n < 0) {
            sb.append('-');
            n = -n;
        }
        if (n < 1_000_000_000L) {
            if (n < 1_000) {
                return sb.append(n).append("ns").toString();
            }
            if (n < 1_000_000) {
                return sb.append(fraction(n, 1_000)).append("µs").toString();
            }
            return sb.append(fraction(n, 1_000_000)).append("ms").toString();
        }
        long h = n / 3_600_000_000_000L;
        long rem = n % 3_600_000_000_000L;
        long m = rem / 60_000_000_000L;
        long sn = rem % 60_000_000_000L;
        if (h > 0) {
            sb.append(h).append('h');
        }
        if (h > 0 || m > 0) {
            sb.append(m).append('m');
        }
        return sb.append(fraction(sn, 1_000_000_000L)).append('s').toString();
    }

    private static String fraction(long v, long unit) {
        long whole = v / unit;
        long frac = v % unit;
        if (frac == 0) {
            return Long.toString(whole);
        }
        String f = String.format("%0" + Long.toString(unit).length() + "d", frac).substring(1);
        return whole + "." + f.replaceAll("0+$", "");
    }
}
