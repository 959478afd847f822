package io.netcap.decoder.stream.imap;

import io.netcap.decoder.stream.StreamProbe;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * IMAP's first bytes: the server greets with an untagged {@code OK}, {@code PREAUTH} or {@code BYE} (RFC 9051
 * section 7.1); a capture that starts later is recognised by a client's tagged IMAP command.
 */
public final class ImapProbe implements StreamProbe {
    private static final Set<String> GREETINGS = Set.of("OK", "PREAUTH", "BYE");
    private static final Set<String> COMMANDS = Set.of("CAPABILITY", "LOGIN", "AUTHENTICATE", "STARTTLS", "ID",
            "SELECT", "EXAMINE", "LIST", "LSUB", "STATUS", "FETCH", "UID", "NOOP", "LOGOUT", "IDLE", "ENABLE",
            "NAMESPACE", "APPEND", "SEARCH", "STORE");

    @Override
    public Verdict test(byte[] client, int clientLength, byte[] server, int serverLength) {
        if (serverLength > 0) {
            return word(server, serverLength, true);
        }
        return clientLength == 0 ? Verdict.MORE : word(client, clientLength, false);
    }

    /** The second word of the first line: a greeting after {@code *}, or a command after a tag. */
    private static Verdict word(byte[] b, int len, boolean server) {
        int e = 0;
        while (e < len && e < 256 && b[e] != '\n') {
            e++;
        }
        if (e == len && e < 256) {
            String partial = new String(b, 0, e, StandardCharsets.ISO_8859_1);
            if (server && !"* ".startsWith(partial) && !partial.startsWith("* ")) {
                return Verdict.NO;
            }
            return Verdict.MORE;
        }
        String[] w = new String(b, 0, e, StandardCharsets.ISO_8859_1).strip().split(" ");
        if (w.length < 2) {
            return Verdict.NO;
        }
        String second = w[1].toUpperCase(Locale.ROOT);
        if (server) {
            return w[0].equals("*") && GREETINGS.contains(second) ? Verdict.MATCH : Verdict.NO;
        }
        return isTag(w[0]) && COMMANDS.contains(second) ? Verdict.MATCH : Verdict.NO;
    }

    private static boolean isTag(String t) {
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c <= ' ' || c > '~' || "(){%*\"\\+".indexOf(c) >= 0) {
                return false;
            }
        }
        return !t.isEmpty();
    }
}
