package io.netcap.decoder.stream;

/**
 * A streaming parser of one conversation of one application protocol, in the manner of Suricata's
 * app-layer parsers: it is offered each direction's bytes as they are reassembled, consumes what it can, and
 * says how much. The framework keeps the unconsumed rest (up to a cap) and offers it again, followed by the
 * next bytes, so a parser that needs more simply consumes nothing; consumed bytes are freed at once, and a
 * parser that streams a body (to a file, through a hash) never holds it whole.
 *
 * <p>Calls come from the worker thread that owns the connection; they never overlap.
 */
public interface StreamParser {
    /**
     * Offers the bytes {@code b[off .. off+len)} of direction {@code d} (the unconsumed rest of earlier calls
     * first), valid only during the call; {@code tsNanos} is the capture time of the newest of them.
     *
     * @return how many leading bytes were consumed, 0 .. len; the rest is offered again with more data
     */
    int parse(Direction d, byte[] b, int off, int len, long tsNanos);

    /**
     * {@code skipped} bytes of direction {@code d} are missing here (never captured or dropped under a cap);
     * unconsumed bytes before the gap are dropped with it. A parser resynchronises or gives up on that
     * direction.
     */
    default void gap(Direction d, long skipped) {}

    /**
     * The conversation ended ({@code reason}); the given numbers of bytes of each direction were offered but
     * never consumed (an incomplete message). Emits what is still pending, e.g. a body read to the
     * connection's close, or requests that got no response.
     */
    void end(EndReason reason, long unconsumedClient, long unconsumedServer);
}
