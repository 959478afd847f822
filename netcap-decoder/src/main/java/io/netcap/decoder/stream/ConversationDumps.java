package io.netcap.decoder.stream;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * {@code -conns}: every conversation's bytes as {@code <out>/tcp|udp/<service>/<flow>.bin}, client bytes in
 * ANSI red and server bytes in blue, as the original writes them (docs/streams.md, "Conversation dumps").
 * {@code <service>} is the service name of the server port (looked up, as the original does, in the UDP table
 * even for TCP), else {@code ascii} when the first 256 bytes are all ASCII, else {@code unknown}.
 *
 * <p>Bytes are written as they arrive, not kept to the end as the original keeps them: each conversation
 * holds at most {@value #FLUSH_BYTES} bytes before they are appended to its file (opened and closed per
 * append, so a capture of many conversations holds no file open), and all conversations together at most
 * {@value #BUDGET} bytes. A write that fails is counted, never thrown.
 */
public final class ConversationDumps {
    static final int HARVEST_BYTES = 256;
    static final int FLUSH_BYTES = 16 << 10;
    static final long BUDGET = 32L << 20;
    /** The ANSI codes before a run of client bytes (red), of server bytes (blue), and after the last run. */
    public static final String CLIENT_CODE = "\u001b[31m";
    public static final String SERVER_CODE = "\u001b[34m";
    public static final String END_CODE = "\u001b[0m";
    static final byte[] RED = CLIENT_CODE.getBytes(StandardCharsets.US_ASCII);
    static final byte[] BLUE = SERVER_CODE.getBytes(StandardCharsets.US_ASCII);
    static final byte[] RESET = END_CODE.getBytes(StandardCharsets.US_ASCII);

    private final Path out;
    private final IntFunction<String> services;
    private long buffered;
    private long written;
    private long failures;

    /**
     * @param out      the output directory
     * @param services the service name of a port ({@code ""} when unknown), or null without a table
     */
    public ConversationDumps(Path out, IntFunction<String> services) {
        this.out = out;
        this.services = services;
    }

    public long bytesWritten() {
        return written;
    }

    public long writeFailures() {
        return failures;
    }

    public Dump open(Conversation c) {
        return new Dump(c);
    }

    /** One conversation's dump. */
    public final class Dump {
        private final Conversation conversation;
        private Path file;
        private byte[] buf = new byte[64];
        private int len;
        private Direction last;

        Dump(Conversation c) {
            this.conversation = c;
            String service = services == null ? "" : services.apply(c.serverPort());
            if (service != null && !service.isEmpty()) {
                file = path(safe(service));
            }
        }

        public void data(Direction d, byte[] b, int off, int n) {
            if (d != last) {
                if (last != null) {
                    append(RESET, 0, RESET.length);
                }
                append(d == Direction.CLIENT_TO_SERVER ? RED : BLUE, 0, RED.length);
                last = d;
            }
            append(b, off, n);
            if (file == null && len >= HARVEST_BYTES + 2 * RED.length) {
                file = path(ascii() ? "ascii" : "unknown");
            }
            if (file != null && (len >= FLUSH_BYTES || buffered > BUDGET)) {
                flush();
            }
        }

        /** The conversation ended: everything buffered goes to its file. */
        public void close() {
            if (len == 0) {
                return;
            }
            append(RESET, 0, RESET.length);
            if (file == null) {
                file = path(ascii() ? "ascii" : "unknown");
            }
            flush();
            buf = null;
        }

        private Path path(String service) {
            String transport = conversation.transport() == Conversation.Transport.TCP ? "tcp" : "udp";
            return out.resolve(transport).resolve(service).resolve(conversation.cleanIdent() + ".bin");
        }

        /** The first harvester bytes of the conversation, without the colour codes, are all ASCII. */
        private boolean ascii() {
            int seen = 0;
            for (int i = 0; i < len && seen < HARVEST_BYTES; i++) {
                if (buf[i] == 0x1b) {
                    i += buf[i + 2] == '0' ? RESET.length - 1 : RED.length - 1;
                    continue;
                }
                if (buf[i] < 0) {
                    return false;
                }
                seen++;
            }
            return true;
        }

        private void append(byte[] b, int off, int n) {
            if (len + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(len + n, Math.min(2 * buf.length, FLUSH_BYTES + n)));
            }
            System.arraycopy(b, off, buf, len, n);
            len += n;
            buffered += n;
        }

        private void flush() {
            try {
                Files.createDirectories(file.getParent());
                try (OutputStream o = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                    o.write(buf, 0, len);
                }
                written += len;
            } catch (IOException e) {
                failures++;
            }
            buffered -= len;
            len = 0;
            if (buf.length > FLUSH_BYTES) {
                buf = new byte[64];
            }
        }
    }

    /** A service name as one directory name. */
    static String safe(String service) {
        String s = service.replaceAll("[^A-Za-z0-9._+-]", "_");
        return s.isEmpty() || s.chars().allMatch(ch -> ch == '.') ? "unknown" : s;
    }
}
