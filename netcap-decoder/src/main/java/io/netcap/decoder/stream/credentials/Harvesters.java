package io.netcap.decoder.stream.credentials;

import java.util.function.Supplier;

/**
 * The harvesters in the original's order, with the ports that put one first (docs/streams.md), and when a
 * conversation makes each: HTTP, SMTP and IMAP at the first client line they read (until then server lines,
 * prompts and gaps would leave a new one as it is); FTP and POP3 only when the server's first line is their
 * greeting, as they read nothing else without it; Telnet only at the first prompt, which comes only in a Telnet
 * conversation and before which it reads nothing. Most conversations carry one harvester or none.
 */
enum Harvesters {
    FTP(UserPassHarvester::ftp, UserPassHarvester.FTP_GREETING, 21),
    HTTP(HttpHarvester::new, null, 80),
    SMTP(SmtpHarvester::new, null, 25, 465, 587),
    TELNET(TelnetHarvester::new, null, 23),
    IMAP(ImapHarvester::new, null, 143),
    POP3(UserPassHarvester::pop3, UserPassHarvester.POP3_GREETING, 110);

    private final Supplier<Harvester> factory;
    /** Made when the server's first line starts with this; null: made with the conversation (or at a prompt). */
    private final String greeting;
    private final int[] ports;
    /** See {@link #fresh()}; set once when the class is initialized. */
    private LineFilter fresh;

    Harvesters(Supplier<Harvester> factory, String greeting, int... ports) {
        this.factory = factory;
        this.greeting = greeting;
        this.ports = ports;
    }

    private static final Harvesters[] ALL = values();
    /** The order for each (server port's harvester, client port's harvester), index 0 for none; shared. */
    private static final Harvesters[][][] ORDERS = new Harvesters[ALL.length + 1][ALL.length + 1][];

    /** The harvester of each port that has one (all are below 1024), looked up for every conversation. */
    private static final Harvesters[] BY_PORT = new Harvesters[1024];

    static {
        for (Harvesters h : ALL) {
            for (int p : h.ports) {
                if (BY_PORT[p] == null) {
                    BY_PORT[p] = h; // the first in order, as a search in order finds
                }
            }
        }
        for (Harvesters h : ALL) {
            h.fresh = h.greeting == null && h != TELNET ? h.create().clientLines() : null;
        }
        for (int f = 0; f <= ALL.length; f++) {
            for (int s = 0; s <= ALL.length; s++) {
                ORDERS[f][s] = order(f == 0 ? null : ALL[f - 1], s == 0 ? null : ALL[s - 1]);
            }
        }
    }

    /** The server port's harvester, the client port's, then the rest in order. */
    static Harvesters[] forPorts(int serverPort, int clientPort) {
        Harvesters first = byPort(serverPort);
        Harvesters second = byPort(clientPort);
        return ORDERS[first == null ? 0 : first.ordinal() + 1][second == null ? 0 : second.ordinal() + 1];
    }

    private static Harvesters[] order(Harvesters first, Harvesters second) {
        Harvesters[] out = new Harvesters[ALL.length];
        int n = 0;
        if (first != null) {
            out[n++] = first;
        }
        if (second != null && second != first) {
            out[n++] = second;
        }
        for (Harvesters h : ALL) {
            if (h != first && h != second) {
                out[n++] = h;
            }
        }
        return out;
    }

    Harvester create() {
        return factory.get();
    }

    /**
     * The client lines a new harvester of this kind reads ({@link Harvester#clientLines()}), for those made at
     * the first such line; null for those made by the server's greeting or prompt.
     */
    LineFilter fresh() {
        return fresh;
    }

    /** Made when the server's first line is {@code first}. */
    boolean greetedBy(Line first) {
        return greeting != null && first.hasAt(0, greeting);
    }

    static boolean isTelnet(int port) {
        return byPort(port) == TELNET;
    }

    private static Harvesters byPort(int port) {
        return port >= 0 && port < BY_PORT.length ? BY_PORT[port] : null;
    }
}
