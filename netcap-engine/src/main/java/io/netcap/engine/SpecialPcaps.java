package io.netcap.engine;

import io.netcap.packet.Packet;
import io.netcap.packet.source.LinkType;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code unknown.pcap}, {@code errors.pcap} and {@code errors.log} (docs/original.md, "errors.pcap and unknown.pcap"): classic pcap
 * (magic a1b2c3d4 little-endian, version 2.4, microseconds, snaplen 1024, link type Ethernet as the
 * original writes regardless of the input), created at start and removed at shutdown when no packet
 * was written. Shared by the workers; each write is one synchronized append.
 */
final class SpecialPcaps implements AutoCloseable {
    static final int PCAP_MAGIC = 0xa1b2c3d4;
    static final int SNAPLEN = 1024;
    static final int GLOBAL_HEADER = 24;
    static final int BUFFER = 12 << 20;

    private final Pcap unknown;
    private final Pcap errors;
    private final BufferedWriter errorLog;
    private final Path errorLogPath;
    /**
     * Distinct messages errors.log's summary counts. Messages can carry values from the traffic (a gap's size, a
     * product name), so past this the others count under one line and hostile input cannot grow the table.
     */
    static final int MAX_MESSAGES = 10_000;

    private final Map<String, Long> errorMessages = new TreeMap<>();
    private long otherMessages;

    SpecialPcaps(Path dir, boolean writeUnknown, boolean logErrors) throws IOException {
        unknown = new Pcap(dir.resolve("unknown.pcap"), writeUnknown);
        errors = new Pcap(dir.resolve("errors.pcap"), logErrors);
        errorLogPath = dir.resolve("errors.log");
        errorLog = logErrors ? Files.newBufferedWriter(errorLogPath, StandardCharsets.UTF_8) : null;
    }

    void unknown(Packet p) {
        unknown.write(p);
    }

    void error(Packet p, long packetNumber, String message) {
        if (errorLog == null) {
            return;
        }
        errors.write(p);
        log(message, Instant.ofEpochSecond(0, p.timestampNanos()) + "\nError: " + message + "\nPacket: #" + packetNumber
                + ", " + p.capturedLength() + " of " + p.wireLength() + " bytes\n" + hexDump(p) + "\n");
    }

    /**
     * A stream parser's error (docs/streams.md, "Streaming parsers"): an errors.log entry naming the conversation and, when
     * one is known, the packet whose data revealed it; no errors.pcap entry, as no one packet is to blame.
     */
    void streamError(Packet at, long packetNumber, String kind, Object conversation, String message) {
        if (errorLog == null) {
            return;
        }
        String error = kind + ": " + message;
        log(error, (at == null ? "" : Instant.ofEpochSecond(0, at.timestampNanos()) + "\n") + "Error: " + error
                + "\nConversation: " + conversation + (at == null ? "" : ", found at packet #" + packetNumber) + "\n\n");
    }

    /**
     * Counts {@code message} for the summary (at most {@link #MAX_MESSAGES} distinct ones, the others on one line)
     * and appends {@code entry}, made outside the lock, to errors.log.
     */
    private synchronized void log(String message, String entry) {
        if (errorMessages.size() < MAX_MESSAGES || errorMessages.containsKey(message)) {
            errorMessages.merge(message, 1L, Long::sum);
        } else {
            otherMessages++;
        }
        try {
            errorLog.write(entry);
        } catch (IOException ignored) {
            // errors.log is diagnostics; a failing disk is reported by the record writers
        }
    }

    private static String hexDump(Packet p) {
        StringBuilder sb = new StringBuilder();
        byte[] b = p.buffer();
        for (int i = 0; i < p.capturedLength(); i += 16) {
            sb.append(String.format("%08x ", i));
            for (int j = i; j < Math.min(i + 16, p.capturedLength()); j++) {
                sb.append(String.format(" %02x", b[p.offset() + j] & 0xff));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    @Override
    public synchronized void close() throws IOException {
        unknown.close();
        errors.close();
        if (errorLog != null) {
            errorLog.write("\nError summary:\n");
            for (Map.Entry<String, Long> e : errorMessages.entrySet()) {
                errorLog.write(e.getValue() + "\t" + e.getKey() + "\n");
            }
            if (otherMessages > 0) {
                errorLog.write(otherMessages + "\t(messages beyond the first " + MAX_MESSAGES + " distinct ones)\n");
            }
            errorLog.close();
        }
    }

    /** One special pcap file; when disabled nothing is created. */
    private static final class Pcap {
        private final Path path;
        private final OutputStream out;
        private long packets;

        Pcap(Path path, boolean enabled) throws IOException {
            this.path = path;
            if (!enabled) {
                out = null;
                Files.deleteIfExists(path); // a stale file of an earlier run would mislead
                return;
            }
            out = new BufferedOutputStream(Files.newOutputStream(path), BUFFER);
            byte[] h = new byte[GLOBAL_HEADER];
            le32(h, 0, PCAP_MAGIC);
            le16(h, 4, 2);
            le16(h, 6, 4);
            le32(h, 16, SNAPLEN);
            le32(h, 20, LinkType.ETHERNET);
            out.write(h);
        }

        synchronized void write(Packet p) {
            if (out == null) {
                return;
            }
            byte[] h = new byte[16];
            long micros = Math.floorDiv(p.timestampNanos(), 1000);
            le32(h, 0, (int) Math.floorDiv(micros, 1_000_000));
            le32(h, 4, (int) Math.floorMod(micros, 1_000_000));
            le32(h, 8, p.capturedLength());
            le32(h, 12, p.wireLength());
            try {
                out.write(h);
                out.write(p.buffer(), p.offset(), p.capturedLength());
                packets++;
            } catch (IOException ignored) {
                // diagnostics only
            }
        }

        synchronized void close() throws IOException {
            if (out == null) {
                return;
            }
            out.close();
            if (packets == 0) {
                Files.deleteIfExists(path);
            }
        }

        private static void le16(byte[] b, int off, int v) {
            b[off] = (byte) v;
            b[off + 1] = (byte) (v >>> 8);
        }

        private static void le32(byte[] b, int off, int v) {
            le16(b, off, v);
            le16(b, off + 2, v >>> 16);
        }
    }
}
