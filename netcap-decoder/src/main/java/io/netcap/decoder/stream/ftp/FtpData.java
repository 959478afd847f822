package io.netcap.decoder.stream.ftp;

import io.netcap.decoder.stream.Conversation;
import io.netcap.decoder.stream.Direction;
import io.netcap.decoder.stream.EndReason;
import io.netcap.decoder.stream.StreamEnv;
import io.netcap.decoder.stream.StreamParser;
import io.netcap.decoder.stream.StreamProbe;
import io.netcap.decoder.stream.files.FileExtraction;
import io.netcap.decoder.stream.files.FileExtraction.BodySink;
import io.netcap.decoder.stream.files.FileOrigin;
import java.util.Arrays;

/**
 * An FTP data connection (RFC 959 section 3.2): in stream mode the file is the bytes of one direction up to the
 * connection's close. They go to file extraction named by the control connection's transfer command; until
 * that name is known (the control connection may be another worker's, behind this one) they are held, within
 * the capture-wide cap of {@link FtpDataChannels}, and a connection that ends first leaves them there for the
 * control connection. Listings ({@code LIST}, {@code NLST}, {@code MLSD}) are not files and are discarded.
 *
 * <p>With file extraction on, a connection no other stream decoder claims whose ports fit FTP data (server port
 * 1024 or above: passive; client port 20: active) is held as well, up to {@link #MAX_UNANNOUNCED} bytes, even
 * when no control connection has been seen: its control connection may be another worker's that has not got
 * that far yet.
 */
public final class FtpData implements StreamParser {
    /** Error kinds, counted through {@link StreamEnv#errors()}. */
    public static final String HELD_CAP = "FTP_DATA_HELD_CAP";
    /** Bytes held of a connection not (yet) known to be FTP data. */
    public static final int MAX_UNANNOUNCED = 8 << 20;

    private final Conversation conv;
    private final StreamEnv env;
    private final FtpDataChannels channels;
    private FtpDataChannels.Transfer transfer;
    /** The direction carrying the file: the first that sends. */
    private Direction data;
    private byte[] held = new byte[0];
    private int heldLen;
    private BodySink sink;
    private boolean discard;
    private boolean cut;

    public FtpData(Conversation conv, StreamEnv env) {
        this.conv = conv;
        this.env = env;
        this.channels = env.ftpData();
        this.discard = env.files() == FileExtraction.OFF;
        this.transfer = channels.lookup(conv);
    }

    /** Selects connections the table expects, or that run between hosts with a control connection. */
    public static final StreamProbe PROBE = new StreamProbe() {
        @Override
        public Verdict test(byte[] client, int clientLength, byte[] server, int serverLength) {
            return Verdict.NO;
        }

        @Override
        public Verdict test(Conversation c, StreamEnv env, byte[] client, int clientLength, byte[] server,
                            int serverLength) {
            if (c.transport() != Conversation.Transport.TCP) {
                return Verdict.NO;
            }
            boolean ports = c.serverPort() >= 1024 || c.clientPort() == 20;
            return env.ftpData().candidate(c) || (ports && env.files() != FileExtraction.OFF)
                    ? Verdict.MATCH : Verdict.NO;
        }
    };

    @Override
    public int parse(Direction d, byte[] b, int off, int len, long tsNanos) {
        if (discard || len == 0) {
            return len;
        }
        if (data == null) {
            data = d;
        }
        if (d != data) {
            return len;
        }
        if (sink == null && !resolve()) {
            hold(b, off, len);
        } else if (sink != null) {
            sink.write(b, off, len);
        }
        return len;
    }

    /** Opens the file once the name is known (or discards a listing); false while the name is awaited. */
    private boolean resolve() {
        if (transfer == null) {
            transfer = channels.lookup(conv);
        }
        FtpDataChannels.Named n = transfer == null ? null : channels.named(transfer);
        if (n == null) {
            return false;
        }
        open(n.command(), n.name());
        return true;
    }

    private void open(String command, String name) {
        if (FtpCommands.isFileTransfer(command)) {
            sink = env.files().open(origin(conv, name));
        }
        if (sink == null) {
            discard = true;
        } else if (heldLen > 0) {
            sink.write(held, 0, heldLen);
        }
        channels.release(heldLen);
        held = new byte[0];
        heldLen = 0;
    }

    private void hold(byte[] b, int off, int len) {
        if (transfer == null && heldLen + len > MAX_UNANNOUNCED) {
            drop(); // too long to wait for an announcement that may never come
            return;
        }
        if (!channels.reserve(len)) {
            env.errors().error(HELD_CAP, conv, "data bytes waiting for their name over the capture's cap");
            if (transfer != null) {
                open("RETR", null); // announced: stored without its name
                if (sink != null) {
                    sink.write(b, off, len);
                }
            } else {
                drop();
            }
            return;
        }
        if (heldLen + len > held.length) {
            held = Arrays.copyOf(held, Math.max(heldLen + len, Math.max(4096, held.length * 2)));
        }
        System.arraycopy(b, off, held, heldLen, len);
        heldLen += len;
    }

    private void drop() {
        channels.release(heldLen);
        held = new byte[0];
        heldLen = 0;
        discard = true;
    }

    /** The origin of a file of a data connection, named by the last element of the command's path. */
    static FileOrigin origin(Conversation dataConnection, String path) {
        return new FileOrigin(dataConnection, "FTP", FtpCommands.fileName(path), "", "", null,
                dataConnection.firstSeenNanos());
    }

    @Override
    public void gap(Direction d, long skipped) {
        if (data == null || d == data) {
            cut = true;
        }
    }

    @Override
    public void end(EndReason reason, long unconsumedClient, long unconsumedServer) {
        boolean complete = !cut && reason == EndReason.FIN;
        if (discard) {
            return;
        }
        if (sink == null && heldLen > 0 && !resolve()) {
            if (channels.park(new FtpDataChannels.Parked(conv, held, heldLen, complete))) {
                return;
            }
            resolve();
        }
        if (sink != null) {
            sink.close(complete);
            sink = null;
        }
    }
}
