package io.netcap.decoder.stream.mail;

import io.netcap.decoder.ByteScan;
import io.netcap.decoder.stream.Conversation;
import io.netcap.decoder.stream.Direction;
import io.netcap.decoder.stream.EndReason;
import io.netcap.decoder.stream.StreamEnv;
import io.netcap.decoder.stream.StreamParser;
import io.netcap.decoder.tls.TlsStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the line-based mail protocols (SMTP, POP3) share: command lines from the client, reply lines from the
 * server, each direction also in a message mode of the subclass's choosing, and a client that can be held.
 *
 * <p>Whether bytes a client sends after some commands (SMTP {@code DATA}, {@code AUTH}, {@code STARTTLS}; POP3
 * {@code AUTH}, {@code STLS}) are a message, a SASL response, TLS or the next command depends on the server's
 * reply. The subclass then sets {@link #awaiting}: the client's next bytes are held (bounded) until the reply
 * has been read and {@link #resolved} called, so the order in which the two directions arrive does not matter.
 */
abstract class MailDialogue implements StreamParser {
    /** RFC 5321 section 4.5.3.1 allows 512-byte command and reply lines; extensions and clients send longer. */
    static final int MAX_LINE = 8 * 1024;
    /** Client bytes held while a reply is awaited. */
    static final int MAX_HELD = 64 * 1024;
    /** Room past {@link #MAX_HELD} for one more segment (an Ethernet frame's, and more). */
    private static final int HELD_SLACK = 2048;
    /** Commands listed in a record. */
    static final int MAX_COMMANDS = 1000;
    /** Messages read per conversation. */
    static final int MAX_MAILS = 1000;

    final Conversation conv;
    final StreamEnv env;
    final List<String> commands = new ArrayList<>();
    final List<String> mailIds = new ArrayList<>();
    long lastTs;
    /** The client's next bytes wait for a server reply. */
    boolean awaiting;
    /** TLS follows: the rest goes to {@link #tls}, for the hello records. */
    boolean encrypted;
    private TlsStream tls;
    private boolean ended;
    private static final byte[] NONE = new byte[0];
    /** A held buffer up to this size is kept for the bytes left unread after parsing; a larger one is let go. */
    private static final int REUSED_HELD = 32 * 1024;
    private byte[] held = NONE;
    /** Bytes held: those in {@link #held}, then those in {@link #heldMore}. */
    private int heldLength;
    /**
     * Client bytes that came while a reply was awaited and {@link #held} was full: copies of them as they came,
     * joined only when read, instead of a buffer grown by copying (a message sent before the reply to DATA).
     */
    private List<byte[]> heldMore;
    private int heldMoreLength;
    /** Where held bytes kept apart are joined to be read, one array per thread: nothing refers to it after. */
    private static final ThreadLocal<byte[][]> JOINED = ThreadLocal.withInitial(() -> new byte[][] {NONE});
    private final boolean[] skipLine = new boolean[2];

    MailDialogue(Conversation conv, StreamEnv env) {
        this.conv = conv;
        this.env = env;
    }

    /** The error kind of malformed input, e.g. {@code MALFORMED_SMTP}. */
    abstract String malformed();

    /** The protocol's name in the statistics, e.g. {@code smtp}. */
    abstract String protocol();

    /** Bytes of a client message mode, or -1 when the client is in command mode. */
    abstract int clientData(byte[] b, int off, int len);

    /** Bytes of a server message mode, or -1 when the server is in reply mode. */
    abstract int serverData(byte[] b, int off, int len);

    abstract void clientLine(String line);

    abstract void serverLine(String line);

    /** The client held more than {@link #MAX_HELD} bytes awaiting a reply: decide without it. */
    abstract void heldOverflow();

    /** The conversation ended: close open messages and write the protocol's record. */
    abstract void finish(boolean cut);

    @Override
    public final int parse(Direction d, byte[] b, int off, int len, long tsNanos) {
        lastTs = tsNanos;
        if (ended) {
            return len;
        }
        if (encrypted) {
            return tls(d == Direction.CLIENT_TO_SERVER, b, off, len);
        }
        if (d == Direction.SERVER_TO_CLIENT) {
            return run(false, b, off, len);
        }
        if (awaiting || heldLength > 0) {
            hold(b, off, len);
            return len;
        }
        return run(true, b, off, len);
    }

    @Override
    public final void gap(Direction d, long skipped) {
        if (tls != null) {
            tls.gap(d, skipped);
        } else if (!ended) {
            env.errors().error(malformed(), conv, skipped + " bytes missing " + d);
            lost(d == Direction.CLIENT_TO_SERVER, skipped);
        }
    }

    /**
     * {@code skipped} bytes of one direction went missing: an open message there is cut, and the rest of it is
     * skipped rather than read as commands or responses.
     */
    abstract void lost(boolean client, long skipped);

    @Override
    public final void end(EndReason reason, long unconsumedClient, long unconsumedServer) {
        if (ended) {
            return;
        }
        if (awaiting && heldLength > 0) {
            heldOverflow(); // the reply never came (a one-sided capture): decide as for a long wait
            awaiting = false;
            drain();
        }
        ended = true;
        if (tls != null) {
            tls.end(reason, unconsumedClient, unconsumedServer);
        }
        finish(unconsumedClient > 0 || unconsumedServer > 0 || heldLength > 0);
    }

    /** The awaited reply was read: the held client bytes are parsed now. */
    final void resolved() {
        awaiting = false;
        drain();
    }

    private void drain() {
        if (heldLength == 0) {
            return;
        }
        boolean joined = heldMore != null;
        byte[] h = heldBytes();
        int n = heldLength;
        held = NONE;
        heldLength = 0;
        int c = run(true, h, 0, n);
        if (c < n && !ended) {
            if (heldLength == 0 && !joined && h.length <= REUSED_HELD) {
                // the unread end (a line or a dot cut by a packet) moves to the front; the buffer serves on
                System.arraycopy(h, c, h, 0, n - c);
                held = h;
                heldLength = n - c;
            } else if (heldLength == 0) {
                held = Arrays.copyOfRange(h, c, n); // not a buffer grown while a reply was awaited
                heldLength = n - c;
            } else {
                store(h, c, n - c);
            }
        }
    }

    private void hold(byte[] b, int off, int len) {
        store(b, off, len);
        if (awaiting && heldLength > MAX_HELD) {
            heldOverflow();
            awaiting = false;
        }
        if (!awaiting) {
            drain();
        }
    }

    private void store(byte[] b, int off, int len) {
        if (heldMore != null || awaiting && heldLength + len > held.length) {
            if (heldMore == null) {
                heldMore = new ArrayList<>();
            }
            heldMore.add(Arrays.copyOfRange(b, off, off + len));
            heldMoreLength += len;
            heldLength += len;
            return;
        }
        if (heldLength + len > held.length) {
            int grown = Math.max(heldLength + len, 2 * held.length + 256);
            if (heldLength + len <= MAX_HELD && grown > MAX_HELD + HELD_SLACK) {
                // the last step below the cap: room for the segment that overflows it, not twice the size
                grown = MAX_HELD + HELD_SLACK;
            }
            held = Arrays.copyOf(held, grown);
        }
        System.arraycopy(b, off, held, heldLength, len);
        heldLength += len;
    }

    /**
     * The held bytes in one array from index 0: {@link #held}, or, with bytes kept apart, the thread's array
     * they are joined in (valid until the next call); {@link #heldMore} is then let go.
     */
    private byte[] heldBytes() {
        if (heldMore == null) {
            return held;
        }
        byte[][] slot = JOINED.get();
        if (slot[0].length < heldLength) {
            slot[0] = new byte[Math.max(heldLength, MAX_HELD + HELD_SLACK)];
        }
        byte[] j = slot[0];
        int n = heldLength - heldMoreLength;
        System.arraycopy(held, 0, j, 0, n);
        for (byte[] part : heldMore) {
            System.arraycopy(part, 0, j, n, part.length);
            n += part.length;
        }
        heldMore = null;
        heldMoreLength = 0;
        return j;
    }

    /** Lines and message bytes of one direction until the bytes run out, the client must wait, or TLS starts. */
    private int run(boolean client, byte[] b, int off, int len) {
        int i = off;
        int end = off + len;
        int side = client ? 0 : 1;
        while (i < end && !encrypted && !(client && awaiting)) {
            int data = client ? clientData(b, i, end - i) : serverData(b, i, end - i);
            if (data >= 0) {
                if (data == 0) {
                    break;
                }
                i += data;
                continue;
            }
            int lf = ByteScan.indexOf(b, i, end, (byte) '\n');
            if (lf == end) {
                if (end - i > MAX_LINE) {
                    if (!skipLine[side]) {
                        env.errors().error(malformed(), conv, "line longer than " + MAX_LINE + " bytes");
                    }
                    skipLine[side] = true;
                    i = end;
                }
                break;
            }
            int stop = lf;
            if (stop > i && b[stop - 1] == '\r') {
                stop--;
            }
            String line = new String(b, i, stop - i, StandardCharsets.ISO_8859_1);
            i = lf + 1;
            if (skipLine[side]) {
                skipLine[side] = false; // the rest of an overlong line
                continue;
            }
            if (client) {
                clientLine(line);
            } else {
                serverLine(line);
            }
        }
        return encrypted && i < end ? i - off + tls(client, b, i, end - i) : i - off;
    }

    /**
     * After STARTTLS (SMTP, RFC 3207) or STLS (POP3, RFC 2595) the conversation is TLS: its handshake gives the
     * TLS hello records as on any TLS conversation. Parsing of the mail protocol stops; this is no error.
     */
    final void startTls() {
        encrypted = true;
        env.encrypted(protocol());
        tls = new TlsStream(conv, env);
    }

    /** Bytes after the switch to TLS; client bytes held while the reply was awaited come first. */
    private int tls(boolean client, byte[] b, int off, int len) {
        Direction d = client ? Direction.CLIENT_TO_SERVER : Direction.SERVER_TO_CLIENT;
        if (!client || heldLength == 0) {
            return tls.parse(d, b, off, len, lastTs);
        }
        store(b, off, len);
        byte[] h = heldBytes();
        int n = heldLength;
        held = NONE;
        heldLength = 0;
        int c = tls.parse(d, h, 0, n, lastTs);
        if (c < n && n - c <= MAX_HELD) {
            store(h, c, n - c);
        }
        return len;
    }

    /**
     * Whether the server's first bytes came before the client's: then its first reply is a greeting, not the
     * answer to a command (a capture may start after the greeting; the framework replays a client's first bytes
     * before the server's).
     */
    final boolean serverSpokeFirst() {
        long s = conv.firstServerNanos();
        long c = conv.firstClientNanos();
        return s >= 0 && (c < 0 || s <= c);
    }

    final void command(String c) {
        if (commands.size() < MAX_COMMANDS) {
            commands.add(c);
        }
    }

    /** The time of a record: the conversation's first client packet (docs/streams.md). */
    final long firstClient() {
        return conv.firstClientNanos() >= 0 ? conv.firstClientNanos() : conv.firstSeenNanos();
    }

    /** Text of a line as sent: UTF-8 when valid, else ISO-8859-1 (lines are read as ISO-8859-1). */
    static String text(String latin1) {
        byte[] b = latin1.getBytes(StandardCharsets.ISO_8859_1);
        return MailText.text(b, 0, b.length);
    }
}
