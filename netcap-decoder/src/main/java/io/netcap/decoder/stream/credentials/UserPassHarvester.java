package io.netcap.decoder.stream.credentials;

import io.netcap.decoder.stream.Direction;
import java.util.Locale;

/**
 * {@code USER name} then {@code PASS secret}: FTP (RFC 959, greeting {@code 220}) and POP3 (RFC 1939, greeting
 * {@code +OK}, also {@code APOP name digest}). The greeting tells the two apart, and from SMTP, which also
 * greets with {@code 220} but has no USER command; a conversation seen without its greeting is not harvested.
 */
final class UserPassHarvester extends Harvester {
    private final String greeting;
    private final String service;
    private final boolean apop;
    private boolean greeted;
    private boolean serverSpoke;
    private String user;

    private UserPassHarvester(String greeting, String service, boolean apop) {
        this.greeting = greeting;
        this.service = service;
        this.apop = apop;
    }

    static UserPassHarvester ftp() {
        return new UserPassHarvester("220", "FTP", false);
    }

    static UserPassHarvester pop3() {
        return new UserPassHarvester("+OK", "POP3", true);
    }

    @Override
    long line(Direction d, String line, Found found) {
        if (d == Direction.SERVER_TO_CLIENT) {
            if (!serverSpoke) {
                serverSpoke = true;
                greeted = line.startsWith(greeting);
            }
            return 0;
        }
        if (!greeted) {
            return 0;
        }
        String[] c = Text.command(line);
        switch (c[0].toUpperCase(Locale.ROOT)) {
            case "USER" -> user = Text.utf8(c[1]);
            case "PASS" -> {
                if (user != null || !c[1].isEmpty()) {
                    found.found(service, user == null ? "" : user, Text.utf8(c[1]), "");
                }
                user = null;
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
    void gap(Direction d) {
        user = null;
    }
}
