package io.netcap.decoder.stream;

/**
 * Receives the reassembled bytes of every connection of one {@link TcpReassembler}, in sequence order per
 * direction. Calls come from the thread that feeds the reassembler.
 *
 * <p>Aliasing: {@code b} is valid only during the call; it may be the caller's packet buffer (in-order
 * segments are passed through without a copy), so a sink that keeps bytes copies them.
 */
public interface StreamSink<K> {
    /** The next {@code len} bytes of {@code direction}, first captured at {@code tsNanos}. */
    void data(TcpConnection<K> conn, Direction direction, byte[] b, int off, int len, long tsNanos);

    /** {@code skippedBytes} of sequence space that were never seen and will not be delivered. */
    void gap(TcpConnection<K> conn, Direction direction, long skippedBytes);

    /** The connection is complete; no further call names it. */
    void end(TcpConnection<K> conn, EndReason reason);
}
