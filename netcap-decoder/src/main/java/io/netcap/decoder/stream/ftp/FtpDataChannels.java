package io.netcap.decoder.stream.ftp;

import io.netcap.decoder.stream.Conversation;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The capture's table of FTP data connections announced on control connections (docs/streams.md, "FTP"),
 * shared by every worker: the engine shards connections by their addresses and ports, so a data connection is
 * usually decoded by another worker than its control connection, and either may be ahead of the other.
 *
 * <p>An announcement ({@code 227}, {@code 229}, {@code PORT}, {@code EPRT}) is keyed by the address where the
 * data connection is expected (its server's address and port); the transfer command that follows names it. A
 * data connection whose name is not known yet holds its bytes (capture-wide at most {@link #MAX_HELD_BYTES}),
 * and when it ends before its name it leaves them here ({@link #park}) for the control connection to store:
 * with its announcement when there is one, else as an orphan that a later announcement of its address adopts.
 * Orphans are the first to go when bytes must be held (oldest first). All tables are capped, the least recently
 * used entry going first. Methods are synchronized: they run per announcement and per data segment only while
 * a name is awaited.
 */
public final class FtpDataChannels {
    static final int MAX_CONTROLS = 4096;
    static final int MAX_ANNOUNCED = 16384;
    static final int MAX_ORPHANS = 1024;
    /** Bytes of all data connections together held while waiting for their name. */
    public static final long MAX_HELD_BYTES = 64L << 20;

    /** One announced data connection; its fields are guarded by the table. */
    static final class Transfer {
        final String address;
        final boolean passive;
        String command;
        String name;
        Parked parked;

        Transfer(String address, boolean passive) {
            this.address = address;
            this.passive = passive;
        }
    }

    /** The bytes of a data connection that ended before its control connection named it. */
    record Parked(Conversation conversation, byte[] bytes, int length, boolean complete) {}

    /** A transfer's command and name, once the control connection has sent them. */
    record Named(String command, String name) {}

    private final long maxHeld;
    private long held;
    private final Map<String, Boolean> controls = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > MAX_CONTROLS;
        }
    };
    private final Map<String, Transfer> announced = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Transfer> eldest) {
            if (size() > MAX_ANNOUNCED) {
                drop(eldest.getValue());
                return true;
            }
            return false;
        }
    };

    /** Data connections that ended before any announcement of their address, oldest first. */
    private final Map<String, Parked> orphans = new LinkedHashMap<>();
    private long orphansDropped;

    public FtpDataChannels() {
        this(MAX_HELD_BYTES);
    }

    FtpDataChannels(long maxHeld) {
        this.maxHeld = maxHeld;
    }

    private static String pair(String a, String b) {
        return a.compareTo(b) <= 0 ? a + " " + b : b + " " + a;
    }

    private static String key(String ip, int port) {
        return ip + " " + port;
    }

    /** A control connection between these hosts: their other connections may carry its data. */
    synchronized void control(String clientIp, String serverIp) {
        controls.put(pair(clientIp, serverIp), Boolean.TRUE);
    }

    /** True when {@code c} may be a data connection: announced, or between hosts with a control connection. */
    public synchronized boolean candidate(Conversation c) {
        return announced.containsKey(key(c.serverIp(), c.serverPort()))
                || controls.containsKey(pair(c.clientIp(), c.serverIp()));
    }

    /** A data connection to {@code ip:port} is expected; a former announcement of the address is replaced. */
    synchronized Transfer announce(String ip, int port, boolean passive) {
        Transfer t = new Transfer(ip + ":" + port, passive);
        Transfer old = announced.put(key(ip, port), t);
        if (old != null) {
            drop(old);
        }
        t.parked = orphans.remove(key(ip, port)); // its data connection was decoded first
        return t;
    }

    /** The transfer announced for the server address of {@code c}, or null. */
    synchronized Transfer lookup(Conversation c) {
        return announced.get(key(c.serverIp(), c.serverPort()));
    }

    /**
     * The control connection sent the transfer command: returns the bytes a data connection parked before (their
     * reservation released), or null.
     */
    synchronized Parked name(Transfer t, String command, String name) {
        t.command = command;
        t.name = name;
        Parked p = t.parked;
        t.parked = null;
        if (p != null) {
            held -= p.length();
        }
        return p;
    }

    /** The transfer's command and name, or null before the control connection sent them. */
    synchronized Named named(Transfer t) {
        return t.command == null ? null : new Named(t.command, t.name);
    }

    /** Reserves {@code n} bytes to hold; false when the capture-wide cap is reached. */
    synchronized boolean reserve(int n) {
        var it = orphans.values().iterator();
        while (held + n > maxHeld && it.hasNext()) {
            held -= it.next().length();
            it.remove();
            orphansDropped++;
        }
        if (held + n > maxHeld) {
            return false;
        }
        held += n;
        return true;
    }

    synchronized void release(long n) {
        held -= n;
    }

    /**
     * A data connection ended before its name: its bytes (still reserved) wait for the control connection, with
     * the announcement of its address or as an orphan. False when the name arrived meanwhile; the caller then
     * stores the bytes itself.
     */
    synchronized boolean park(Parked p) {
        Conversation c = p.conversation();
        Transfer t = announced.get(key(c.serverIp(), c.serverPort()));
        if (t != null && t.command != null) {
            return false;
        }
        Parked old = t != null ? t.parked : orphans.remove(key(c.serverIp(), c.serverPort()));
        if (old != null) {
            held -= old.length();
        }
        if (t != null) {
            t.parked = p;
        } else {
            orphans.put(key(c.serverIp(), c.serverPort()), p);
            if (orphans.size() > MAX_ORPHANS) {
                var it = orphans.values().iterator();
                held -= it.next().length();
                it.remove();
                orphansDropped++;
            }
        }
        return true;
    }

    /** Orphans dropped to make room (never adopted). */
    public synchronized long orphansDropped() {
        return orphansDropped;
    }

    /** Bytes held now by waiting and parked data connections. */
    public synchronized long heldBytes() {
        return held;
    }

    private void drop(Transfer t) {
        if (t.parked != null) {
            held -= t.parked.length();
            t.parked = null;
        }
    }
}
