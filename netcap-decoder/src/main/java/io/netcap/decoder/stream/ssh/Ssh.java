package io.netcap.decoder.stream.ssh;

import static io.netcap.packet.layer.Bytes.u32;

import io.netcap.decoder.stream.Conversation;
import io.netcap.decoder.stream.Direction;
import io.netcap.decoder.stream.EndReason;
import io.netcap.decoder.stream.StreamEnv;
import io.netcap.decoder.stream.StreamParser;
import io.netcap.decoder.stream.StreamProbe;
import io.netcap.decoder.stream.software.SoftwareRecords;
import io.netcap.types.RecordType;
import io.netcap.types.SSH;
import java.nio.charset.StandardCharsets;

/**
 * SSH from the reassembled stream (docs/streams.md, "SSH"): each direction's identification line (RFC 4253
 * section 4.2; the server may send other lines before it), then the binary packets (section 6) until
 * SSH_MSG_NEWKEYS, after which the direction is encrypted and its bytes are passed over. The first KEXINIT of
 * each side gives an {@code SSH} record with its HASSH; the identification lines give Software records.
 */
public final class Ssh implements StreamParser {
    static final int SSH_MSG_KEXINIT = 20;
    static final int SSH_MSG_NEWKEYS = 21;
    /** The identification line is at most 255 bytes with its CR LF (RFC 4253 4.2); other lines are held to this. */
    static final int MAX_LINE = 1024;
    /** Lines a server may send before its identification line before we stop looking. */
    static final int MAX_LINES_BEFORE = 64;
    /** Unencrypted packets are small; RFC 4253 6.1 asks for 35000 bytes, post-quantum KEXINITs stay far below. */
    static final int MAX_PACKET = 256 * 1024;
    public static final String MALFORMED = "MALFORMED_SSH";

    private enum State { IDENT, PACKETS, DONE }

    /** One direction. */
    private static final class Half {
        State state = State.IDENT;
        String ident = "";
        int linesBefore;
        /** Bytes of the current line already scanned for its LF (the rest is offered again). */
        int scanned;
        boolean kexinit;
    }

    private final Conversation conv;
    private final StreamEnv env;
    private final Half client = new Half();
    private final Half server = new Half();
    private boolean softwareWritten;
    private boolean encrypted;

    public Ssh(Conversation conv, StreamEnv env) {
        this.conv = conv;
        this.env = env;
    }

    /** An SSH conversation starts with {@code SSH-} in either direction (the server usually speaks first). */
    public static StreamProbe.Verdict probe(byte[] client, int clientLength, byte[] server, int serverLength) {
        StreamProbe.Verdict s = startsWithSsh(server, serverLength);
        return s == StreamProbe.Verdict.MATCH ? s : max(s, startsWithSsh(client, clientLength));
    }

    private static StreamProbe.Verdict max(StreamProbe.Verdict a, StreamProbe.Verdict b) {
        if (a == StreamProbe.Verdict.MATCH || b == StreamProbe.Verdict.MATCH) {
            return StreamProbe.Verdict.MATCH;
        }
        return a == StreamProbe.Verdict.MORE || b == StreamProbe.Verdict.MORE ? StreamProbe.Verdict.MORE
                : StreamProbe.Verdict.NO;
    }

    private static StreamProbe.Verdict startsWithSsh(byte[] b, int len) {
        byte[] prefix = {'S', 'S', 'H', '-'};
        for (int i = 0; i < prefix.length; i++) {
            if (i == len) {
                return StreamProbe.Verdict.MORE;
            }
            if (b[i] != prefix[i]) {
                return StreamProbe.Verdict.NO;
            }
        }
        return StreamProbe.Verdict.MATCH;
    }

    /** Whether a side sent SSH_MSG_NEWKEYS (the rest of the conversation is encrypted). */
    public boolean encrypted() {
        return encrypted;
    }

    @Override
    public int parse(Direction d, byte[] b, int off, int len, long tsNanos) {
        Half h = d == Direction.CLIENT_TO_SERVER ? client : server;
        int used = 0;
        while (used < len) {
            int n = switch (h.state) {
                case IDENT -> line(d, h, b, off + used, len - used);
                case PACKETS -> packet(d, h, b, off + used, len - used);
                case DONE -> len - used;
            };
            if (n == 0) {
                break;
            }
            used += n;
        }
        return used;
    }

    /** One line before or of the identification; 0 while its LF has not arrived. */
    private int line(Direction d, Half h, byte[] b, int off, int len) {
        int lf = -1;
        for (int i = h.scanned; i < len; i++) {
            if (b[off + i] == '\n') {
                lf = i;
                break;
            }
        }
        if (lf < 0) {
            h.scanned = len;
            if (len > MAX_LINE) {
                give(h, "line of more than " + MAX_LINE + " bytes before the identification");
                return len;
            }
            return 0;
        }
        h.scanned = 0;
        int end = lf > 0 && b[off + lf - 1] == '\r' ? lf - 1 : lf;
        String text = new String(b, off, end, StandardCharsets.UTF_8);
        if (text.startsWith("SSH-")) {
            h.ident = text.strip();
            h.state = State.PACKETS;
            if (!client.ident.isEmpty() && !server.ident.isEmpty()) {
                writeSoftware();
            }
        } else if (d == Direction.CLIENT_TO_SERVER) {
            give(h, "client line before its identification"); // only the server may send them (RFC 4253 4.2)
        } else if (++h.linesBefore > MAX_LINES_BEFORE) {
            give(h, "more than " + MAX_LINES_BEFORE + " lines before the identification");
        }
        return lf + 1;
    }

    /** One binary packet (RFC 4253 section 6, no MAC before the first NEWKEYS); 0 while it is incomplete. */
    private int packet(Direction d, Half h, byte[] b, int off, int len) {
        if (len < 6) {
            return 0;
        }
        long packetLength = u32(b, off) & 0xffffffffL;
        int padding = b[off + 4] & 0xff;
        if (packetLength > MAX_PACKET || packetLength < padding + 2L) {
            give(h, "packet length " + packetLength + " with padding " + padding);
            return len;
        }
        if (len < 4 + packetLength) {
            return 0;
        }
        int payload = (int) packetLength - padding - 1;
        int code = b[off + 5] & 0xff;
        if (code == SSH_MSG_KEXINIT && !h.kexinit) {
            h.kexinit = true;
            KexInit k = KexInit.parse(b, off + 6, payload - 1);
            if (k == null) {
                env.errors().error(MALFORMED, conv, "KEXINIT name-lists do not fit its packet");
            } else {
                write(d, h, k);
            }
        } else if (code == SSH_MSG_NEWKEYS) {
            h.state = State.DONE; // RFC 4253 7.3: the new keys are used from the next packet on
            if (!encrypted) {
                env.encrypted("ssh");
            }
            encrypted = true;
        }
        return 4 + (int) packetLength;
    }

    private void write(Direction d, Half h, KexInit k) {
        boolean isClient = d == Direction.CLIENT_TO_SERVER;
        SSH.Builder r = SSH.newBuilder()
                .setTimestamp(isClient ? conv.firstClientNanos() : conv.firstServerNanos())
                .setHASSH(k.hassh())
                .setFlow(isClient ? conv.ident() : reversedIdent())
                .setIdent(h.ident)
                .setAlgorithms(k.clientAlgorithms())
                .setIsClient(isClient);
        if (!isClient) {
            r.setHASSHServer(k.hasshServer());
        }
        env.records().accept(RecordType.SSH, r.build());
        SoftwareRecords.hassh(env, conv, k.hassh());
    }

    private String reversedIdent() {
        return conv.serverIp() + ":" + conv.serverPort() + "->" + conv.clientIp() + ":" + conv.clientPort();
    }

    private void give(Half h, String why) {
        h.state = State.DONE;
        env.errors().error(MALFORMED, conv, why);
    }

    @Override
    public void gap(Direction d, long skipped) {
        Half h = d == Direction.CLIENT_TO_SERVER ? client : server;
        h.state = State.DONE; // the packet framing is lost; nothing after a gap is read
    }

    @Override
    public void end(EndReason reason, long unconsumedClient, long unconsumedServer) {
        writeSoftware();
    }

    /** Once per conversation, when both identifications are known or at its end. */
    private void writeSoftware() {
        if (softwareWritten) {
            return;
        }
        softwareWritten = true;
        SoftwareRecords.sshIdent(env, conv, client.ident, true, server.ident);
        SoftwareRecords.sshIdent(env, conv, server.ident, false, server.ident);
    }
}
