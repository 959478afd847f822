package io.netcap.decoder.stream.mail;

import io.netcap.decoder.stream.StreamProbe;
import java.nio.charset.StandardCharsets;

/** Tests of the first bytes of a direction for the mail protocols' probes. */
final class ProbeText {
    /** A first line not ended within this many bytes is not a greeting or command of these protocols. */
    static final int MAX_FIRST_LINE = 1024;

    private ProbeText() {}

    /**
     * Whether the bytes start with one of the words (ASCII, case-insensitive): MATCH, MORE while they are a
     * prefix of one (or empty), else NO.
     */
    static StreamProbe.Verdict firstWord(byte[] b, int n, String... words) {
        boolean more = false;
        for (String w : words) {
            int k = Math.min(n, w.length());
            boolean prefix = true;
            for (int i = 0; i < k && prefix; i++) {
                prefix = Character.toUpperCase((char) (b[i] & 0xff)) == w.charAt(i);
            }
            if (prefix && k == w.length()) {
                return StreamProbe.Verdict.MATCH;
            }
            more |= prefix;
        }
        return more ? StreamProbe.Verdict.MORE : StreamProbe.Verdict.NO;
    }

    /** The first line without its line break, null while it has none. */
    static String firstLine(byte[] b, int n) {
        for (int i = 0; i < Math.min(n, MAX_FIRST_LINE); i++) {
            if (b[i] == '\n') {
                int end = i > 0 && b[i - 1] == '\r' ? i - 1 : i;
                return new String(b, 0, end, StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }
}
