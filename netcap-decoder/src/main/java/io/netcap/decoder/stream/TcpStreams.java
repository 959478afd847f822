package io.netcap.decoder.stream;

/**
 * Connects a {@link TcpReassembler} to the stream decoders: one {@link StreamSession} per connection, made at
 * its first delivered byte from the caller's description of the connection's key.
 */
public final class TcpStreams<K> implements StreamSink<K> {
    /** Describes the connection of a key: which endpoints are client and server. */
    @FunctionalInterface
    public interface Conversations<K> {
        Conversation describe(K key, boolean clientForward, long firstSeenNanos);
    }

    private final Conversations<K> conversations;
    private final StreamSelector selector;
    private final StreamEnv env;
    private final StreamCounters counters;
    private final int maxUnconsumed;
    /** The scratch arrays of this worker's sessions. */
    private final StreamSession.Scratch scratch = new StreamSession.Scratch();
    private final ConversationDumps dumps;
    private ConversationTap.Factory taps;
    private StreamDebug debug;
    /** {@code -reassembly-debug} and {@code -hexdump}: null when both are off. */
    private ReassemblyTrace.Worker trace;

    /** @param dumps the {@code -conns} dumps, or null */
    public TcpStreams(Conversations<K> conversations, StreamSelector selector, StreamEnv env,
                      StreamCounters counters, int maxUnconsumed, ConversationDumps dumps) {
        this.dumps = dumps;
        this.conversations = conversations;
        this.selector = selector;
        this.env = env;
        this.counters = counters;
        this.maxUnconsumed = maxUnconsumed;
    }

    /** Shows every connection's bytes to a tap of {@code taps} (docs/enrichment.md, "Service"). */
    public TcpStreams<K> tap(ConversationTap.Factory taps) {
        this.taps = taps;
        return this;
    }

    /** Writes a line for every connection to {@code debug} ({@code -debug}; null: none). */
    public TcpStreams<K> debug(StreamDebug debug) {
        this.debug = debug;
        return this;
    }

    /** Traces every delivery, gap and end to {@code trace} when it has them on (null: none). */
    public TcpStreams<K> trace(ReassemblyTrace.Worker trace) {
        this.trace = trace != null && trace.deliveries() ? trace : null;
        return this;
    }

    private StreamSession session(TcpConnection<K> conn) {
        if (conn.attachment() instanceof StreamSession s) {
            return s;
        }
        Conversation c = conversations.describe(conn.key(), conn.clientForward(), conn.firstSeenNanos());
        StreamSession s = new StreamSession(c, selector, env, counters, maxUnconsumed, scratch);
        if (dumps != null) {
            s.dumpTo(dumps.open(c));
        }
        if (taps != null) {
            s.tap(taps.open(c));
        }
        if (debug != null) {
            s.debugTo(debug);
        }
        conn.attach(s);
        return s;
    }

    @Override
    public void data(TcpConnection<K> conn, Direction direction, byte[] b, int off, int len, long tsNanos) {
        StreamSession s = session(conn);
        if (trace != null) {
            trace.data(s.conversation(), direction, b, off, len, tsNanos);
        }
        s.data(direction, b, off, len, tsNanos);
    }

    @Override
    public void gap(TcpConnection<K> conn, Direction direction, long skippedBytes) {
        StreamSession s = session(conn);
        if (trace != null) {
            trace.gap(s.conversation(), direction, skippedBytes);
        }
        s.gap(direction, skippedBytes);
    }

    @Override
    public void end(TcpConnection<K> conn, EndReason reason) {
        if (conn.attachment() instanceof StreamSession s) {
            s.end(reason);
            conn.attach(null);
            if (trace != null) {
                trace.end(s.conversation(), reason);
            }
        }
    }
}
