package io.netcap.decoder.stream;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The reassembly log's trace (docs/streams.md, "Tracing the reassembly"): {@code -tcp-debug} writes a line per TCP
 * segment offered to the reassembler with what it changed, {@code -reassembly-debug} a line per chunk delivered, gap
 * skipped and conversation ended, {@code -hexdump} each delivered chunk in hex as the original did. The statistics
 * of the end follow the trace in the same file. Shared by the workers; what one event writes is written whole.
 */
public final class ReassemblyTrace implements Closeable {
    /**
     * Which parts of the trace are on.
     *
     * @param segments   {@code -tcp-debug}
     * @param deliveries {@code -reassembly-debug}
     * @param hexdump    {@code -hexdump}
     */
    public record Options(boolean segments, boolean deliveries, boolean hexdump) {
        public static final Options OFF = new Options(false, false, false);

        public boolean any() {
            return segments || deliveries || hexdump;
        }
    }

    private final Options options;
    private final BufferedWriter out;
    /** The first write that failed: later ones are not tried, and {@link #close} reports it. */
    private IOException failure;

    private ReassemblyTrace(Options options, BufferedWriter out) {
        this.options = options;
        this.out = out;
    }

    public static ReassemblyTrace open(Path file, Options options) throws IOException {
        return new ReassemblyTrace(options, Files.newBufferedWriter(file, StandardCharsets.UTF_8));
    }

    /** One worker's side of the trace: made once per worker, used by that worker's thread only. */
    public Worker worker() {
        return new Worker();
    }

    /**
     * What one worker writes. While it offers a segment ({@link #begin}), the deliveries, gaps and ends that segment
     * causes are held and written after the segment's line, all at once, so that the lines of the two workers do not
     * interleave inside one segment's story.
     */
    public final class Worker {
        private final StringBuilder held = new StringBuilder(256);
        private final long[] before = new long[ReassemblyCounters.size()];
        private final long[] after = new long[ReassemblyCounters.size()];
        private boolean inSegment;

        private Worker() {
        }

        public boolean segments() {
            return options.segments();
        }

        /** Deliveries are traced ({@code -reassembly-debug} or {@code -hexdump}). */
        boolean deliveries() {
            return options.deliveries() || options.hexdump();
        }

        /** A segment is about to be offered to the reassembler that {@code counts} belong to. */
        public void begin(ReassemblyCounters counts) {
            counts.copyTo(before);
            inSegment = true;
        }

        /**
         * The segment's line: its time, endpoints as it travelled, sequence number, flags and payload length, then
         * every reassembly count it changed ({@code reassembled_bytes+1460}), or {@code -} when it changed none;
         * then what it delivered, skipped and ended.
         */
        public void segment(long tsNanos, String src, int srcPort, String dst, int dstPort, int seq, int flags,
                            int len, ReassemblyCounters counts) {
            StringBuilder line = new StringBuilder(128 + held.length());
            line.append(Instant.ofEpochSecond(0, tsNanos)).append(" segment ").append(src).append(':')
                    .append(srcPort).append("->").append(dst).append(':').append(dstPort).append(" seq=")
                    .append(Integer.toUnsignedString(seq)).append(" flags=");
            flags(line, flags);
            line.append(" len=").append(len).append(':');
            counts.copyTo(after);
            int changed = 0;
            for (int i = 0; i < after.length; i++) {
                if (after[i] != before[i]) {
                    line.append(' ').append(ReassemblyCounters.NAMES[i]).append('+').append(after[i] - before[i]);
                    changed++;
                }
            }
            if (changed == 0) {
                line.append(" -");
            }
            line.append('\n').append(held);
            held.setLength(0);
            inSegment = false;
            write(line);
        }

        /** {@code len} bytes of {@code d} delivered to the conversation's decoder. */
        void data(Conversation c, Direction d, byte[] b, int off, int len, long tsNanos) {
            StringBuilder line = out(options.hexdump() ? 96 + len * 4 : 128);
            head(line, tsNanos, "data", c, d).append(' ').append(len).append(" bytes\n");
            if (options.hexdump()) {
                ReassemblyTrace.hexdump(line, b, off, len);
            }
            done(line);
        }

        /** {@code skipped} bytes of {@code d} that will not be delivered. */
        void gap(Conversation c, Direction d, long skipped) {
            if (options.deliveries()) {
                done(head(out(128), -1, "gap", c, d).append(' ').append(skipped).append(" bytes skipped\n"));
            }
        }

        /** The conversation ended for {@code reason}, with the bytes each direction delivered and missed. */
        void end(Conversation c, EndReason reason) {
            if (options.deliveries()) {
                done(out(192).append("end ").append(c.ident()).append(' ').append(reason)
                        .append(": client->server ").append(c.bytes(Direction.CLIENT_TO_SERVER))
                        .append(" bytes, missed ").append(c.missed(Direction.CLIENT_TO_SERVER))
                        .append("; server->client ").append(c.bytes(Direction.SERVER_TO_CLIENT))
                        .append(" bytes, missed ").append(c.missed(Direction.SERVER_TO_CLIENT))
                        .append("; first packet ").append(Instant.ofEpochSecond(0, c.firstSeenNanos())).append('\n'));
            }
        }

        /** Where an event's text goes: the held lines of the segment being offered, else a line of its own. */
        private StringBuilder out(int capacity) {
            return inSegment && options.segments() ? held : new StringBuilder(capacity);
        }

        private void done(StringBuilder text) {
            if (text != held) {
                write(text);
            }
        }
    }

    /** tcpdump's flag letters: F, S, R, P, U, E, W, and a dot for ACK; {@code none} for none. */
    private static void flags(StringBuilder sb, int flags) {
        int start = sb.length();
        String letters = "FSRP";
        for (int i = 0; i < 4; i++) {
            if ((flags & (1 << i)) != 0) {
                sb.append(letters.charAt(i));
            }
        }
        if ((flags & 0x20) != 0) {
            sb.append('U');
        }
        if ((flags & 0x40) != 0) {
            sb.append('E');
        }
        if ((flags & 0x80) != 0) {
            sb.append('W');
        }
        if ((flags & TcpReassembler.ACK) != 0) {
            sb.append('.');
        }
        if (sb.length() == start) {
            sb.append("none");
        }
    }

    /** The time (when known), the event and where: {@code <ident> client->server}. */
    private static StringBuilder head(StringBuilder sb, long tsNanos, String event, Conversation c, Direction d) {
        if (tsNanos >= 0) {
            sb.append(Instant.ofEpochSecond(0, tsNanos)).append(' ');
        }
        return sb.append(event).append(' ').append(c.ident())
                .append(d == Direction.CLIENT_TO_SERVER ? " client->server" : " server->client");
    }

    /**
     * The canonical hex dump ({@code hexdump -C}, Go's {@code hex.Dump} that the original wrote): an 8-digit offset,
     * 16 bytes in two groups of eight, the printable ASCII between bars; no closing offset line.
     */
    static void hexdump(StringBuilder sb, byte[] b, int off, int len) {
        for (int row = 0; row < len; row += 16) {
            String at = Integer.toHexString(row);
            sb.append("0".repeat(Math.max(0, 8 - at.length()))).append(at).append("  ");
            int n = Math.min(16, len - row);
            for (int i = 0; i < 16; i++) {
                if (i < n) {
                    int v = b[off + row + i] & 0xFF;
                    sb.append(Character.forDigit(v >> 4, 16)).append(Character.forDigit(v & 15, 16)).append(' ');
                } else {
                    sb.append("   ");
                }
                if (i == 7) {
                    sb.append(' ');
                }
            }
            sb.append(" |");
            for (int i = 0; i < n; i++) {
                int v = b[off + row + i] & 0xFF;
                sb.append(v >= 0x20 && v < 0x7F ? (char) v : '.');
            }
            sb.append("|\n");
        }
    }

    private synchronized void write(CharSequence text) {
        if (failure != null) {
            return;
        }
        try {
            out.append(text);
        } catch (IOException e) {
            failure = e; // a worker goes on; the capture reports it at the end
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
        if (failure != null) {
            throw new IOException("reassembly.log: " + failure.getMessage(), failure);
        }
    }
}
