package io.netcap.decoder.service;

import java.util.Map;

/**
 * The host name of a server address for {@code Service.Hostname} (docs/enrichment.md, "Reverse DNS"): reverse
 * DNS with {@code -reverse-dns}, else the database directory's {@code hosts}, else none.
 */
public interface HostNames {
    HostNames NONE = ip -> "";

    /** The name of {@code ip} (an address text), or ""; may wait for a lookup started by {@link #prefetch}. */
    String name(String ip);

    /** A server was first seen: a slow source starts its lookup now, off the worker. */
    default void prefetch(String ip) {}

    /** Counters for the summary's statistics. */
    default Map<String, Long> stats() {
        return Map.of();
    }

    /** No further lookups. */
    default void close() {}
}
