package io.netcap.decoder.stream.imap;

import java.util.ArrayList;
import java.util.List;

/** IMAP's astring (RFC 9051 section 9): an atom, or a quoted string with backslash escapes. */
final class ImapStrings {
    private ImapStrings() {}

    /** Up to {@code max} astrings from the start of {@code s}, unquoted. */
    static List<String> astrings(String s, int max) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (out.size() < max && i < s.length()) {
            while (i < s.length() && s.charAt(i) == ' ') {
                i++;
            }
            if (i >= s.length()) {
                break;
            }
            StringBuilder v = new StringBuilder();
            if (s.charAt(i) == '"') {
                i++;
                while (i < s.length() && s.charAt(i) != '"') {
                    if (s.charAt(i) == '\\' && i + 1 < s.length()) {
                        i++;
                    }
                    v.append(s.charAt(i++));
                }
                i++;
            } else {
                while (i < s.length() && s.charAt(i) != ' ') {
                    v.append(s.charAt(i++));
                }
            }
            out.add(v.toString());
        }
        return out;
    }
}
