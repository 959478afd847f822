package io.netcap.decoder.stream.credentials;

import io.netcap.decoder.stream.Direction;
import java.util.Locale;

/**
 * IMAP (RFC 3501): {@code tag LOGIN user password} on one line ("IMAP Plain Single Line"), {@code tag LOGIN}
 * alone or {@code tag AUTHENTICATE LOGIN} with base64 prompts ("IMAP Plain Separate Line"),
 * {@code tag AUTHENTICATE PLAIN} ("IMAP Login") and {@code tag AUTHENTICATE CRAM-MD5} ("IMAP CRAM-MD5").
 * Arguments are atoms or quoted strings; a literal ({@code {n}}) is not followed.
 */
final class ImapHarvester extends Harvester {
    static final String SINGLE_LINE = "IMAP Plain Single Line";
    static final Sasl.Services SERVICES = new Sasl.Services("IMAP Login", "IMAP Plain Separate Line",
            "IMAP CRAM-MD5", "IMAP XOAUTH2");

    /** A command after the tag: LOGIN or AUTHENTICATE. */
    private static final LineFilter COMMAND = LineFilter.afterFirstSpace("la");

    /** Made at the first LOGIN or AUTHENTICATE that starts an exchange: most conversations have none. */
    private Sasl sasl;

    @Override
    long line(Direction d, Line line, Found found) {
        if (d == Direction.SERVER_TO_CLIENT) {
            if (sasl != null) {
                sasl.server(line);
            }
            return 0;
        }
        if (sasl != null && sasl.expecting()) {
            sasl.client(line.text(), found);
            return 0;
        }
        int sp = line.firstSpace();
        int first = sp < 0 || sp + 1 >= line.length() ? 0 : line.at(sp + 1) | 0x20; // the command's, any case
        if (!(first == 'l' && line.hasAt(sp + 1, "LOGIN") || first == 'a' && line.hasAt(sp + 1, "AUTHENTICATE"))) {
            return 0;
        }
        String[] tagged = Text.command(line.text());
        String[] c = Text.command(tagged[1]);
        switch (c[0].toUpperCase(Locale.ROOT)) {
            case "LOGIN" -> {
                if (c[1].isEmpty()) {
                    sasl().startLogin();
                } else {
                    login(c[1], found);
                }
            }
            case "AUTHENTICATE" -> {
                String[] m = Text.command(c[1]);
                if (!m[0].isEmpty()) {
                    sasl().start(m[0], m[1].isEmpty() ? null : m[1], found);
                }
            }
            default -> { }
        }
        return 0;
    }

    private Sasl sasl() {
        if (sasl == null) {
            sasl = new Sasl("+", SERVICES);
        }
        return sasl;
    }

    private static void login(String args, Found found) {
        int[] at = {0};
        String user = astring(args, at);
        while (at[0] < args.length() && args.charAt(at[0]) == ' ') {
            at[0]++;
        }
        String password = user == null ? null : astring(args, at);
        if (user != null && password != null && at[0] == args.length()) {
            found.found(SINGLE_LINE, Text.utf8(user), Text.utf8(password), "");
        }
    }

    /** An atom or a quoted string (backslash escapes {@code "} and {@code \}) from {@code at[0]}; null if neither. */
    static String astring(String s, int[] at) {
        int i = at[0];
        if (i >= s.length()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        if (s.charAt(i) == '"') {
            for (i++; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"') {
                    at[0] = i + 1;
                    return out.toString();
                }
                if (c == '\\' && i + 1 < s.length()) {
                    c = s.charAt(++i);
                }
                out.append(c);
            }
            return null; // unterminated
        }
        if (s.charAt(i) == '{') {
            return null;
        }
        int end = s.indexOf(' ', i);
        end = end < 0 ? s.length() : end;
        at[0] = end;
        return s.substring(i, end);
    }

    @Override
    LineFilter clientLines() {
        return sasl != null && sasl.expecting() ? LineFilter.ALL : COMMAND;
    }

    @Override
    boolean wantsServerLines() {
        return sasl != null && sasl.active();
    }

    @Override
    void gap(Direction d) {
        if (sasl != null) {
            sasl.reset();
        }
    }
}
