package io.netcap.decoder.stream.ftp;

/** The data ports of FTP's address announcements; -1 when malformed. */
final class FtpAddresses {
    private FtpAddresses() {}

    /** {@code PORT h1,h2,h3,h4,p1,p2} (RFC 959 section 4.1.2): the port is p1 * 256 + p2. */
    static int port(String arg) {
        int[] n = numbers(arg, 0);
        return n == null ? -1 : n[4] * 256 + n[5];
    }

    /**
     * A 227 reply's text (RFC 959 section 4.1.2): the six numbers anywhere in it, usually in parentheses after
     * {@code Entering Passive Mode}.
     */
    static int passivePort(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isDigit(text.charAt(i)) && (i == 0 || !Character.isDigit(text.charAt(i - 1)))) {
                int[] n = numbers(text, i);
                if (n != null) {
                    return n[4] * 256 + n[5];
                }
            }
        }
        return -1;
    }

    /** Six comma-separated numbers of 0..255 from {@code from}, or null. */
    private static int[] numbers(String s, int from) {
        int[] n = new int[6];
        int i = from;
        for (int k = 0; k < 6; k++) {
            int start = i;
            int v = 0;
            while (i < s.length() && i - start < 3 && Character.isDigit(s.charAt(i))) {
                v = v * 10 + s.charAt(i++) - '0';
            }
            if (i == start || v > 255) {
                return null;
            }
            n[k] = v;
            if (k < 5) {
                if (i >= s.length() || s.charAt(i) != ',') {
                    return null;
                }
                i++;
            }
        }
        return n;
    }

    /** {@code EPRT <d>af<d>addr<d>port<d>} (RFC 2428 section 2). */
    static int extendedPort(String arg) {
        String[] f = fields(arg.strip());
        return f == null || f.length < 3 ? -1 : number(f[2]);
    }

    /** A 229 reply's text, {@code ... (<d><d><d>port<d>)} (RFC 2428 section 3). */
    static int extendedPassivePort(String text) {
        int open = text.indexOf('(');
        int close = text.lastIndexOf(')');
        if (open < 0 || close <= open) {
            return -1;
        }
        String[] f = fields(text.substring(open + 1, close));
        return f == null || f.length < 3 ? -1 : number(f[2]);
    }

    /** The fields between the delimiter that the text starts with. */
    private static String[] fields(String s) {
        if (s.length() < 2) {
            return null;
        }
        char d = s.charAt(0);
        if (d < 33 || d > 126 || s.charAt(s.length() - 1) != d) {
            return null;
        }
        return s.substring(1, s.length() - 1).split(java.util.regex.Pattern.quote(String.valueOf(d)), -1);
    }

    private static int number(String s) {
        if (s.isEmpty() || s.length() > 5) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + c - '0';
        }
        return v > 0 && v <= 65535 ? v : -1;
    }
}
