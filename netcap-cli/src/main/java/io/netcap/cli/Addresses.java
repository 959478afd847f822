package io.netcap.cli;

import java.net.InetSocketAddress;

/** {@code host:port} flag values ({@code [::1]:1335} for IPv6). */
public final class Addresses {
    private Addresses() {}

    /**
     * {@link #parse} for a tool's flag: a bad value is its one line on {@code err}, and null, so that the tool exits
     * with a usage error before it opens, serves or reads anything.
     */
    static InetSocketAddress parse(String flag, String address, java.io.PrintWriter err) {
        try {
            return parse(flag, address);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return null;
        }
    }

    /** The address of flag {@code flag}; {@link IllegalArgumentException} naming the flag when it is none. */
    public static InetSocketAddress parse(String flag, String address) {
        int colon = address.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException(flag + " " + address + ": give host:port, e.g. 127.0.0.1:1335");
        }
        String host = address.substring(0, colon).replaceAll("^\\[|]$", "");
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " " + address + ": the port is no number");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(flag + " " + address + ": the port is out of range");
        }
        return new InetSocketAddress(host.isEmpty() ? "0.0.0.0" : host, port);
    }
}
