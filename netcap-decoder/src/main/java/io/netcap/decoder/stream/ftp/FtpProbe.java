package io.netcap.decoder.stream.ftp;

import io.netcap.decoder.stream.StreamProbe;
import java.util.Locale;

/**
 * FTP's first bytes: the server greets with {@code 220} (or {@code 120}, RFC 959 section 5.4) and the client's
 * first command is an FTP command. SMTP greets with 220 too, so the greeting alone decides only when it names
 * FTP; otherwise the client's first command does ({@code EHLO} is not FTP).
 */
public final class FtpProbe implements StreamProbe {
    @Override
    public Verdict test(byte[] client, int clientLength, byte[] server, int serverLength) {
        if (serverLength > 0) {
            Verdict greeting = greeting(server, serverLength);
            if (greeting == Verdict.NO) {
                return Verdict.NO;
            }
            if (greeting == Verdict.MATCH) {
                return Verdict.MATCH;
            }
        }
        if (clientLength == 0) {
            return Verdict.MORE;
        }
        int n = 0;
        while (n < clientLength && n < 5 && isLetter(client[n])) {
            n++;
        }
        if (n > 4) {
            return Verdict.NO;
        }
        if (n == clientLength) {
            return Verdict.MORE;
        }
        char end = (char) client[n];
        if (n < 3 || (end != ' ' && end != '\r' && end != '\n')) {
            return Verdict.NO;
        }
        String word = new String(client, 0, n, java.nio.charset.StandardCharsets.US_ASCII).toUpperCase(Locale.ROOT);
        if (!FtpCommands.KNOWN.contains(word)) {
            return Verdict.NO;
        }
        return serverLength > 0 ? Verdict.MATCH : Verdict.MORE;
    }

    /** MATCH for a greeting line naming FTP, MORE for another 220 or 120 greeting (or too few bytes), else NO. */
    private static Verdict greeting(byte[] s, int len) {
        String want = len >= 1 && s[0] == '1' ? "120" : "220";
        for (int i = 0; i < Math.min(3, len); i++) {
            if (s[i] != want.charAt(i)) {
                return Verdict.NO;
            }
        }
        if (len < 4) {
            return Verdict.MORE;
        }
        if (s[3] != ' ' && s[3] != '-') {
            return Verdict.NO;
        }
        int e = 4;
        while (e < len && s[e] != '\n') {
            e++;
        }
        String line = new String(s, 4, e - 4, java.nio.charset.StandardCharsets.ISO_8859_1).toUpperCase(Locale.ROOT);
        return line.contains("FTP") ? Verdict.MATCH : Verdict.MORE;
    }

    private static boolean isLetter(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
    }
}
