package io.netcap.decoder.stream.credentials;

import io.netcap.decoder.stream.Direction;
import java.util.Locale;

/**
 * Telnet (RFC 854): the server prompts {@code login:} (or {@code Username:}) and {@code Password:}, the client's
 * next line answers each. The client's own bytes are read, so the server's echo of the typed name (which the
 * original removes by taking every second character of the merged conversation) never mixes in.
 */
final class TelnetHarvester extends Harvester {
    static final String SERVICE = "Telnet";

    private enum Expect { NOTHING, USER, PASSWORD }

    private Expect expect = Expect.NOTHING;
    private String user;

    @Override
    void prompt(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.endsWith("password:")) {
            expect = Expect.PASSWORD;
        } else if (t.endsWith("login:") || t.endsWith("username:")) {
            expect = Expect.USER;
            user = null;
        }
    }

    @Override
    LineFilter clientLines() {
        return expect == Expect.NOTHING ? LineFilter.NONE : LineFilter.ALL;
    }

    @Override
    long line(Direction d, Line l, Found found) {
        if (d == Direction.SERVER_TO_CLIENT || expect == Expect.NOTHING) {
            return 0;
        }
        String line = l.text();
        switch (expect) {
            case USER -> user = Text.utf8(line);
            case PASSWORD -> {
                if (user != null || !line.isEmpty()) {
                    found.found(SERVICE, user == null ? "" : user, Text.utf8(line), "");
                }
                user = null;
            }
            default -> { }
        }
        expect = Expect.NOTHING;
        return 0;
    }

    @Override
    void gap(Direction d) {
        expect = Expect.NOTHING;
        user = null;
    }
}
