package io.netcap.decoder.stream;

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
    private final String ident;
    long firstClientNanos = -1;
    long firstServerNanos = -1;
    long clientBytes;
    long serverBytes;
    long clientMissed;
    long serverMissed;

    public Conversation(Transport transport, String clientIp, int clientPort, String serverIp, int serverPort,
                        long firstSeenNanos) {
        this.transport = transport;
        this.clientIp = clientIp;
        this.serverIp = serverIp;
        this.clientPort = clientPort;
        this.serverPort = serverPort;
        this.firstSeenNanos = firstSeenNanos;
        this.ident = clientIp + ":" + clientPort + "->" + serverIp + ":" + serverPort;
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
        return ident;
    }

    /** The identifier for file names: {@code ->} becomes {@code --} and {@code :} becomes {@code -}. */
    public String cleanIdent() {
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

    @Override
    public String toString() {
        return transport + " " + ident;
    }
}
