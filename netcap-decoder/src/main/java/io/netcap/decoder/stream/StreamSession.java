package io.netcap.decoder.stream;

import io.netcap.decoder.DecoderTimes;
import io.netcap.decoder.ErrorCounts;
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
    private final Scratch scratch;
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
    /** With {@code -debug}: where the line of this conversation goes at its end, and each direction's first bytes. */
    private StreamDebug debug;
    private byte[] clientStart;
    private byte[] serverStart;
    private int clientStartLen;
    private int serverStartLen;

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

        /** Holds {@code src[off .. off+n)} instead of what it held; an empty buffer gives a large array back. */
        void replace(byte[] src, int off, int n) {
            len = 0;
            if (n == 0 && b.length > PROBE_BYTES) {
                b = EMPTY;
            }
            append(src, off, n);
        }

        void clear() {
            len = 0;
            b = EMPTY;
        }
    }

    /**
     * Arrays of one worker that a session's bytes are assembled in for one call: the probes' bytes (kept in the
     * conversation only while undecided) and a parser's unconsumed rest followed by new bytes (only what stays
     * unconsumed is kept). One session uses them at a time; nothing refers to them after the call.
     */
    static final class Scratch {
        /** The worker's choice of the parser calls it times for the metrics. */
        private final DecoderTimes.Sampler timing = new DecoderTimes.Sampler();
        private final byte[] probe = new byte[PROBE_BYTES];
        private byte[] feed = Buffer.EMPTY;

        /** {@code held}'s bytes followed by {@code b[off .. off+n)} at the start of the probe array. */
        byte[] probe(Buffer held, byte[] b, int off, int n) {
            System.arraycopy(held.b, 0, probe, 0, held.len);
            System.arraycopy(b, off, probe, held.len, n);
            return probe;
        }

        /** {@code held}'s bytes followed by {@code b[off .. off+n)} at the start of the feed array. */
        byte[] feed(Buffer held, byte[] b, int off, int n) {
            int total = held.len + n;
            if (total > feed.length) {
                feed = new byte[Math.max(total, feed.length * 2)];
            }
            System.arraycopy(held.b, 0, feed, 0, held.len);
            System.arraycopy(b, off, feed, held.len, n);
            return feed;
        }
    }

    /** A session with scratch arrays of its own (a test, a single conversation). */
    public StreamSession(Conversation conversation, StreamSelector selector, StreamEnv env, StreamCounters counters,
                         int maxUnconsumed) {
        this(conversation, selector, env, counters, maxUnconsumed, new Scratch());
    }

    /** @param scratch the worker's arrays, shared by its sessions */
    StreamSession(Conversation conversation, StreamSelector selector, StreamEnv env, StreamCounters counters,
                         int maxUnconsumed, Scratch scratch) {
        this.conversation = conversation;
        this.scratch = scratch;
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

    /** Writes this conversation's line to {@code d} when it ends, with each direction's first {@value StreamDebug#START} bytes. */
    void debugTo(StreamDebug d) {
        debug = d;
        clientStart = new byte[StreamDebug.START];
        serverStart = new byte[StreamDebug.START];
    }

    /** The first bytes of direction {@code d} kept for {@link #debugTo}. */
    byte[] start(Direction d) {
        return d == Direction.CLIENT_TO_SERVER ? clientStart : serverStart;
    }

    int startLength(Direction d) {
        return d == Direction.CLIENT_TO_SERVER ? clientStartLen : serverStartLen;
    }

    private void keepStart(Direction d, byte[] b, int off, int len) {
        boolean client = d == Direction.CLIENT_TO_SERVER;
        int at = client ? clientStartLen : serverStartLen;
        int n = Math.min(len, StreamDebug.START - at);
        System.arraycopy(b, off, client ? clientStart : serverStart, at, n);
        if (client) {
            clientStartLen += n;
        } else {
            serverStartLen += n;
        }
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
        if (debug != null) {
            keepStart(d, b, off, len);
        }
        if (conversation.transport() == Conversation.Transport.UDP) {
            datagram(d, b, off, len, tsNanos);
            return;
        }
        if (!decided) {
            Buffer probe = buffer(d);
            int taken = Math.min(len, PROBE_BYTES - probe.len);
            // probed where the scratch array holds them: most conversations are decided by their first bytes,
            // which then need no buffer of their own
            byte[] s = scratch.probe(probe, b, off, taken);
            int n = probe.len + taken;
            boolean done = d == Direction.CLIENT_TO_SERVER
                    ? decide(s, n, server.b, server.len, n >= PROBE_BYTES)
                    : decide(client.b, client.len, s, n, n >= PROBE_BYTES);
            if (!done) {
                probe.append(b, off, taken);
            }
            // a decision replayed the probe bytes, these bytes' first `taken` included
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
            int n = Math.min(len, PROBE_BYTES);
            byte[] s = scratch.probe(probe, b, off, n);
            StreamProtocol p = d == Direction.CLIENT_TO_SERVER
                    ? selector.select(conversation, env, s, n, server.b, server.len, false)
                    : selector.select(conversation, env, client.b, client.len, s, n, false);
            if (p == StreamSelector.UNDECIDED) {
                probe.append(b, off, n);
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
        if (debug != null) {
            debug.ended(this, reason);
        }
    }

    private Buffer buffer(Direction d) {
        return d == Direction.CLIENT_TO_SERVER ? client : server;
    }

    /** Runs the probes on the held bytes; once decided, replays them into the parser (client first). */
    private void decide(boolean force) {
        decide(client.b, client.len, server.b, server.len, force);
    }

    /**
     * Runs the probes on each direction's first bytes; once decided, replays them into the parser (client
     * first) and returns true.
     */
    private boolean decide(byte[] c, int cLength, byte[] s, int sLength, boolean force) {
        StreamProtocol p = selector.select(conversation, env, c, cLength, s, sLength, force);
        if (p == StreamSelector.UNDECIDED) {
            return false;
        }
        choose(p);
        // the probe arrays are handed over, not copied: cleared buffers take new ones for what stays unconsumed
        client.clear();
        server.clear();
        replay(Direction.CLIENT_TO_SERVER, c, cLength);
        replay(Direction.SERVER_TO_CLIENT, s, sLength);
        return true;
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

    private void replay(Direction d, byte[] bytes, int n) {
        if (parser != null && n > 0) {
            feed(d, bytes, 0, n, lastNanos);
        }
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
            } else if (rest.len + len <= rest.b.length) {
                rest.append(b, off, len);
                int used = parseAll(d, rest.b, 0, rest.len, tsNanos);
                if (parser != null) {
                    rest.consume(used);
                    if (rest.len > maxUnconsumed) {
                        overflow();
                    }
                }
            } else {
                // too large for the held array: parsed in the scratch array, the held one grows only for what
                // stays unconsumed (a message longer than a segment, not the segments that complete messages)
                int n = rest.len + len;
                byte[] s = scratch.feed(rest, b, off, len);
                int used = parseAll(d, s, 0, n, tsNanos);
                if (parser != null) {
                    if (n - used > maxUnconsumed) {
                        overflow();
                    } else {
                        rest.replace(s, used, n - used);
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
        boolean timed = protocol != null && scratch.timing.next();
        long started = timed ? System.nanoTime() : 0;
        String name = timed ? protocol.name() : null; // read now: the parser may be dropped on the way
        int used = 0;
        while (parser != null && used < len) {
            int n = consumed(parser.parse(d, b, off + used, len - used, tsNanos), len - used);
            if (n == 0) {
                break;
            }
            used += n;
        }
        if (timed) {
            DecoderTimes.record(DecoderTimes.Kind.STREAM, name, System.nanoTime() - started);
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
        env.errors().error("DECODER_FAILURE_" + name, conversation, ErrorCounts.failure(name, e));
        drop();
    }

    private void drop() {
        parser = null;
        client.clear();
        server.clear();
    }
}
