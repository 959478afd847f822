package io.netcap.decoder.stream;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * {@code capture -debug} (docs/streams.md, "Debugging a conversation"): a line in {@code debug.log} for every
 * conversation the stream layer ends, saying which decoder read it (or that none did), why it ended, the bytes
 * each direction delivered and missed, and each direction's first bytes, so that a user can see why a conversation
 * gave no records. Shared by the workers; a line is written whole.
 */
public final class StreamDebug implements Closeable {
    /** Bytes of each direction shown. */
    static final int START = 32;

    private final BufferedWriter out;
    private final StringBuilder line = new StringBuilder(256);
    /** The first write that failed: later lines are not written, and {@link #close} reports it. */
    private IOException failure;

    private StreamDebug(BufferedWriter out) {
        this.out = out;
    }

    public static StreamDebug open(Path file) throws IOException {
        BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        w.write("# first seen (UTC)\ttransport\tclient->server\tdecoder\tend\tclient bytes\tclient missed"
                + "\tserver bytes\tserver missed\tclient's first bytes\tserver's first bytes\n");
        return new StreamDebug(w);
    }

    /** The line of a conversation that {@code session} decoded and that ended for {@code reason}. */
    synchronized void ended(StreamSession session, EndReason reason) {
        if (failure != null) {
            return;
        }
        Conversation c = session.conversation();
        String decoder = session.protocol();
        line.setLength(0);
        line.append(Instant.ofEpochSecond(0, c.firstSeenNanos())).append('\t').append(c.transport()).append('\t')
                .append(c.ident()).append('\t').append(decoder == null ? "none" : decoder).append('\t')
                .append(reason.name()).append('\t')
                .append(c.bytes(Direction.CLIENT_TO_SERVER)).append('\t').append(c.missed(Direction.CLIENT_TO_SERVER))
                .append('\t').append(c.bytes(Direction.SERVER_TO_CLIENT)).append('\t')
                .append(c.missed(Direction.SERVER_TO_CLIENT)).append('\t');
        text(session.start(Direction.CLIENT_TO_SERVER), session.startLength(Direction.CLIENT_TO_SERVER));
        line.append('\t');
        text(session.start(Direction.SERVER_TO_CLIENT), session.startLength(Direction.SERVER_TO_CLIENT));
        line.append('\n');
        try {
            out.append(line);
        } catch (IOException e) {
            failure = e; // a worker goes on; the capture reports it at the end
        }
    }

    /** Printable ASCII as it is, backslash, tab, CR and LF escaped, any other byte as \xHH. */
    private void text(byte[] b, int n) {
        for (int i = 0; i < n; i++) {
            int v = b[i] & 0xFF;
            switch (v) {
                case '\\' -> line.append("\\\\");
                case '\t' -> line.append("\\t");
                case '\r' -> line.append("\\r");
                case '\n' -> line.append("\\n");
                default -> {
                    if (v >= 0x20 && v < 0x7F) {
                        line.append((char) v);
                    } else {
                        line.append("\\x").append(Character.forDigit(v >> 4, 16)).append(Character.forDigit(v & 15, 16));
                    }
                }
            }
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
        if (failure != null) {
            throw new IOException("debug.log: " + failure.getMessage(), failure);
        }
    }
}
