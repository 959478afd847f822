package io.netcap.decoder.stream;

import io.netcap.decoder.flow.PacketFacts;

/**
 * What a stream parser knows of its conversation: the transport, the client and server endpoints (the client
 * sent the first packet seen) and, as data arrives, the capture time of each direction's first byte and the
 * bytes delivered and missed per direction.
 */
public final class Conversation {
    public enum Transport { TCP, UDP }

    private final Transport transport;
    private final String clientIp;
    private final String serverIp;
    private final int clientPort;
    private final int serverPort;
    private final long firstSeenNanos;
    /** Made when first asked for: a conversation that writes no record naming its flow never needs it. */
    private String ident;
    long firstClientNanos = -1;
    long firstServerNanos = -1;
    long clientBytes;
    long serverBytes;
    long clientMissed;
    long serverMissed;
    private Endpoints endpoints;
    private PacketFacts context;

    public Conversation(Transport transport, String clientIp, int clientPort, String serverIp, int serverPort,
                        long firstSeenNanos) {
        this.transport = transport;
        this.clientIp = clientIp;
        this.serverIp = serverIp;
        this.clientPort = clientPort;
        this.serverPort = serverPort;
        this.firstSeenNanos = firstSeenNanos;
    }

    public Transport transport() {
        return transport;
    }

    public String clientIp() {
        return clientIp;
    }

    public String serverIp() {
        return serverIp;
    }

    public int clientPort() {
        return clientPort;
    }

    public int serverPort() {
        return serverPort;
    }

    /** Capture time of the conversation's first packet. */
    public long firstSeenNanos() {
        return firstSeenNanos;
    }

    /** The original's flow identifier, {@code <clientIP>:<clientPort>-><serverIP>:<serverPort>} (IPv6 unbracketed). */
    public String ident() {
        String s = ident;
        if (s == null) {
            s = clientIp + ":" + clientPort + "->" + serverIp + ":" + serverPort;
            ident = s; // a race between workers (a parked FTP data connection) makes equal strings
        }
        return s;
    }

    /** The identifier for file names: {@code ->} becomes {@code --} and {@code :} becomes {@code -}. */
    public String cleanIdent() {
        return cleanIdent(ident());
    }

    /** A flow identifier {@code a:p->b:q} for file names, as {@link #cleanIdent()} makes it. */
    public static String cleanIdent(String ident) {
        return ident.replace("->", "--").replace(':', '-');
    }

    /** Capture time of the first delivered client byte, or -1 before it. */
    public long firstClientNanos() {
        return firstClientNanos;
    }

    /** Capture time of the first delivered server byte, or -1 before it. */
    public long firstServerNanos() {
        return firstServerNanos;
    }

    public long bytes(Direction d) {
        return d == Direction.CLIENT_TO_SERVER ? clientBytes : serverBytes;
    }

    /** Sequence space skipped in direction {@code d} (never seen, or dropped under a cap). */
    public long missed(Direction d) {
        return d == Direction.CLIENT_TO_SERVER ? clientMissed : serverMissed;
    }

    void delivered(Direction d, int len, long tsNanos) {
        if (d == Direction.CLIENT_TO_SERVER) {
            if (firstClientNanos < 0) {
                firstClientNanos = tsNanos;
            }
            clientBytes += len;
        } else {
            if (firstServerNanos < 0) {
                firstServerNanos = tsNanos;
            }
            serverBytes += len;
        }
    }

    void missed(Direction d, long n) {
        if (d == Direction.CLIENT_TO_SERVER) {
            clientMissed += n;
        } else {
            serverMissed += n;
        }
    }

    /** Sets the raw endpoints, for the context of records; without them records carry no context. */
    public Conversation withEndpoints(Endpoints e) {
        endpoints = e;
        return this;
    }

    /**
     * The packet context of a record sent in direction {@code d} (addresses, ports and, when known, link
     * addresses of its sender and receiver), as the application decoders' records take it from a packet;
     * empty when this conversation has no endpoints (context off). Valid until the next call.
     */
    public PacketFacts context(Direction d) {
        if (context == null) {
            context = new PacketFacts();
        }
        Endpoints e = endpoints;
        if (e == null) {
            return context.endpoints(null, null, 0, 0, 0);
        }
        if (d == Direction.CLIENT_TO_SERVER) {
            context.endpoints(e.clientIp(), e.serverIp(), e.ipLength(), e.clientPort(), e.serverPort());
        } else {
            context.endpoints(e.serverIp(), e.clientIp(), e.ipLength(), e.serverPort(), e.clientPort());
        }
        if (e.link() != null) {
            e.link().fill(e, d, context);
        }
        return context;
    }

    @Override
    public String toString() {
        return transport + " " + ident();
    }
}
