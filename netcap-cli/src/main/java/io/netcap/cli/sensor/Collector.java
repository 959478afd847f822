package io.netcap.cli.sensor;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Parser;
import io.netcap.cli.sensor.SensorDatagram.Opened;
import io.netcap.cli.sensor.SensorDatagram.Rejection;
import io.netcap.io.RecordWriter;
import io.netcap.io.WriterOptions;
import io.netcap.types.Batch;
import io.netcap.types.RecordType;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.SequencedSet;
import java.util.regex.Pattern;

/**
 * {@code net collect}: receives sensor datagrams on UDP and appends their records to
 * {@code OUT/<ClientID>/<Type>.ncap.gz} (docs/scale-out.md, "Sensors"). A datagram that is cut short,
 * does not authenticate, repeats a nonce, or holds no valid batch of whole records of its type is
 * counted and dropped; nothing of it is written.
 */
public final class Collector implements Closeable {
    /** Nonces remembered for replay detection; the oldest are forgotten first. */
    static final int NONCES = 1 << 20;
    /** A client ID is a directory name: no separators, no dot names, printable and short. */
    public static final Pattern CLIENT_ID = Pattern.compile("(?!\\.{1,2}$)[A-Za-z0-9._@+-]{1,64}");

    private final DatagramChannel channel;
    private final byte[] secret;
    private final Path out;
    private final Sodium sodium;
    private final PrintStream log;
    private final Map<String, RecordWriter> writers = new HashMap<>();
    private final SequencedSet<String> nonces = new LinkedHashSet<>();
    private final Map<Rejection, Long> dropped = new EnumMap<>(Rejection.class);
    /** Authentic batches whose records could not be written (a full disk, a path taken by a file), counted. */
    private long unwrittenBatches;
    private long unwrittenRecords;
    private long batches;
    private long records;
    private volatile boolean closed;

    public Collector(InetSocketAddress address, byte[] secret, Path out, Sodium sodium, PrintStream log) throws IOException {
        // a batch that cannot be written is lost: an output that is no directory fails now, not at every batch
        if (java.nio.file.Files.exists(out) && !java.nio.file.Files.isDirectory(out)) {
            throw new IOException(out + ": not a directory");
        }
        java.nio.file.Files.createDirectories(out);
        this.channel = DatagramChannel.open();
        channel.setOption(StandardSocketOptions.SO_RCVBUF, 8 << 20);
        channel.bind(address);
        this.secret = secret.clone();
        this.out = out;
        this.sodium = sodium;
        this.log = log;
    }

    public InetSocketAddress address() throws IOException {
        return (InetSocketAddress) channel.getLocalAddress();
    }

    /** Receives until {@link #close()}. */
    public void run() throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(SensorDatagram.MAX_LENGTH + 1);
        while (!closed) {
            buf.clear();
            try {
                channel.receive(buf);
            } catch (ClosedChannelException e) {
                return;
            }
            handle(buf.array(), buf.position());
        }
    }

    /** One datagram of {@code len} bytes. */
    synchronized void handle(byte[] datagram, int len) {
        Opened o = SensorDatagram.open(datagram, len, secret, sodium);
        if (o.rejection() == null && !fresh(o.nonce())) {
            drop(Rejection.REPLAYED);
            return;
        }
        if (o.rejection() != null) {
            drop(o.rejection());
            return;
        }
        Batch b = o.batch();
        RecordType type = RecordType.of(b.getMessageType()).orElse(null);
        if (!CLIENT_ID.matcher(b.getClientID()).matches()) {
            drop(Rejection.BAD_CLIENT);
            return;
        }
        byte[] data = b.getData().toByteArray();
        int n = type == null || b.getTotalSize() != data.length ? -1 : wholeRecords(data, type);
        if (n < 0) {
            drop(Rejection.GARBLED);
            return;
        }
        try {
            writer(b.getClientID(), type, b.getContainsPayloads()).writeFramed(data, 0, data.length, n);
            batches++;
            records += n;
        } catch (IOException e) {
            unwrittenBatches++;
            unwrittenRecords += n;
            log.println("collect: cannot write " + b.getClientID() + "/" + type.fileName() + ": " + e.getMessage());
        }
    }

    /** Whether the nonce is new; remembers it. Only authenticated nonces get here. */
    private boolean fresh(byte[] nonce) {
        if (!nonces.add(HexFormat.of().formatHex(nonce))) {
            return false;
        }
        if (nonces.size() > NONCES) {
            nonces.removeFirst();
        }
        return true;
    }

    /** The number of length-delimited records of {@code type} that make up {@code data}, or -1. */
    static int wholeRecords(byte[] data, RecordType type) {
        Parser<? extends com.google.protobuf.Message> parser = type.prototype().getParserForType();
        CodedInputStream in = CodedInputStream.newInstance(data);
        int n = 0;
        try {
            while (!in.isAtEnd()) {
                int size = in.readRawVarint32();
                if (size < 0) {
                    return -1;
                }
                parser.parseFrom(in.readRawBytes(size));
                n++;
            }
            return n;
        } catch (IOException e) {
            return -1;
        }
    }

    private RecordWriter writer(String client, RecordType type, boolean payloads) throws IOException {
        String key = client + "/" + type.name();
        RecordWriter w = writers.get(key);
        if (w == null) {
            Path dir = out.resolve(client);
            WriterOptions options = WriterOptions.defaults(client).withContainsPayloads(payloads).withRemoveEmpty(false);
            keepEarlier(dir, options.fileName(type.fileName()));
            w = RecordWriter.create(dir, type, options);
            writers.put(key, w);
        }
        return w;
    }

    /** A file of an earlier run is renamed, not truncated: {@code TCP.ncap.gz} becomes {@code TCP.1.ncap.gz}. */
    private static void keepEarlier(Path dir, String name) throws IOException {
        Path file = dir.resolve(name);
        if (!Files.exists(file)) {
            return;
        }
        String base = name.substring(0, name.indexOf('.'));
        String ext = name.substring(name.indexOf('.'));
        for (int i = 1; ; i++) {
            Path moved = dir.resolve(base + "." + i + ext);
            if (!Files.exists(moved)) {
                Files.move(file, moved);
                return;
            }
        }
    }

    private void drop(Rejection why) {
        dropped.merge(why, 1L, Long::sum);
    }

    /** Dropped datagrams per reason, every reason present. */
    /** Batches, and their records, received whole but not written; "" when none. */
    public synchronized String unwritten() {
        return unwrittenBatches == 0 ? "" : "; not written: " + unwrittenBatches + " batches, " + unwrittenRecords + " records";
    }

    public synchronized Map<Rejection, Long> dropped() {
        Map<Rejection, Long> all = new EnumMap<>(Rejection.class);
        for (Rejection r : Rejection.values()) {
            all.put(r, dropped.getOrDefault(r, 0L));
        }
        return all;
    }

    public synchronized long batches() {
        return batches;
    }

    public synchronized long records() {
        return records;
    }

    /** Stops receiving, then closes every file (flushed and complete). */
    @Override
    public void close() throws IOException {
        closed = true;
        channel.close();
        IOException first = null;
        synchronized (this) {
            for (RecordWriter w : writers.values()) {
                try {
                    w.close();
                } catch (IOException e) {
                    first = first == null ? e : first;
                }
            }
            writers.clear();
        }
        if (first != null) {
            throw first;
        }
    }
}
