package io.netcap.decoder.service;

/**
 * The longest run of literal bytes that every match of a probe regex contains: a banner without it cannot match,
 * so the regex is not run (docs/enrichment.md, "Service"). Most lines of a port's category pass the first-byte
 * test ({@code ^HTTP/1\.[01] }, thousands of them) and then scan the banner for what follows
 * ({@code .*\r\nServer: Apache}); a search for that text is far cheaper than the regex.
 *
 * <p>Only the regex's top-level sequence is read: a literal there that is not optional is in every match, and
 * literals next to each other without anything between are contiguous. Groups, classes, escapes of classes and
 * assertions end a run; anything this reading is not sure of (alternatives at the top, inline options, {@code \Q},
 * octal escapes, a {@code {} that is not a quantifier, options other than {@code i} and {@code s}) gives none.
 */
final class RequiredLiteral {
    /** Shorter runs are not worth a search. */
    private static final int MIN_LENGTH = 3;
    /**
     * Longer banners ({@code -bsize} above its default 256) are left to the regexes and their budget: the search,
     * which has none, would cost the banner's length for every line.
     */
    static final int MAX_BANNER = 1024;

    private RequiredLiteral() {}

    /** The run of {@code regex} under {@code options}, lower-cased (ASCII) under {@code i}; null when none. */
    static byte[] of(String regex, String options) {
        for (int i = 0; i < options.length(); i++) {
            if ("is".indexOf(options.charAt(i)) < 0) {
                return null;
            }
        }
        boolean caseless = options.indexOf('i') >= 0;
        int n = regex.length();
        StringBuilder best = new StringBuilder();
        StringBuilder run = new StringBuilder();
        int i = 0;
        while (i < n) {
            char c = regex.charAt(i);
            int literal = -1;
            int next;
            if (c == '\\') {
                if (i + 1 >= n) {
                    return null;
                }
                char e = regex.charAt(i + 1);
                next = i + 2;
                if (e == 'x') {
                    if (i + 3 >= n || Character.digit(regex.charAt(i + 2), 16) < 0
                            || Character.digit(regex.charAt(i + 3), 16) < 0) {
                        return null; // \x{...} or one hex digit
                    }
                    literal = Integer.parseInt(regex.substring(i + 2, i + 4), 16);
                    next = i + 4;
                } else if (e == '0') {
                    if (next < n && Character.isDigit(regex.charAt(next))) {
                        return null; // octal
                    }
                    literal = 0;
                } else if (e >= '1' && e <= '9') {
                    while (next < n && Character.isDigit(regex.charAt(next))) {
                        next++; // a back reference: not a literal
                    }
                } else if (e == 'r' || e == 'n' || e == 't' || e == 'f' || e == 'e' || e == 'a') {
                    literal = switch (e) {
                        case 'r' -> '\r';
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        case 'f' -> '\f';
                        case 'e' -> 0x1b;
                        default -> 0x07;
                    };
                } else if (e == 'p' || e == 'P') {
                    if (next < n && regex.charAt(next) == '{') {
                        int end = regex.indexOf('}', next);
                        if (end < 0) {
                            return null;
                        }
                        next = end + 1;
                    } else {
                        next++;
                    }
                } else if ("dDwWsShHvVRNX".indexOf(e) >= 0 || "bBAZzG".indexOf(e) >= 0) {
                    // a class of bytes or an assertion: no literal
                } else if (!Character.isLetterOrDigit(e)) {
                    literal = e; // escaped punctuation is itself
                } else {
                    return null; // \Q, \c, \K and what else this reading does not know
                }
            } else if (c == '[') {
                next = skipClass(regex, i);
            } else if (c == '(') {
                if (i + 2 < n && regex.charAt(i + 1) == '?'
                        && (Character.isLetter(regex.charAt(i + 2)) && regex.charAt(i + 2) != 'P' || regex.charAt(i + 2) == '-')) {
                    return null; // inline options change what follows
                }
                next = skipGroup(regex, i);
            } else if (c == '|' || c == ')' || c == '*' || c == '+' || c == '?' || c == '{') {
                return null; // alternatives at the top, or what this reading cannot place
            } else if (c == '.' || c == '^' || c == '$') {
                next = i + 1;
            } else {
                literal = c;
                next = i + 1;
            }
            if (next < 0 || literal > 0xFF) {
                return null;
            }
            // a quantifier: the atom is optional (end the run without it) or required once (end the run after it)
            int min = 1; // 0 or at least 1 is all that counts
            boolean quantified = false;
            if (next < n) {
                char q = regex.charAt(next);
                if (q == '*' || q == '?') {
                    min = 0;
                    quantified = true;
                    next++;
                } else if (q == '+') {
                    quantified = true;
                    next++;
                } else if (q == '{') {
                    int end = regex.indexOf('}', next);
                    String body = end < 0 ? "" : regex.substring(next + 1, end);
                    if (!body.matches("\\d+(,\\d*)?")) {
                        return null; // a literal brace in PCRE: not read here
                    }
                    min = body.split(",", -1)[0].matches("0+") ? 0 : 1;
                    quantified = true;
                    next = end + 1;
                }
                if (quantified && next < n && (regex.charAt(next) == '?' || regex.charAt(next) == '+')) {
                    next++; // lazy or possessive
                }
            }
            if (literal >= 0 && min >= 1) {
                run.append((char) (caseless ? ServiceMatch.lower(literal) : literal));
            }
            if (literal < 0 || quantified) {
                keepLonger(best, run);
            }
            i = next;
        }
        keepLonger(best, run);
        if (best.length() < MIN_LENGTH) {
            return null;
        }
        byte[] b = new byte[best.length()];
        for (int k = 0; k < b.length; k++) {
            b[k] = (byte) best.charAt(k);
        }
        return b;
    }

    private static void keepLonger(StringBuilder best, StringBuilder run) {
        if (run.length() > best.length()) {
            best.setLength(0);
            best.append(run);
        }
        run.setLength(0);
    }

    /** After the class at {@code r[i] == '['} (PCRE: a leading {@code ]} and {@code [:name:]} inside), or -1. */
    private static int skipClass(String r, int i) {
        int n = r.length();
        int j = i + 1;
        if (j < n && r.charAt(j) == '^') {
            j++;
        }
        if (j < n && r.charAt(j) == ']') {
            j++;
        }
        while (j < n) {
            char c = r.charAt(j);
            if (c == '\\') {
                j += 2;
            } else if (c == '[' && j + 1 < n && r.charAt(j + 1) == ':') {
                int end = r.indexOf(":]", j + 2);
                if (end < 0) {
                    return -1;
                }
                j = end + 2;
            } else if (c == ']') {
                return j + 1;
            } else {
                j++;
            }
        }
        return -1;
    }

    /** After the group at {@code r[i] == '('} with the groups and classes inside it, or -1. */
    private static int skipGroup(String r, int i) {
        int n = r.length();
        int depth = 0;
        int j = i;
        while (j < n) {
            char c = r.charAt(j);
            if (c == '\\') {
                j += 2;
                continue;
            }
            if (c == '[') {
                j = skipClass(r, j);
                if (j < 0) {
                    return -1;
                }
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return j + 1;
            }
            j++;
        }
        return -1;
    }

    /** Whether {@code banner[0 .. len)} contains {@code literal} (folding the banner's ASCII letters under {@code i}). */
    static boolean in(byte[] literal, boolean caseless, byte[] banner, int len) {
        int m = literal.length;
        int first = literal[0] & 0xFF;
        for (int i = 0; i + m <= len; i++) {
            int b = banner[i] & 0xFF;
            if ((caseless ? ServiceMatch.lower(b) : b) != first) {
                continue;
            }
            int k = 1;
            while (k < m) {
                int x = banner[i + k] & 0xFF;
                if ((caseless ? ServiceMatch.lower(x) : x) != (literal[k] & 0xFF)) {
                    break;
                }
                k++;
            }
            if (k == m) {
                return true;
            }
        }
        return false;
    }
}
