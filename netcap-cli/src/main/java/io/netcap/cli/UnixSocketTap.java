package io.netcap.cli;

import io.netcap.engine.RecordTap;
import io.netcap.io.RecordEncoding;
import io.netcap.io.RecordLabels;
import io.netcap.io.WriterOptions;
import io.netcap.types.RecordType;
import io.netcap.types.format.CsvEncoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code capture -unix} (docs/scale-out.md, "Unix datagram sockets"): the CSV lines of each record type, as
 * {@code -csv} writes them (with {@code -encode} encoded, with {@code -labels} labeled), sent as datagrams to the
 * Unix socket {@code <dir>/<Type>.sock} a receiver has bound: the header line first, then the records, several lines
 * to a datagram of at most {@link #DATAGRAM} bytes (a longer line alone).
 *
 * <p>The original connected every type's socket at the start and aborted when one was missing, and retried a failed
 * write every 15 ms without end, so a receiver that stopped reading stopped the capture. Here a type's socket is
 * connected at its first record; the records of a type without a receiver, and the datagrams a receiver does not take
 * within {@link #TIMEOUT}, are counted, and the capture goes on. Each type is fed by one writer thread.
 */
final class UnixSocketTap implements RecordTap {
    static final int DATAGRAM = 1 << 16;
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final Path dir;
    private final boolean encode;
    private final RecordLabels labels;
    private final Map<RecordType, Target> targets = new EnumMap<>(RecordType.class);
    private final LongAdder handed = new LongAdder();
    private final LongAdder noReceiver = new LongAdder();
    private final LongAdder datagrams = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private WriterOptions options;

    /** One type's socket and encoding state; null socket: no receiver, {@code why} says what failed. */
    private record Target(UnixDatagram socket, CsvEncoder encoder, String why) {}

    UnixSocketTap(Path dir, boolean encode, RecordLabels labels) {
        this.dir = dir;
        this.encode = encode;
        this.labels = labels;
    }

    @Override
    public void start(WriterOptions options) {
        this.options = options;
    }

    @Override
    public void accept(RecordType type, byte[] data, int length, int records) {
        Target t = target(type);
        if (t.socket() == null) {
            noReceiver.add(records);
            return;
        }
        handed.add(records);
        RecordEncoding csv = encode ? RecordEncoding.ENCODED_CSV : RecordEncoding.CSV;
        byte[] lines;
        try {
            lines = csv.lines(type, data, 0, length, t.encoder(), labels);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the engine's own chunk: whole records
        }
        send(t.socket(), lines);
    }

    private Target target(RecordType type) {
        synchronized (targets) {
            Target t = targets.get(type);
            if (t == null) {
                Path path = dir.resolve(type.fileName() + ".sock");
                try {
                    UnixDatagram socket = UnixDatagram.connect(path, TIMEOUT);
                    t = new Target(socket, encode ? new CsvEncoder(type) : null, null);
                    byte[] header = RecordEncoding.CSV.head(type, options, labels != null);
                    send(socket, header);
                } catch (IOException e) {
                    t = new Target(null, null, e.getMessage());
                }
                targets.put(type, t);
            }
            return t;
        }
    }

    /** The lines in datagrams of at most {@link #DATAGRAM} bytes, each cut after a line; a longer line goes alone. */
    private void send(UnixDatagram socket, byte[] lines) {
        int start = 0;
        while (start < lines.length) {
            int end = lineEnd(lines, start);
            for (int next = end; next < lines.length && (next = lineEnd(lines, next)) - start <= DATAGRAM; ) {
                end = next;
            }
            if (socket.send(lines, start, end - start) == 0) {
                datagrams.increment();
            } else {
                failed.increment();
            }
            start = end;
        }
    }

    /**
     * Just after the newline that ends the line at {@code from}, or the end. (A quoted value may hold a newline too:
     * such a record may then be split between two datagrams, which a receiver reading a stream of lines joins.)
     */
    private static int lineEnd(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == '\n') {
                return i + 1;
            }
        }
        return b.length;
    }

    @Override
    public void close() {
        synchronized (targets) {
            targets.values().forEach(t -> {
                if (t.socket() != null) {
                    t.socket().close();
                }
            });
        }
    }

    /** Types whose socket could not be connected, and why. */
    Map<String, String> missing() {
        Map<String, String> m = new TreeMap<>();
        synchronized (targets) {
            targets.forEach((type, t) -> {
                if (t.socket() == null) {
                    m.put(type.fileName(), t.why());
                }
            });
        }
        return m;
    }

    @Override
    public Duration handOverInterval() {
        return Duration.ofSeconds(1); // a quiet live link still delivers its lines
    }

    @Override
    public String name() {
        return "unix";
    }

    @Override
    public Map<String, Long> stats() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("records", handed.sum());
        m.put("records_without_receiver", noReceiver.sum());
        m.put("datagrams", datagrams.sum());
        m.put("datagrams_not_taken", failed.sum());
        if (encode) {
            long overCap = 0;
            synchronized (targets) {
                for (Target t : targets.values()) {
                    overCap += t.encoder() == null ? 0 : t.encoder().overCap().values().stream().mapToLong(Long::longValue).sum();
                }
            }
            m.put("values_over_category_cap", overCap); // written as -1 (docs/engine.md, "Output encodings")
        }
        return m;
    }
}
