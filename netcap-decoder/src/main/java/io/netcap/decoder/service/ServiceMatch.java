package io.netcap.decoder.service;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * One {@code match} or {@code softmatch} line of {@code nmap-service-probes}:
 * {@code match <service> m|<regex>|[is] [p/<product>/] [v/<version>/] [i/<info>/] [h/<host>/] [o/<os>/]
 * [d/<device>/] [cpe:/<cpe>/[a]]}. The regex is compiled on first use (most are never tried: see
 * {@link ServiceProbes}); one that Java cannot compile is remembered as such.
 *
 * @param ident    {@code <probe name>-<n>}: the probe the line belongs to and its index among the probe's lines
 * @param service  nmap's service name, e.g. {@code ftp}: the line's category
 * @param soft     a {@code softmatch}: names the service, carries no version
 * @param fields   the templates by letter ({@code p v i h o d}); {@code cpe} holds the first CPE
 * @param first    the byte a banner must start with ({@link #firstByte}), or -1
 * @param caseless the {@code i} option: {@link #first} is lower-cased, as the banner's byte is compared
 */
record ServiceMatch(String ident, String service, boolean soft, String regex, String options,
                    Map<String, String> fields, Compiled compiled, int first, boolean caseless) {

    ServiceMatch(String ident, String service, boolean soft, String regex, String options, Map<String, String> fields) {
        this(ident, service, soft, regex, options, fields, new Compiled(), firstByte(regex, options),
                options.indexOf('i') >= 0);
    }

    /**
     * Most probe regexes are anchored and start with a literal ({@code ^220 }, {@code ^SSH-}); a banner whose
     * first byte differs cannot match, which spares compiling and running the regex (a banner no line matches
     * is tried against all 12 000). Returns that byte, lower-cased under {@code i}, or -1 when the regex does
     * not start so plainly.
     */
    static int firstByte(String regex, String options) {
        if (regex.length() < 2 || regex.charAt(0) != '^') {
            return -1;
        }
        int c;
        int next;
        char x = regex.charAt(1);
        if (x != '\\') {
            if ("\\.[]()*+?{}|^$".indexOf(x) >= 0) {
                return -1;
            }
            c = x;
            next = 2;
        } else if (regex.length() < 3) {
            return -1;
        } else {
            char e = regex.charAt(2);
            next = 3;
            if (e == 'x' && regex.length() >= 5 && Character.digit(regex.charAt(3), 16) >= 0
                    && Character.digit(regex.charAt(4), 16) >= 0) {
                c = Integer.parseInt(regex.substring(3, 5), 16);
                next = 5;
            } else if (e == '0' && !(regex.length() > 3 && Character.isDigit(regex.charAt(3)))) {
                c = 0;
            } else if (e == 'r' || e == 'n' || e == 't') {
                c = e == 'r' ? '\r' : e == 'n' ? '\n' : '\t';
            } else if (!Character.isLetterOrDigit(e)) {
                c = e; // an escaped punctuation character is itself
            } else {
                return -1;
            }
        }
        if (next < regex.length() && "?*{|".indexOf(regex.charAt(next)) >= 0 || topLevelAlternative(regex) || c > 0xFF) {
            return -1; // optional, or an alternative may start otherwise
        }
        return options.indexOf('i') >= 0 ? lower(c) : c;
    }

    /** A '|' outside every group and class: the regex has alternatives that start elsewhere. */
    private static boolean topLevelAlternative(String regex) {
        int depth = 0;
        boolean inClass = false;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth <= 0) {
                return true;
            }
        }
        return false;
    }

    /** java.util.regex folds ASCII only without UNICODE_CASE. */
    static int lower(int c) {
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }

    /**
     * False when the banner cannot match: it does not start with the regex's literal first byte, or (a banner of
     * at most {@link RequiredLiteral#MAX_BANNER} bytes) lacks the literal every match contains.
     */
    boolean mayMatch(byte[] banner, int len) {
        if (first >= 0) {
            if (len == 0) {
                return false;
            }
            int b = banner[0] & 0xFF;
            if ((caseless ? lower(b) : b) != first) {
                return false;
            }
        }
        if (len > RequiredLiteral.MAX_BANNER) {
            return true;
        }
        byte[] required = compiled.required(this);
        return required == null || RequiredLiteral.in(required, caseless, banner, len);
    }

    /**
     * The lazily compiled pattern and required literal ({@link RequiredLiteral}), shared by the workers (a race
     * makes them twice, harmlessly): most lines are never tried.
     */
    static final class Compiled {
        private static final byte[] UNKNOWN = new byte[0];
        private volatile Pattern pattern;
        private volatile boolean failed;
        private volatile byte[] required = UNKNOWN;

        /** The literal every match contains, or null. */
        byte[] required(ServiceMatch m) {
            byte[] r = required;
            if (r == UNKNOWN) {
                r = RequiredLiteral.of(m.regex, m.options);
                required = r;
            }
            return r;
        }

        Pattern get(ServiceMatch m, ServiceCounters counters) {
            Pattern p = pattern;
            if (p != null || failed) {
                return p;
            }
            try {
                p = PcreTranslation.compile(m.regex, m.options);
                pattern = p;
                return p;
            } catch (RuntimeException | StackOverflowError e) {
                failed = true;
                counters.uncompilable(m.ident);
                return null;
            }
        }
    }

    /** The compiled regex, or null when Java cannot compile it (counted once). */
    Pattern pattern(ServiceCounters counters) {
        return compiled.get(this, counters);
    }

    String field(String letter) {
        return fields.getOrDefault(letter, "");
    }
}
