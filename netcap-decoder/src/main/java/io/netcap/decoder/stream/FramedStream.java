package io.netcap.decoder.stream;

import static io.netcap.packet.layer.Bytes.u16;

import com.google.protobuf.Message;
import io.netcap.decoder.AppDecoding;
import io.netcap.decoder.ContextFields;
import io.netcap.decoder.WireWriter;
import io.netcap.decoder.app.AppDecoder;
import io.netcap.decoder.app.Dns;
import io.netcap.decoder.app.Enip;
import io.netcap.decoder.app.Modbus;
import io.netcap.packet.layer.Bytes;
import io.netcap.types.RecordType;
import java.util.ArrayList;
import java.util.List;

/**
 * Application messages with a length in their header, over reassembled TCP: each complete message of either
 * direction goes to the protocol's packet decoder, wherever the segments cut it, and several messages in one
 * segment each give their records. The original decodes DNS, Modbus and ENIP/CIP per packet only, so it
 * misses messages that span segments and, by default, every one of them over TCP.
 *
 * <p>DNS and Modbus records are written in wire format with the conversation's context appended, as the packet
 * path writes them ({@link AppDecoding}): building a message and a copy of it with the context cost more than
 * reading the message. ENIP's records, several per message, go through their packet decoder's messages.
 */
public final class FramedStream implements StreamParser {
    /** The length of the message at the start of {@code b}, -1 while its header is incomplete, -2 if invalid. */
    @FunctionalInterface
    public interface Framing {
        int length(byte[] b, int off, int len);
    }

    /** Writes the record of one whole message in wire format, without context; false when it is rejected. */
    @FunctionalInterface
    public interface Encoder {
        boolean encode(byte[] b, int off, int len, long tsNanos, WireWriter out);
    }

    /** A protocol whose record is written in wire format: its type, its context fields and its writer. */
    public record Wire(RecordType type, AppDecoding.ContextFieldNumbers context, Encoder encoder) {}

    static final int NEED_MORE = -1;
    static final int INVALID = -2;

    /** The worker's record being written and the text of one address: one per thread, not per conversation. */
    private static final class Scratch {
        final WireWriter writer = new WireWriter();
        final byte[] text = new byte[48];
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private final Conversation conversation;
    private final StreamEnv env;
    private final String name;
    private final Framing framing;
    /** Exactly one of the two is set. */
    private final AppDecoder decoder;
    private final Wire wire;
    private final List<Message> out;
    private final boolean[] done = new boolean[2];

    public FramedStream(Conversation conversation, StreamEnv env, String name, Framing framing, AppDecoder decoder) {
        this(conversation, env, name, framing, decoder, null);
    }

    public FramedStream(Conversation conversation, StreamEnv env, String name, Framing framing, Wire wire) {
        this(conversation, env, name, framing, null, wire);
    }

    private FramedStream(Conversation conversation, StreamEnv env, String name, Framing framing, AppDecoder decoder,
                         Wire wire) {
        this.conversation = conversation;
        this.env = env;
        this.name = name;
        this.framing = framing;
        this.decoder = decoder;
        this.wire = wire;
        this.out = decoder == null ? null : new ArrayList<>(2);
    }

    @Override
    public int parse(Direction d, byte[] b, int off, int len, long tsNanos) {
        if (done[d.ordinal()]) {
            return len;
        }
        int n = framing.length(b, off, len);
        if (n == NEED_MORE || (n > 0 && n > len)) {
            return 0;
        }
        if (n <= 0) {
            done[d.ordinal()] = true; // framing lost: the rest of this direction is not decoded
            env.errors().error("MALFORMED_" + name, conversation, "invalid message header");
            return len;
        }
        if (!(wire != null ? wired(d, b, off, n, tsNanos) : messages(d, b, off, n, tsNanos))) {
            env.errors().error("MALFORMED_" + name, conversation, "message rejected by its decoder");
        }
        return n;
    }

    private boolean wired(Direction d, byte[] b, int off, int n, long tsNanos) {
        Scratch s = SCRATCH.get();
        WireWriter w = s.writer;
        if (!wire.encoder().encode(b, off, n, tsNanos, w)) {
            return false;
        }
        AppDecoding.writeContext(w, wire.context(), conversation.context(d), true, s.text);
        env.records().accept(wire.type(), w.buffer(), w.length());
        return true;
    }

    private boolean messages(Direction d, byte[] b, int off, int n, long tsNanos) {
        out.clear();
        decoder.decode(b, off, n, tsNanos, AppDecoder.Options.TCP, out);
        for (Message m : out) {
            env.records().accept(AppDecoding.type(m), ContextFields.apply(m, conversation.context(d), true));
        }
        return !out.isEmpty();
    }

    @Override
    public void gap(Direction d, long skipped) {
        done[d.ordinal()] = true;
    }

    @Override
    public void end(EndReason reason, long unconsumedClient, long unconsumedServer) {}

    // ---- the protocols -------------------------------------------------------------------------------------

    /** DNS over TCP (RFC 1035 section 4.2.2; RFC 7766): a two-byte length before each message. */
    public static int dnsLength(byte[] b, int off, int len) {
        if (len < 2) {
            return NEED_MORE;
        }
        int n = u16(b, off);
        return n < 12 ? INVALID : 2 + n;
    }

    /** Modbus/TCP: the MBAP header's length counts the unit identifier and the PDU (at most 254 bytes). */
    public static int modbusLength(byte[] b, int off, int len) {
        if (len < 6) {
            return NEED_MORE;
        }
        int n = u16(b, off + 4);
        return u16(b, off + 2) != 0 || n < 2 || n > 254 ? INVALID : 6 + n;
    }

    /** EtherNet/IP encapsulation: a 24-byte header whose little-endian length counts the data after it. */
    public static int enipLength(byte[] b, int off, int len) {
        if (len < 24) {
            return NEED_MORE;
        }
        return 24 + Bytes.u16le(b, off + 2);
    }

    public static final Wire DNS = new Wire(RecordType.DNS, AppDecoding.DNS_CONTEXT,
            (b, off, len, ts, w) -> Dns.encode(b, off, len, ts, true, w));

    public static final Wire MODBUS = new Wire(RecordType.Modbus, AppDecoding.MODBUS_CONTEXT,
            (b, off, len, ts, w) -> Modbus.encode(b, off, len, ts, AppDecoder.Options.TCP.payload(), w));

    public static void enip(byte[] b, int off, int len, long ts, AppDecoder.Options o, List<Message> out) {
        Enip.decodeAll(b, off, len, ts, o.payload(), out);
    }

    /**
     * A DNS request from the client: a length of a header at least, the query bit clear, and the counts its op
     * code asks for: one to sixteen questions and no answers (QUERY, STATUS), no question and the one answer it
     * asks about (IQUERY, RFC 1035 section 6.4), one question and at most one answer (NOTIFY, RFC 1996), one zone
     * (UPDATE, RFC 2136).
     */
    public static StreamProbe.Verdict dnsProbe(byte[] c, int cl, byte[] s, int sl) {
        if (cl < 14) {
            return cl == 0 || cl < 2 || u16(c, 0) >= 12 ? StreamProbe.Verdict.MORE : StreamProbe.Verdict.NO;
        }
        int n = u16(c, 0);
        int flags = u16(c, 4);
        int questions = u16(c, 6);
        int answers = u16(c, 8);
        boolean counts = switch ((flags >>> 11) & 0xf) {
            case 0, 2 -> questions >= 1 && questions <= 16 && answers == 0;
            case 1 -> questions == 0 && answers == 1;
            case 4 -> questions == 1 && answers <= 1;
            case 5 -> questions == 1;
            default -> false;
        };
        return n >= 12 && (flags & 0x8000) == 0 && (flags & 0x0040) == 0 && counts
                ? StreamProbe.Verdict.MATCH : StreamProbe.Verdict.NO;
    }

    /** Modbus/TCP requests: protocol identifier 0, a plausible length and a public function code. */
    public static StreamProbe.Verdict modbusProbe(byte[] c, int cl, byte[] s, int sl) {
        if (cl >= 4 && u16(c, 2) != 0) {
            return StreamProbe.Verdict.NO;
        }
        if (cl < 8) {
            return StreamProbe.Verdict.MORE;
        }
        int n = u16(c, 4);
        int function = c[7] & 0xff;
        boolean known = (function >= 1 && function <= 24) || function == 43;
        return u16(c, 2) == 0 && n >= 2 && n <= 254 && known ? StreamProbe.Verdict.MATCH : StreamProbe.Verdict.NO;
    }

    /** EtherNet/IP: an encapsulation command of the specification, status 0 and options 0 in a request. */
    public static StreamProbe.Verdict enipProbe(byte[] c, int cl, byte[] s, int sl) {
        if (cl < 24) {
            return StreamProbe.Verdict.MORE;
        }
        int command = Bytes.u16le(c, 0);
        boolean known = command == 0x0004 || command == 0x0063 || command == 0x0064 || command == 0x0065
                || command == 0x0066 || command == 0x006f || command == 0x0070;
        boolean zero = c[8] == 0 && c[9] == 0 && c[10] == 0 && c[11] == 0 && c[20] == 0 && c[21] == 0 && c[22] == 0
                && c[23] == 0;
        return known && zero ? StreamProbe.Verdict.MATCH : StreamProbe.Verdict.NO;
    }

}
