package io.netcap.label;

import java.io.IOException;
import java.io.Reader;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Suricata's {@code fast.log} (docs/labeling.md, "fast.log"):
 *
 * <pre>
 * 03/27/2021-14:05:09.123456  [**] [1:2019401:3] ET POLICY ... [**] [Classification: Potentially Bad Traffic] [Priority: 2] {TCP} 192.168.56.101:49210 -&gt; 203.0.113.7:80
 * </pre>
 *
 * The time carries no zone: it is the sensor's wall clock, read in the zone given here. Port-less
 * protocols (ICMP) write bare addresses; the original aborts on them, here their ports are
 * {@link Alert#NO_PORT}. A line that does not parse is recorded as a problem with its number and skipped.
 */
public final class FastLog {
    private static final Pattern LINE = Pattern.compile(
            "(\\d{2})/(\\d{2})/(\\d{4})-(\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))?\\s+\\[\\*\\*\\]\\s+"
                    + "\\[(\\d{1,10}):(\\d{1,10}):(\\d{1,10})\\]\\s+(.*?)\\s*\\[\\*\\*\\]\\s*"
                    + "(?:\\[Classification:([^\\]]*)\\]\\s*)?(?:\\[Priority:\\s*(\\d{1,10})\\]\\s*)?"
                    + "\\{([^}]{0,32})\\}\\s+(\\S+)\\s+->\\s+(\\S+)\\s*");

    private FastLog() {}

    /** Reads every line; {@code zone} is the sensor's time zone. */
    public static AlertFile read(Reader in, String name, ZoneId zone) throws IOException {
        return AlertFile.read(in, name, (line, n, file) -> parse(line, n, zone, file));
    }

    /** Parses one line into {@code file}; the reason when it is not an alert line, else null. */
    private static String parse(String line, long n, ZoneId zone, AlertFile file) {
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            return "not a fast.log alert line: " + excerpt(line);
        }
        long time;
        try {
            LocalDateTime local = LocalDateTime.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(1)),
                    Integer.parseInt(m.group(2)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                    Integer.parseInt(m.group(6)), nanos(m.group(7)));
            var instant = local.atZone(zone).toInstant();
            time = Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
        } catch (DateTimeException | ArithmeticException e) {
            return "invalid time " + line.substring(0, Math.min(26, line.length())) + ": " + e.getMessage();
        }
        String proto = IpProtocols.canonical(m.group(14));
        Endpoint src = Endpoint.parse(m.group(15), proto);
        if (src == null) {
            return "invalid source address: " + excerpt(m.group(15));
        }
        Endpoint dst = Endpoint.parse(m.group(16), proto);
        if (dst == null) {
            return "invalid destination address: " + excerpt(m.group(16));
        }
        String classification = m.group(12) == null ? "" : m.group(12).strip();
        if (classification.equals("(null)")) {
            classification = ""; // Suricata's text for a rule without classtype
        }
        file.add(new Alert(time, proto, src.ip(), src.port(), dst.ip(), dst.port(), classification,
                m.group(11).strip(), Long.parseLong(m.group(9)), "", n));
        return null;
    }

    private static int nanos(String fraction) {
        if (fraction == null) {
            return 0;
        }
        int v = Integer.parseInt(fraction);
        for (int i = fraction.length(); i < 9; i++) {
            v *= 10;
        }
        return v;
    }

    static String excerpt(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }

    /** An address with optional port, as fast.log writes it. */
    record Endpoint(String ip, int port) {
        /**
         * {@code 1.2.3.4:80}, {@code 1.2.3.4}, {@code [2001:db8::1]:80}, or an IPv6 address whose last
         * colon group is the port when the protocol has ports (fast.log writes IPv6 without brackets).
         */
        static Endpoint parse(String text, String proto) {
            if (text.startsWith("[")) {
                int close = text.indexOf(']');
                if (close < 0) {
                    return null;
                }
                String ip = IpText.normalize(text.substring(1, close));
                String rest = text.substring(close + 1);
                if (ip == null) {
                    return null;
                }
                if (rest.isEmpty()) {
                    return new Endpoint(ip, Alert.NO_PORT);
                }
                return rest.startsWith(":") ? withPort(ip, rest.substring(1)) : null;
            }
            int colon = text.lastIndexOf(':');
            if (colon > 0 && text.indexOf(':') == colon) {
                // IPv4 with port: the only colon
                String ip = IpText.normalize(text.substring(0, colon));
                return ip == null ? null : withPort(ip, text.substring(colon + 1));
            }
            if (colon > 0 && IpProtocols.hasPorts(proto)) {
                String ip = IpText.normalize(text.substring(0, colon));
                Endpoint e = ip == null ? null : withPort(ip, text.substring(colon + 1));
                if (e != null) {
                    return e;
                }
            }
            String ip = IpText.normalize(text);
            return ip == null ? null : new Endpoint(ip, Alert.NO_PORT);
        }

        private static Endpoint withPort(String ip, String port) {
            if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            int p = Integer.parseInt(port);
            return p > 65535 ? null : new Endpoint(ip, p);
        }
    }
}
