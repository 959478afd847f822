package io.netcap.decoder.stream.credentials;

import io.netcap.decoder.stream.Direction;

/** SMTP {@code AUTH <mechanism> [initial-response]} (RFC 4954) and its SASL exchange. */
final class SmtpHarvester extends Harvester {
    static final Sasl.Services SERVICES = new Sasl.Services("SMTP Auth Plain", "SMTP Auth Login",
            "SMTP Auth CRAM-MD5", "SMTP Auth XOAUTH2");

    private static final LineFilter AUTH = LineFilter.startingWith(false, "AUTH ");

    /** Made at the first AUTH: most conversations have none. */
    private Sasl sasl;

    @Override
    long line(Direction d, Line line, Found found) {
        if (d == Direction.SERVER_TO_CLIENT) {
            if (sasl != null) {
                sasl.server(line);
            }
        } else if (sasl != null && sasl.expecting()) {
            sasl.client(line.text(), found);
        } else if (line.hasAt(0, "AUTH ")) {
            String[] c = Text.command(line.text());
            if (c[0].equalsIgnoreCase("AUTH") && !c[1].isEmpty()) {
                String[] m = Text.command(c[1]);
                if (sasl == null) {
                    sasl = new Sasl("334", SERVICES);
                }
                sasl.start(m[0], m[1].isEmpty() ? null : m[1], found);
            }
        }
        return 0;
    }

    @Override
    LineFilter clientLines() {
        return sasl != null && sasl.expecting() ? LineFilter.ALL : AUTH;
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
