package io.netcap.decoder.stream;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * UDP conversations (docs/streams.md): every datagram payload goes, in arrival order, to the conversation of
 * its key; the first datagram's sender is the client. The caller chooses the key: the original's is the
 * port pair alone, order-independent (so unrelated hosts using the same ports share one conversation);
 * {@code -udp-5tuple} adds the addresses. Unlike the original, which keeps every conversation whole until
 * the end of the capture, datagrams are decoded as they arrive, conversations idle past the timeout end, and
 * the table is capped (the least recently active is ended to make room, and counted).
 */
public final class UdpConversations<K> {
    private final TcpStreams.Conversations<K> conversations;
    private final StreamSelector selector;
    private final StreamEnv env;
    private final StreamCounters counters;
    private final int maxConversations;
    private final int maxUnconsumed;
    /** The scratch arrays of this worker's sessions. */
    private final StreamSession.Scratch scratch = new StreamSession.Scratch();
    private final long idleNanos;
    private final ConversationDumps dumps;
    private ConversationTap.Factory taps;
    private StreamDebug debug;
    /** Access order: the eldest entry is the least recently active. */
    private final LinkedHashMap<K, Entry> table = new LinkedHashMap<>(64, 0.75f, true);
    private long opened;
    private long evicted;
    private long datagrams;
    private long bytes;

    private record Entry(StreamSession session, boolean clientForward, long[] lastSeen) {}

    public UdpConversations(TcpStreams.Conversations<K> conversations, StreamSelector selector, StreamEnv env,
                            StreamCounters counters, int maxConversations, int maxUnconsumed, long idleNanos,
                            ConversationDumps dumps) {
        this.dumps = dumps;
        this.conversations = conversations;
        this.selector = selector;
        this.env = env;
        this.counters = counters;
        this.maxConversations = maxConversations;
        this.maxUnconsumed = maxUnconsumed;
        this.idleNanos = idleNanos;
    }

    /** Shows every conversation's bytes to a tap of {@code taps} (docs/enrichment.md, "Service"). */
    public UdpConversations<K> tap(ConversationTap.Factory taps) {
        this.taps = taps;
        return this;
    }

    /** Writes a line for every conversation to {@code debug} ({@code -debug}; null: none). */
    public UdpConversations<K> debug(StreamDebug debug) {
        this.debug = debug;
        return this;
    }

    /** One datagram; {@code forward} is its orientation relative to the key (as for the TCP reassembler). */
    public void datagram(K key, boolean forward, byte[] b, int off, int len, long tsNanos) {
        datagrams++;
        bytes += len;
        Entry e = table.get(key);
        if (e == null) {
            if (table.size() >= maxConversations) {
                Iterator<Entry> eldest = table.values().iterator();
                Entry victim = eldest.next();
                eldest.remove();
                evicted++;
                victim.session.end(EndReason.EVICTED);
            }
            Conversation c = conversations.describe(key, forward, tsNanos);
            StreamSession session = new StreamSession(c, selector, env, counters, maxUnconsumed, scratch);
            if (dumps != null) {
                session.dumpTo(dumps.open(c));
            }
            if (taps != null) {
                session.tap(taps.open(c));
            }
            if (debug != null) {
                session.debugTo(debug);
            }
            e = new Entry(session, forward, new long[] {tsNanos});
            table.put(key, e);
            opened++;
        }
        e.lastSeen[0] = Math.max(e.lastSeen[0], tsNanos);
        if (len > 0) {
            e.session.data(forward == e.clientForward ? Direction.CLIENT_TO_SERVER : Direction.SERVER_TO_CLIENT,
                    b, off, len, tsNanos);
        }
    }

    /** Ends conversations idle for longer than the timeout at packet time {@code nowNanos}. */
    public void tick(long nowNanos) {
        List<K> idle = new ArrayList<>();
        for (var en : table.entrySet()) {
            if (en.getValue().lastSeen[0] >= nowNanos - idleNanos) {
                break;
            }
            idle.add(en.getKey());
        }
        for (K k : idle) {
            table.remove(k).session.end(EndReason.IDLE);
        }
    }

    /** Ends every conversation (end of capture). */
    public void flushAll() {
        for (Entry e : table.values()) {
            e.session.end(EndReason.SHUTDOWN);
        }
        table.clear();
    }

    public long opened() {
        return opened;
    }

    public long evicted() {
        return evicted;
    }

    public long datagrams() {
        return datagrams;
    }

    public long bytes() {
        return bytes;
    }

    public int size() {
        return table.size();
    }
}
