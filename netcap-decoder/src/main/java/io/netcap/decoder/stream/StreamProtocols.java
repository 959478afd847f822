package io.netcap.decoder.stream;

import java.util.List;

/**
 * The stream decoder registry: one {@link StreamProtocol} row per protocol. Adding a stream protocol is one
 * parser class and one row here (docs/adding-a-protocol.md). Order matters only among rows whose probes
 * accept the same bytes: the first wins.
 */
public final class StreamProtocols {
    private static final List<StreamProtocol> ALL = List.of();

    private StreamProtocols() {}

    public static List<StreamProtocol> all() {
        return ALL;
    }
}
