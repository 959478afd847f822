package io.netcap.decoder.stream.credentials;

import io.netcap.decoder.stream.Direction;
import java.util.Locale;

/**
 * {@code USER name} then {@code PASS secret}: FTP (RFC 959, greeting {@code 220}, name accepted with {@code 331})
 * and POP3 (RFC 1939, greeting and acceptance {@code +OK}; also {@code APOP name digest} and {@code AUTH} with
 * SASL, RFC 5034). The first server line (the greeting or, in a capture that starts later, a reply) tells FTP
 * and POP3 apart; SMTP, which also greets with {@code 220}, refuses the USER command, and a name refused is no
 * login. A PASS sent before the reply to USER (pipelined) counts.
 */
final class UserPassHarvester extends Harvester {
    static final String FTP_GREETING = "220";
    static final String POP3_GREETING = "+OK";
    private static final Sasl.Services POP3_SERVICES = new Sasl.Services("POP3", "POP3", "POP3", "POP3");

    /** USER, PASS, AUTH, APOP. */
    private static final LineFilter COMMAND = LineFilter.startingWith(false, "USER", "PASS", "AUTH", "APOP");

    private final String greeting;
    private final String accepted;
    private final String service;
    private final boolean apop;
    /** POP3's AUTH exchange, made at the first AUTH; always null for FTP. */
    private Sasl sasl;
    private boolean greeted;
    private boolean serverSpoke;
    private String user;

    /** The server has not answered the last USER yet. */
    private boolean awaitingReply;

    private UserPassHarvester(String greeting, String accepted, String service, boolean apop) {
        this.greeting = greeting;
        this.accepted = accepted;
        this.service = service;
        this.apop = apop;
    }

    static UserPassHarvester ftp() {
        return new UserPassHarvester(FTP_GREETING, "331", "FTP", false);
    }

    static UserPassHarvester pop3() {
        return new UserPassHarvester(POP3_GREETING, "+OK", "POP3", true);
    }

    @Override
    long line(Direction d, Line line, Found found) {
        if (d == Direction.SERVER_TO_CLIENT) {
            if (!serverSpoke) {
                serverSpoke = true;
                greeted = line.hasAt(0, greeting);
            } else if (awaitingReply) {
                awaitingReply = false;
                if (!line.hasAt(0, accepted)) {
                    user = null;
                }
            }
            if (sasl != null) {
                sasl.server(line);
            }
            return 0;
        }
        if (!greeted) {
            return 0;
        }
        if (sasl != null && sasl.expecting()) {
            sasl.client(line.text(), found);
            return 0;
        }
        int first = line.length() == 0 ? 0 : line.at(0) | 0x20; // the command's first letter, any case
        if (!(first == 'u' && line.hasAt(0, "USER") || first == 'p' && line.hasAt(0, "PASS")
                || first == 'a' && (line.hasAt(0, "AUTH") || line.hasAt(0, "APOP")))) {
            return 0;
        }
        String[] c = Text.command(line.text());
        switch (c[0].toUpperCase(Locale.ROOT)) {
            case "USER" -> {
                user = Text.utf8(c[1]);
                awaitingReply = true;
            }
            case "PASS" -> {
                if (user != null) {
                    found.found(service, user, Text.utf8(c[1]), "");
                }
                user = null;
            }
            case "AUTH" -> {
                String[] m = Text.command(c[1]);
                if (apop && !m[0].isEmpty()) {
                    if (sasl == null) {
                        sasl = new Sasl("+", POP3_SERVICES);
                    }
                    sasl.start(m[0], m[1].isEmpty() ? null : m[1], found);
                }
            }
            case "APOP" -> {
                String[] a = Text.command(c[1]);
                if (apop && !a[1].isEmpty()) {
                    found.found(service, Text.utf8(a[0]), a[1], "APOP digest");
                }
            }
            default -> { }
        }
        return 0;
    }

    @Override
    LineFilter clientLines() {
        return !greeted ? LineFilter.NONE : sasl != null && sasl.expecting() ? LineFilter.ALL : COMMAND;
    }

    @Override
    boolean wantsServerLines() {
        return !serverSpoke || awaitingReply || sasl != null && sasl.active();
    }

    @Override
    void gap(Direction d) {
        user = null;
        awaitingReply = false;
        if (sasl != null) {
            sasl.reset();
        }
    }
}
