package io.netcap.decoder.stream;

/** Why a connection left the reassembler's table; every end flushes what was still buffered first. */
public enum EndReason {
    /** Both directions delivered everything up to their FIN. */
    FIN,
    /** A RST was seen in either direction. */
    RST,
    /** No segment for longer than the inactive timeout, in packet time. */
    IDLE,
    /** Dropped to make room under the connection cap (the least recently active one goes). */
    EVICTED,
    /** {@link TcpReassembler#flushAll} at the end of the capture. */
    SHUTDOWN
}
