package io.netcap.testing;

import java.io.IOException;
import java.net.ServerSocket;

/** Loopback ports for tests of clients and servers. Shared with other modules' tests through the test-jar. */
public final class Ports {
    private Ports() {}

    /** A port nothing listens on: the system chooses it for a socket that is closed at once. */
    public static int unused() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
