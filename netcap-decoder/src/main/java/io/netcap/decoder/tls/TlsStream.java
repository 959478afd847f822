package io.netcap.decoder.tls;

import static io.netcap.packet.layer.Bytes.u16;
import static io.netcap.packet.layer.Bytes.u24;

import com.google.protobuf.Message;
import io.netcap.decoder.ContextFields;
import io.netcap.decoder.stream.Conversation;
import io.netcap.decoder.stream.Direction;
import io.netcap.decoder.stream.EndReason;
import io.netcap.decoder.stream.StreamEnv;
import io.netcap.decoder.stream.StreamParser;
import io.netcap.decoder.stream.StreamProbe;
import io.netcap.types.RecordType;
import java.util.Arrays;

/**
 * TLS hellos from the reassembled stream (docs/streams.md, "TLS"): the records of each direction are cut by
 * their headers (RFC 8446 section 5.1), handshake fragments joined, and every ClientHello (client) and
 * ServerHello (server) decoded, wherever the segments cut them. The original decodes hellos per packet, so it
 * misses a hello that spans segments, as every hello with a post-quantum key share does.
 *
 * <p>A direction stops at its first application_data record (the handshake is over or encrypted). After a
 * ChangeCipherSpec only a handshake record that holds a whole ClientHello is still read: TLS 1.3 clients send
 * a dummy ChangeCipherSpec before the second ClientHello of a HelloRetryRequest (RFC 8446 appendix D.4), while
 * after a TLS 1.2 ChangeCipherSpec the handshake (Finished) is encrypted.
 */
public final class TlsStream implements StreamParser {
    static final int CHANGE_CIPHER_SPEC = 20;
    static final int HANDSHAKE = 22;
    static final int APPLICATION_DATA = 23;
    static final int RECORD_HEADER = 5;
    /** Largest record: 2^14 plaintext plus 2048 of expansion (RFC 8446 section 5.2). */
    static final int MAX_RECORD = (1 << 14) + 2048;
    /** Handshake messages held while their fragments arrive; longer ones (certificate chains) are skipped. */
    static final int MAX_HANDSHAKE = 1 << 18;

    private final Conversation conversation;
    private final StreamEnv env;
    /** Shared by every empty handshake buffer. */
    private static final byte[] NONE = new byte[0];
    private final Half client = new Half();
    private final Half server = new Half();

    /** One direction: whether it still carries plaintext handshake, and the handshake bytes not yet cut. */
    private static final class Half {
        boolean done;
        boolean afterChangeCipherSpec;
        byte[] handshake = NONE;
        int length;
        int recordVersion;
        int recordLength;
        /** Bytes of an over-long handshake message still to skip. */
        long skip;
    }

    public TlsStream(Conversation conversation, StreamEnv env) {
        this.conversation = conversation;
        this.env = env;
    }

    /** A TLS stream starts with a handshake record of a known version, a ClientHello or a ServerHello. */
    public static StreamProbe.Verdict probe(byte[] client, int clientLength, byte[] server, int serverLength) {
        StreamProbe.Verdict c = hello(client, clientLength, 1);
        return c == StreamProbe.Verdict.NO ? hello(server, serverLength, 2) : c;
    }

    private static StreamProbe.Verdict hello(byte[] b, int len, int type) {
        if (len == 0) {
            return StreamProbe.Verdict.MORE;
        }
        if ((b[0] & 0xff) != HANDSHAKE) {
            return StreamProbe.Verdict.NO;
        }
        if (len < RECORD_HEADER + 1) {
            return StreamProbe.Verdict.MORE;
        }
        return b[1] == 3 && (b[2] & 0xff) <= 4 && (b[5] & 0xff) == type ? StreamProbe.Verdict.MATCH
                : StreamProbe.Verdict.NO;
    }

    @Override
    public int parse(Direction d, byte[] b, int off, int len, long tsNanos) {
        Half h = d == Direction.CLIENT_TO_SERVER ? client : server;
        if (h.done) {
            return len;
        }
        if (len < RECORD_HEADER) {
            return 0;
        }
        int type = b[off] & 0xff;
        int version = u16(b, off + 1);
        int recordLength = u16(b, off + 3);
        if ((version >>> 8) != 3 || recordLength > MAX_RECORD) {
            h.done = true; // not (or no longer) TLS records: nothing more to read here
            env.errors().error("MALFORMED_TLS", conversation, "not a TLS record header");
            return len;
        }
        if (len < RECORD_HEADER + recordLength) {
            return 0;
        }
        switch (type) {
            case HANDSHAKE -> handshake(d, h, b, off, recordLength, version, tsNanos);
            case CHANGE_CIPHER_SPEC -> h.afterChangeCipherSpec = true;
            case APPLICATION_DATA -> h.done = true;
            default -> { } // alert, heartbeat
        }
        return RECORD_HEADER + recordLength;
    }

    private void handshake(Direction d, Half h, byte[] b, int off, int recordLength, int version, long ts) {
        int from = off + RECORD_HEADER;
        int n = recordLength;
        if (h.afterChangeCipherSpec && !(n >= 4 && (b[from] & 0xff) == 1 && 4 + u24(b, from + 1) == n)) {
            return; // encrypted handshake after a TLS 1.2 ChangeCipherSpec
        }
        if (h.skip > 0) {
            long s = Math.min(h.skip, n);
            h.skip -= s;
            from += (int) s;
            n -= (int) s;
        }
        if (n == 0) {
            return;
        }
        if (h.length == 0) {
            h.recordVersion = version;
            h.recordLength = recordLength;
            // most records hold whole messages (a hello): they are cut where they lie, only a rest is copied
            int used = cut(d, h, b, from, n, ts);
            if (used < n) {
                h.handshake = Arrays.copyOfRange(b, from + used, from + n);
                h.length = n - used;
            }
            return;
        }
        if (h.length + n > h.handshake.length) {
            h.handshake = Arrays.copyOf(h.handshake, Math.max(h.length + n, 2 * h.handshake.length));
        }
        System.arraycopy(b, from, h.handshake, h.length, n);
        h.length += n;
        int used = cut(d, h, h.handshake, 0, h.length, ts);
        System.arraycopy(h.handshake, used, h.handshake, 0, h.length - used);
        h.length -= used;
        if (h.length == 0) {
            h.handshake = NONE;
        }
    }

    /** Takes every complete handshake message off the front of {@code a[off .. off+n)}; returns the bytes taken. */
    private int cut(Direction d, Half h, byte[] a, int off, int n, long ts) {
        int pos = 0;
        while (n - pos >= 4) {
            int type = a[off + pos] & 0xff;
            int len = u24(a, off + pos + 1);
            if (4L + len > MAX_HANDSHAKE) {
                h.skip = 4L + len - (n - pos);
                return n;
            }
            if (n - pos < 4 + len) {
                break;
            }
            if ((type == 1 && d == Direction.CLIENT_TO_SERVER) || (type == 2 && d == Direction.SERVER_TO_CLIENT)) {
                hello(d, h, a, off + pos, 4 + len, ts);
            }
            pos += 4 + len;
        }
        return pos;
    }

    /**
     * Decodes one hello with the packet decoders, given as the handshake record that carried its start (a hello
     * in several records is given as one record of its own length).
     */
    private void hello(Direction d, Half h, byte[] a, int pos, int len, long ts) {
        byte[] rec = new byte[RECORD_HEADER + len];
        int recordLength = Math.max(h.recordLength, len);
        rec[0] = HANDSHAKE;
        rec[1] = (byte) (h.recordVersion >>> 8);
        rec[2] = (byte) h.recordVersion;
        rec[3] = (byte) (recordLength >>> 8);
        rec[4] = (byte) recordLength;
        System.arraycopy(a, pos, rec, RECORD_HEADER, len);
        Message m = d == Direction.CLIENT_TO_SERVER ? ClientHello.decode(rec, 0, rec.length, ts)
                : ServerHello.decode(rec, 0, rec.length, ts);
        if (m == null) {
            env.errors().error(d == Direction.CLIENT_TO_SERVER ? "MALFORMED_TLS_CLIENT_HELLO" : "MALFORMED_TLS_SERVER_HELLO",
                    conversation, "hello rejected by its decoder");
            return;
        }
        RecordType type = d == Direction.CLIENT_TO_SERVER ? RecordType.TLSClientHello : RecordType.TLSServerHello;
        env.records().accept(type, ContextFields.apply(m, conversation.context(d), true));
    }

    @Override
    public void gap(Direction d, long skipped) {
        Half h = d == Direction.CLIENT_TO_SERVER ? client : server;
        h.done = true; // record boundaries are lost
    }

    @Override
    public void end(EndReason reason, long unconsumedClient, long unconsumedServer) {}
}
