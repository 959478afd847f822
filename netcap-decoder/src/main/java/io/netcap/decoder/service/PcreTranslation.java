package io.netcap.decoder.service;

import java.util.regex.Pattern;

/**
 * nmap's probe regexes are PCRE; most compile unchanged with {@link java.util.regex}. This rewrites the
 * differences that occur in {@code nmap-service-probes} (docs/enrichment.md, "Service"):
 * <ul>
 *   <li>{@code \0} not followed by an octal digit is NUL in PCRE, an error in Java: {@code \x00};</li>
 *   <li>{@code \xH} with one hex digit: {@code \x0H};</li>
 *   <li>in a character class, {@code [} and {@code &} are literals in PCRE, nesting and intersection in
 *       Java: escaped; POSIX classes {@code [:alpha:]} become {@code \p{Alpha}};</li>
 *   <li>a {@code {} that does not start a quantifier is a literal in PCRE, an error in Java: escaped;</li>
 *   <li>{@code (?P<name>} becomes {@code (?<name>}.</li>
 * </ul>
 * PCRE's newline is LF only, so patterns compile with {@link Pattern#UNIX_LINES}. What still does not compile
 * (e.g. unbounded look-behind) is skipped and counted.
 */
final class PcreTranslation {
    private PcreTranslation() {}

    /** The Java flags for nmap's pattern options ({@code i}, {@code s}). */
    static int flags(String options) {
        int f = Pattern.UNIX_LINES;
        if (options.indexOf('i') >= 0) {
            f |= Pattern.CASE_INSENSITIVE;
        }
        if (options.indexOf('s') >= 0) {
            f |= Pattern.DOTALL;
        }
        return f;
    }

    /** Compiles a PCRE pattern; throws {@link java.util.regex.PatternSyntaxException} when Java cannot. */
    static Pattern compile(String pcre, String options) {
        return Pattern.compile(translate(pcre), flags(options));
    }

    static String translate(String p) {
        StringBuilder out = new StringBuilder(p.length() + 8);
        boolean inClass = false;
        int n = p.length();
        for (int i = 0; i < n; i++) {
            char c = p.charAt(i);
            if (c == '\\' && i + 1 < n) {
                char e = p.charAt(i + 1);
                if (e == '0' && !(i + 2 < n && isOctal(p.charAt(i + 2)))) {
                    out.append("\\x00");
                    i++;
                } else if (e == 'x' && i + 2 < n && isHex(p.charAt(i + 2)) && !(i + 3 < n && isHex(p.charAt(i + 3)))) {
                    out.append("\\x0").append(p.charAt(i + 2));
                    i += 2;
                } else {
                    out.append(c).append(e);
                    i++;
                }
            } else if (inClass) {
                if (c == ']') {
                    inClass = false;
                    out.append(c);
                } else if (c == '[' && p.startsWith("[:", i) && posix(p, i, out) > 0) {
                    i = p.indexOf(":]", i + 2) + 1;
                } else if (c == '[' || c == '&') {
                    out.append('\\').append(c);
                } else {
                    out.append(c);
                }
            } else if (c == '[') {
                inClass = true;
                out.append(c);
                // a ']' right after '[' or '[^' is a literal in both dialects; Java needs it escaped
                int k = i + 1;
                if (k < n && p.charAt(k) == '^') {
                    out.append('^');
                    k++;
                }
                if (k < n && p.charAt(k) == ']') {
                    out.append("\\]");
                    k++;
                }
                i = k - 1;
            } else if (c == '{' && !quantifier(p, i)) {
                out.append("\\{");
            } else if (c == '(' && p.startsWith("(?P<", i)) {
                out.append("(?<");
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static int posix(String p, int i, StringBuilder out) {
        int end = p.indexOf(":]", i + 2);
        if (end < 0) {
            return 0;
        }
        String name = p.substring(i + 2, end);
        String java = switch (name) {
            case "alpha" -> "\\p{Alpha}";
            case "digit" -> "\\p{Digit}";
            case "alnum" -> "\\p{Alnum}";
            case "upper" -> "\\p{Upper}";
            case "lower" -> "\\p{Lower}";
            case "space" -> "\\s";
            case "punct" -> "\\p{Punct}";
            case "print" -> "\\p{Print}";
            case "xdigit" -> "\\p{XDigit}";
            case "cntrl" -> "\\p{Cntrl}";
            case "graph" -> "\\p{Graph}";
            default -> null;
        };
        if (java == null) {
            return 0;
        }
        out.append(java);
        return 1;
    }

    /** {@code {n}}, {@code {n,}} or {@code {n,m}} at {@code i}. */
    private static boolean quantifier(String p, int i) {
        int k = i + 1;
        int digits = 0;
        while (k < p.length() && Character.isDigit(p.charAt(k))) {
            k++;
            digits++;
        }
        if (digits == 0 || k >= p.length()) {
            return false;
        }
        if (p.charAt(k) == '}') {
            return true;
        }
        if (p.charAt(k) != ',') {
            return false;
        }
        k++;
        while (k < p.length() && Character.isDigit(p.charAt(k))) {
            k++;
        }
        return k < p.length() && p.charAt(k) == '}';
    }

    private static boolean isOctal(char c) {
        return c >= '0' && c <= '7';
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
