package io.netcap.decoder.stream;

import java.util.List;

/**
 * Chooses the stream decoder of a conversation: content probes first, ports second (docs/streams.md). A probe
 * that matches on the server port's protocol wins; otherwise the first row whose probe matches, a row without
 * ports (FTP data, recognised by its addresses rather than its bytes) only when no other row matches or waits. Undecided
 * while some probe wants more bytes; forced (at a gap, the end, or when the probe buffers are full) it takes
 * the server port's protocol if its probe did not refuse the bytes, else none.
 */
public final class StreamSelector {
    private final List<StreamProtocol> protocols;

    public StreamSelector(List<StreamProtocol> protocols) {
        this.protocols = List.copyOf(protocols);
    }

    public boolean isEmpty() {
        return protocols.isEmpty();
    }

    /** The chosen protocol; {@link #UNDECIDED} while more bytes could decide; null when none fits. */
    StreamProtocol select(Conversation c, StreamEnv env, byte[] client, int clientLength, byte[] server,
                          int serverLength, boolean force) {
        StreamProtocol first = null;
        StreamProtocol port = null;
        boolean waiting = false;
        for (StreamProtocol p : protocols) {
            if (!p.transports().contains(c.transport())) {
                continue;
            }
            boolean onPort = p.onPort(c.serverPort());
            StreamProbe.Verdict v = p.probe().test(c, env, client, clientLength, server, serverLength);
            switch (v) {
                case MATCH -> {
                    if (onPort) {
                        return p;
                    }
                    if (first == null || (first.ports().length == 0 && p.ports().length > 0)) {
                        first = p;
                    }
                }
                case MORE -> {
                    waiting = true;
                    if (onPort && port == null) {
                        port = p;
                    }
                }
                case NO -> { }
            }
        }
        // a row without ports (FTP data) matches only what no other row may still claim
        if (first != null && !(waiting && (port != null || first.ports().length == 0) && !force)) {
            return first;
        }
        if (waiting && !force) {
            return UNDECIDED;
        }
        return first != null ? first : port;
    }

    /** Marker of {@link #select}: not decided yet. */
    static final StreamProtocol UNDECIDED = new StreamProtocol("undecided", java.util.Set.of(), java.util.Set.of(),
            new int[0], (a, b, c, d) -> StreamProbe.Verdict.NO, (c, e) -> null);
}
