package io.netcap.vuln;

import java.util.Locale;

/**
 * The versions of one product a CVE names (an NVD CPE match): either one version, or a range with optional
 * inclusive or exclusive bounds ({@code versionStartIncluding} ... {@code versionEndExcluding}).
 * Versions compare segment by segment: digits numerically, other text alphabetically ({@code 7.4 < 7.10},
 * {@code 7.2p1 < 7.2p2}).
 */
record VersionRange(String product, String exact, String startIncluding, String startExcluding, String endIncluding,
                    String endExcluding) {

    boolean isRange() {
        return exact.isEmpty();
    }

    boolean contains(String version) {
        if (!isRange()) {
            return compare(version, exact) == 0;
        }
        if (startIncluding.isEmpty() && startExcluding.isEmpty() && endIncluding.isEmpty() && endExcluding.isEmpty()) {
            return false; // "every version": too broad to say anything
        }
        return (startIncluding.isEmpty() || compare(version, startIncluding) >= 0)
                && (startExcluding.isEmpty() || compare(version, startExcluding) > 0)
                && (endIncluding.isEmpty() || compare(version, endIncluding) <= 0)
                && (endExcluding.isEmpty() || compare(version, endExcluding) < 0);
    }

    /** The stored form: fields joined by a tab. */
    String encode() {
        return String.join("\t", product, exact, startIncluding, startExcluding, endIncluding, endExcluding);
    }

    static VersionRange decode(String s) {
        String[] f = s.split("\t", -1);
        return f.length == 6 ? new VersionRange(f[0], f[1], f[2], f[3], f[4], f[5]) : null;
    }

    /** Product names as CPEs spell them ({@code http_server}) and as software records do ({@code HTTP Server}). */
    static String normalise(String product) {
        return product.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    static int compare(String a, String b) {
        int i = skipSeparators(a, 0);
        int j = skipSeparators(b, 0);
        while (i < a.length() && j < b.length()) {
            boolean da = Character.isDigit(a.charAt(i));
            boolean db = Character.isDigit(b.charAt(j));
            int ei = segmentEnd(a, i, da);
            int ej = segmentEnd(b, j, db);
            int c;
            if (da && db) {
                String x = a.substring(i, ei).replaceFirst("^0+(?=.)", "");
                String y = b.substring(j, ej).replaceFirst("^0+(?=.)", "");
                c = x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
            } else if (da != db) {
                c = da ? 1 : -1; // 1.0.1 > 1.0a? a number segment sorts after text
            } else {
                c = a.substring(i, ei).compareToIgnoreCase(b.substring(j, ej));
            }
            if (c != 0) {
                return c;
            }
            i = skipSeparators(a, ei);
            j = skipSeparators(b, ej);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    private static int segmentEnd(String s, int i, boolean digits) {
        while (i < s.length() && Character.isLetterOrDigit(s.charAt(i)) && Character.isDigit(s.charAt(i)) == digits) {
            i++;
        }
        return i;
    }

    private static int skipSeparators(String s, int i) {
        while (i < s.length() && !Character.isLetterOrDigit(s.charAt(i))) {
            i++;
        }
        return i;
    }
}
