package io.netcap.decoder.stream;

/**
 * A connection in a {@link TcpReassembler}'s table: the caller's flow key, which orientation of that key is
 * the client's, and the two {@link TcpStream} halves.
 */
public final class TcpConnection<K> {
    private final K key;
    private final boolean clientForward;
    private final long firstSeenNanos;
    private long lastSeenNanos;
    private long bufferedBytes;
    private boolean closed;
    private Object attachment;
    /** The caller's accounting of this connection's bytes, or null. */
    StreamTally tally;
    /** The segment checks' state (docs/streams.md, "Segment checks"), created when they are on. */
    TcpStateMachine states;
    TcpOptionCheck options;
    /** A segment of this connection was refused by the state machine (counted once per connection). */
    boolean refusedByStates;
    final TcpStream clientToServer;
    final TcpStream serverToClient;

    TcpConnection(TcpReassembler<K> owner, K key, boolean clientForward, long firstSeenNanos) {
        this.key = key;
        this.clientForward = clientForward;
        this.firstSeenNanos = firstSeenNanos;
        this.lastSeenNanos = firstSeenNanos;
        this.clientToServer = new TcpStream(owner, this, Direction.CLIENT_TO_SERVER);
        this.serverToClient = new TcpStream(owner, this, Direction.SERVER_TO_CLIENT);
    }

    public K key() {
        return key;
    }

    /** True when the client sent in the key's forward orientation (the orientation of the first segment). */
    public boolean clientForward() {
        return clientForward;
    }

    public long firstSeenNanos() {
        return firstSeenNanos;
    }

    public long lastSeenNanos() {
        return lastSeenNanos;
    }

    /** Out-of-order payload held for both directions. */
    public long bufferedBytes() {
        return bufferedBytes;
    }

    /** What the sink keeps for this connection (e.g. its stream session), or null. */
    public Object attachment() {
        return attachment;
    }

    public void attach(Object o) {
        attachment = o;
    }

    /** The caller's accounting of this connection's bytes ({@link TcpReassembler#segment}), or null. */
    public StreamTally tally() {
        return tally;
    }

    /** Ended by FIN or RST; kept in the table until idle so that late segments open nothing. */
    public boolean closed() {
        return closed;
    }

    void close() {
        closed = true;
    }

    Direction direction(boolean forward) {
        return forward == clientForward ? Direction.CLIENT_TO_SERVER : Direction.SERVER_TO_CLIENT;
    }

    TcpStream stream(Direction d) {
        return d == Direction.CLIENT_TO_SERVER ? clientToServer : serverToClient;
    }

    void seen(long tsNanos) {
        lastSeenNanos = Math.max(lastSeenNanos, tsNanos);
    }

    void addBuffered(long n) {
        bufferedBytes += n;
    }

    /** Both directions delivered everything up to their FIN. */
    boolean finished() {
        return clientToServer.finished() && serverToClient.finished();
    }

    void flushAll() {
        clientToServer.flushAll();
        serverToClient.flushAll();
    }
}
