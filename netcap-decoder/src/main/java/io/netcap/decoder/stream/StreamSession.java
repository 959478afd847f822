package io.netcap.decoder.stream;

import io.netcap.decoder.stream.credentials.ConversationHarvest;
import java.util.Arrays;

/**
 * The stream decoding of one conversation: collects the first bytes of each direction until the
 * {@link StreamSelector} decides, then feeds the chosen {@link StreamParser}, keeping what it leaves unconsumed
 * (bounded) for its next call. Without a chosen parser the bytes are only counted.
 *
 * <p>A parser that throws is dropped and counted, like a malformed packet: a decoder bug must not stop the
 * capture.
 */
public final class StreamSession {
    /** Bytes of each direction the probes may see before the decision is forced. */
    public static final int PROBE_BYTES = 4096;

    private final Conversation conversation;
    private final StreamSelector selector;
    private final StreamEnv env;
    private final StreamCounters counters;
    private final int maxUnconsumed;
    private boolean decided;
    private StreamProtocol protocol;
    private StreamParser parser;
    /** Probe bytes before the decision, unconsumed bytes after it; per direction. */
    private final Buffer client = new Buffer();
    private final Buffer server = new Buffer();
    private long lastNanos;
    /** The {@code -conns} dump of this conversation, or null. */
    private ConversationDumps.Dump dump;
    /** The credential harvesting of this conversation, or null; it sees every byte, whatever the parser. */
    private ConversationHarvest harvest;
    /** Sees the bytes for the Service records, or null. */
    private ConversationTap tap;

    private static final class Buffer {
        /** Shared by every empty buffer: most conversations end with nothing held. */
        private static final byte[] EMPTY = new byte[0];
        byte[] b = EMPTY;
        int len;

        void append(byte[] src, int off, int n) {
            if (len + n > b.length) {
                b = Arrays.copyOf(b, Math.max(len + n, Math.max(256, b.length * 2)));
            }
            System.arraycopy(src, off, b, len, n);
            len += n;
        }

        void consume(int n) {
            System.arraycopy(b, n, b, 0, len - n);
            len -= n;
            if (len == 0 && b.length > PROBE_BYTES) {
                b = EMPTY; // a large message passed: give its buffer back
            }
        }

        void clear() {
            len = 0;
            b = EMPTY;
        }
    }

    public StreamSession(Conversation conversation, StreamSelector selector, StreamEnv env, StreamCounters counters,
                         int maxUnconsumed) {
        this.conversation = conversation;
        this.selector = selector;
        this.env = env;
        this.counters = counters;
        this.maxUnconsumed = maxUnconsumed;
        this.harvest = env.harvesting() == null ? null : env.harvesting().open(conversation);
        counters.conversations++;
        if (selector.isEmpty()) {
            decided = true;
            counters.undecided++;
        }
    }

    /** Also writes this conversation's bytes to a {@code -conns} dump. */
    public void dumpTo(ConversationDumps.Dump d) {
        dump = d;
    }

    /** Also shows this conversation's bytes to {@code tap} (null: none). */
    public void tap(ConversationTap tap) {
        this.tap = tap;
    }

    public Conversation conversation() {
        return conversation;
    }

    /** The chosen protocol's name, or null (undecided or none). */
    public String protocol() {
        return protocol == null ? null : protocol.name();
    }

    public void data(Direction d, byte[] b, int off, int len, long tsNanos) {
        conversation.delivered(d, len, tsNanos);
        lastNanos = tsNanos;
        if (dump != null) {
            dump.data(d, b, off, len);
        }
        if (harvest != null) {
            harvest.data(d, b, off, len);
        }
        if (tap != null) {
            tap.data(d, b, off, len);
        }
        if (conversation.transport() == Conversation.Transport.UDP) {
            datagram(d, b, off, len, tsNanos);
            return;
        }
        if (!decided) {
            Buffer probe = buffer(d);
            int taken = Math.min(len, PROBE_BYTES - probe.len);
            probe.append(b, off, taken);
            decide(probe.len >= PROBE_BYTES);
            // decide() replayed the probe buffers, these bytes' first `taken` included
            off += taken;
            len -= taken;
        }
        if (parser != null && len > 0) {
            feed(d, b, off, len, tsNanos);
        }
    }

    /**
     * A UDP datagram is a message of its own: the probes see each datagram alone (the newest of each
     * direction), and the parser gets each datagram in one call; what it leaves unconsumed is dropped.
     */
    private void datagram(Direction d, byte[] b, int off, int len, long tsNanos) {
        if (!decided) {
            Buffer probe = buffer(d);
            probe.len = 0;
            probe.append(b, off, Math.min(len, PROBE_BYTES));
            StreamProtocol p = selector.select(conversation, env, client.b, client.len, server.b, server.len, false);
            if (p == StreamSelector.UNDECIDED) {
                return;
            }
            client.clear();
            server.clear();
            choose(p);
        }
        if (parser != null) {
            try {
                consumed(parser.parse(d, b, off, len, tsNanos), len);
            } catch (RuntimeException e) {
                fail(e);
            }
        }
    }

    public void gap(Direction d, long skipped) {
        conversation.missed(d, skipped);
        if (harvest != null) {
            harvest.gap(d);
        }
        if (!decided) {
            decide(true);
        }
        if (parser != null) {
            buffer(d).clear();
            try {
                parser.gap(d, skipped);
            } catch (RuntimeException e) {
                fail(e);
            }
        }
    }

    public void end(EndReason reason) {
        if (dump != null) {
            dump.close();
            dump = null;
        }
        if (harvest != null) {
            harvest.end();
            harvest = null;
        }
        if (tap != null) {
            tap.end(conversation);
            tap = null;
        }
        if (!decided && conversation.transport() == Conversation.Transport.UDP) {
            choose(null); // no datagram decided it: the last ones are not replayed into a guess
        } else if (!decided) {
            decide(true);
        }
        if (parser != null) {
            try {
                parser.end(reason, client.len, server.len);
            } catch (RuntimeException e) {
                fail(e);
            }
            parser = null;
        }
        client.clear();
        server.clear();
    }

    private Buffer buffer(Direction d) {
        return d == Direction.CLIENT_TO_SERVER ? client : server;
    }

    /** Runs the probes; once decided, replays the probe buffers into the parser (client first). */
    private void decide(boolean force) {
        StreamProtocol p = selector.select(conversation, env, client.b, client.len, server.b, server.len, force);
        if (p == StreamSelector.UNDECIDED) {
            return;
        }
        choose(p);
        if (p == null) {
            client.clear();
            server.clear();
            return;
        }
        replay(Direction.CLIENT_TO_SERVER, client);
        replay(Direction.SERVER_TO_CLIENT, server);
    }

    /** Decided: protocol {@code p}, or none when null. */
    private void choose(StreamProtocol p) {
        decided = true;
        if (p == null) {
            counters.undecided++;
            return;
        }
        protocol = p;
        counters.selected.merge(p.name(), 1L, Long::sum);
        try {
            parser = p.factory().create(conversation, env);
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    private void replay(Direction d, Buffer probe) {
        if (parser == null || probe.len == 0) {
            return;
        }
        // the probe buffer is handed over, not copied: clear() gives the direction a new one for what stays unconsumed
        byte[] bytes = probe.b;
        int n = probe.len;
        probe.clear();
        feed(d, bytes, 0, n, lastNanos);
    }

    /** Offers bytes after what the parser left unconsumed; keeps its new rest, within the cap. */
    private void feed(Direction d, byte[] b, int off, int len, long tsNanos) {
        Buffer rest = buffer(d);
        try {
            if (rest.len == 0) {
                int used = parseAll(d, b, off, len, tsNanos);
                if (parser != null && used < len) {
                    keep(rest, b, off + used, len - used);
                }
            } else {
                rest.append(b, off, len);
                int used = parseAll(d, rest.b, 0, rest.len, tsNanos);
                if (parser != null) {
                    rest.consume(used);
                    if (rest.len > maxUnconsumed) {
                        overflow();
                    }
                }
            }
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    private void keep(Buffer rest, byte[] b, int off, int len) {
        if (len > maxUnconsumed) {
            overflow();
            return;
        }
        rest.append(b, off, len);
    }

    /** Calls the parser until it consumes nothing more; returns the bytes consumed. */
    private int parseAll(Direction d, byte[] b, int off, int len, long tsNanos) {
        int used = 0;
        while (parser != null && used < len) {
            int n = consumed(parser.parse(d, b, off + used, len - used, tsNanos), len - used);
            if (n == 0) {
                break;
            }
            used += n;
        }
        return used;
    }

    /** What a parser says it consumed of {@code offered} bytes; outside 0 .. offered it is a parser bug. */
    private int consumed(int n, int offered) {
        if (n < 0 || n > offered) {
            throw new IllegalStateException(protocol.name() + " parser consumed " + n + " of " + offered);
        }
        return n;
    }

    private void overflow() {
        counters.unconsumedOverflows++;
        env.errors().error("STREAM_BUFFER_OVERFLOW_" + protocol.name(), conversation,
                "more than " + maxUnconsumed + " bytes left unconsumed");
        drop();
    }

    private void fail(RuntimeException e) {
        counters.parserFailures++;
        String name = protocol == null ? "STREAM" : protocol.name();
        env.errors().error("DECODER_FAILURE_" + name, conversation, e.getClass().getSimpleName() + ": " + e.getMessage());
        drop();
    }

    private void drop() {
        parser = null;
        client.clear();
        server.clear();
    }
}
