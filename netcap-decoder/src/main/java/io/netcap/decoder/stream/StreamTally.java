package io.netcap.decoder.stream;

/**
 * Byte accounting a caller attaches to a TCP connection of a {@link TcpReassembler} (the Connection record of
 * the packets, docs/streams.md "Connection records and reassembly"): told of every byte the connection's
 * streams deliver and every byte they skip, so a record can be reconciled with the packets it counted.
 */
public interface StreamTally {
    /**
     * The tally now accounts for a connection; the segment being offered travels in {@code segment}'s
     * direction, which tells the tally how the reassembly's client relates to its own.
     */
    void bind(Direction segment);

    /** {@code n} bytes of direction {@code d} were delivered. */
    void delivered(Direction d, long n);

    /** {@code n} bytes of direction {@code d} were never seen and are skipped (a gap). */
    void missed(Direction d, long n);
}
