package io.netcap.decoder.stream.credentials;

import java.util.function.Supplier;

/** The harvesters in the original's order, with the ports that put one first (docs/streams.md). */
enum Harvesters {
    FTP(UserPassHarvester::ftp, 21),
    HTTP(HttpHarvester::new, 80),
    SMTP(SmtpHarvester::new, 25, 465, 587),
    TELNET(TelnetHarvester::new, 23),
    IMAP(ImapHarvester::new, 143),
    POP3(UserPassHarvester::pop3, 110);

    private final Supplier<Harvester> factory;
    private final int[] ports;

    Harvesters(Supplier<Harvester> factory, int... ports) {
        this.factory = factory;
        this.ports = ports;
    }

    private static final Harvesters[] ALL = values();

    /** New harvesters for one conversation: the server port's, the client port's, then the rest in order. */
    static Harvester[] forPorts(int serverPort, int clientPort) {
        Harvesters first = byPort(serverPort);
        Harvesters second = byPort(clientPort);
        Harvester[] out = new Harvester[ALL.length];
        int n = 0;
        if (first != null) {
            out[n++] = first.factory.get();
        }
        if (second != null && second != first) {
            out[n++] = second.factory.get();
        }
        for (Harvesters h : ALL) {
            if (h != first && h != second) {
                out[n++] = h.factory.get();
            }
        }
        return out;
    }

    static boolean isTelnet(int port) {
        return byPort(port) == TELNET;
    }

    private static Harvesters byPort(int port) {
        for (Harvesters h : ALL) {
            for (int p : h.ports) {
                if (p == port) {
                    return h;
                }
            }
        }
        return null;
    }
}
