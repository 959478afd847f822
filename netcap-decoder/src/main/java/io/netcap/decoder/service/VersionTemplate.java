package io.netcap.decoder.service;

import java.util.regex.MatchResult;

/**
 * nmap's version templates ({@code p/vsftpd/ v/$1/}): {@code $1}..{@code $9} are the regex's groups,
 * {@code $P(n)} group n with its unprintable bytes dropped, {@code $SUBST(n,"a","b")} group n with every
 * {@code a} replaced by {@code b}, {@code $I(n,">")} group n read as an unsigned big-endian ({@code >}) or
 * little-endian ({@code <}) integer. Every reference is replaced (the original replaced the first {@code $n}
 * only). A missing group gives "".
 */
final class VersionTemplate {
    private VersionTemplate() {}

    static String expand(String template, MatchResult m) {
        if (template.indexOf('$') < 0) {
            return template;
        }
        StringBuilder out = new StringBuilder(template.length() + 16);
        int n = template.length();
        for (int i = 0; i < n; i++) {
            char c = template.charAt(i);
            if (c != '$' || i + 1 >= n) {
                out.append(c);
                continue;
            }
            char k = template.charAt(i + 1);
            if (k >= '1' && k <= '9') {
                out.append(group(m, k - '0'));
                i++;
            } else if (template.startsWith("$P(", i)) {
                int close = template.indexOf(')', i);
                int g = close < 0 ? -1 : number(template.substring(i + 3, close));
                if (g < 0) {
                    out.append(c);
                    continue;
                }
                group(m, g).chars().filter(ch -> ch >= 0x20 && ch < 0x7F).forEach(ch -> out.append((char) ch));
                i = close;
            } else if (template.startsWith("$SUBST(", i) || template.startsWith("$I(", i)) {
                int open = template.indexOf('(', i);
                int close = closing(template, open);
                String[] args = close < 0 ? null : arguments(template.substring(open + 1, close));
                int g = args == null || args.length == 0 ? -1 : number(args[0]);
                if (g < 0) {
                    out.append(c);
                    continue;
                }
                String value = group(m, g);
                if (template.charAt(i + 1) == 'S' && args.length == 3) {
                    out.append(args[1].isEmpty() ? value : value.replace(args[1], args[2]));
                } else if (template.charAt(i + 1) == 'I' && args.length == 2) {
                    out.append(integer(value, args[1].equals("<")));
                }
                i = close;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String group(MatchResult m, int g) {
        if (g > m.groupCount()) {
            return "";
        }
        String v = m.group(g);
        return v == null ? "" : v;
    }

    private static int number(String s) {
        try {
            int g = Integer.parseInt(s.trim());
            return g >= 0 && g < 100 ? g : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The ')' that closes the '(' at {@code open}, skipping quoted arguments; -1 when none. */
    private static int closing(String t, int open) {
        boolean quoted = false;
        for (int i = open + 1; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ')' && !quoted) {
                return i;
            }
        }
        return -1;
    }

    /** {@code 1,"a","b"} into {@code 1}, {@code a}, {@code b}. */
    private static String[] arguments(String s) {
        java.util.List<String> out = new java.util.ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out.toArray(String[]::new);
    }

    private static String integer(String bytes, boolean littleEndian) {
        if (bytes.isEmpty() || bytes.length() > 8) {
            return "";
        }
        long v = 0;
        for (int i = 0; i < bytes.length(); i++) {
            int b = bytes.charAt(littleEndian ? bytes.length() - 1 - i : i) & 0xFF;
            v = (v << 8) | b;
        }
        return Long.toUnsignedString(v);
    }
}
