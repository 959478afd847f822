package io.netcap.cli.sensor;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import io.netcap.types.Batch;
import io.netcap.types.RecordType;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * The sending side of {@code net agent}: per record type, length-delimited records gathered into a
 * {@link Batch} until the next would push the datagram past {@code max} bytes, then sealed for the
 * collector's key with a key pair made for this run and sent as one UDP datagram (docs/scale-out.md).
 */
public final class Agent implements Closeable {
    /**
     * Bytes of a datagram beside the batch data: key, nonce, authenticator, the batch's other fields and
     * gzip's header and stored-block framing of incompressible data (5 bytes per 16 KiB block).
     */
    static final int OVERHEAD = SensorDatagram.MIN_LENGTH + 64 + 32;
    /** Datagrams sent back to back before a short pause, so a collector's socket buffer keeps up. */
    static final int BURST = 16;

    private final DatagramChannel channel;
    private final byte[] serverPublic;
    private final byte[] agentPublic;
    private final byte[] agentSecret;
    private final String clientId;
    private final int dataLimit;
    private final Sodium sodium;
    private final Map<RecordType, ByteArrayOutputStream> pending = new EnumMap<>(RecordType.class);
    private final Map<RecordType, Integer> pendingRecords = new EnumMap<>(RecordType.class);
    private long datagrams;
    private long records;
    private long oversize;
    private long failed;
    private String failure;

    public Agent(InetSocketAddress server, byte[] serverPublic, String clientId, int max, Sodium sodium) throws IOException {
        if (max <= OVERHEAD) {
            throw new IllegalArgumentException("-max " + max + ": a datagram needs more than " + OVERHEAD + " bytes");
        }
        this.channel = DatagramChannel.open().connect(server);
        this.serverPublic = serverPublic.clone();
        byte[][] pair = sodium.keyPair();
        this.agentPublic = pair[0];
        this.agentSecret = pair[1];
        this.clientId = clientId;
        this.dataLimit = max - OVERHEAD;
        this.sodium = sodium;
    }

    /**
     * Queues one record, {@code record[off .. off + len)} (its protobuf encoding); sends its type's batch
     * first when the record would not fit.
     */
    public void add(RecordType type, byte[] record, int off, int len) throws IOException {
        int framed = CodedOutputStream.computeUInt32SizeNoTag(len) + len;
        ByteArrayOutputStream batch = pending.computeIfAbsent(type, t -> new ByteArrayOutputStream());
        if (batch.size() > 0 && batch.size() + framed > dataLimit) {
            send(type);
        }
        int v = len;
        while ((v & ~0x7F) != 0) {
            batch.write((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        batch.write(v);
        batch.write(record, off, len);
        pendingRecords.merge(type, 1, Integer::sum);
    }

    /** Sends every partly filled batch (the original sent only full ones and lost the rest). */
    public void flush() throws IOException {
        for (RecordType type : pending.keySet()) {
            if (pending.get(type).size() > 0) {
                send(type);
            }
        }
    }

    private void send(RecordType type) throws IOException {
        ByteArrayOutputStream data = pending.get(type);
        int n = pendingRecords.getOrDefault(type, 0);
        Batch batch = Batch.newBuilder().setClientID(clientId).setMessageType(type.type())
                .setTotalSize(data.size()).setData(ByteString.copyFrom(data.toByteArray())).build();
        data.reset();
        pendingRecords.put(type, 0);
        byte[] datagram = SensorDatagram.seal(batch, agentPublic, agentSecret, serverPublic, sodium);
        if (datagram.length > SensorDatagram.MAX_LENGTH) {
            oversize += n; // one record larger than a UDP datagram can carry
            return;
        }
        try {
            channel.write(ByteBuffer.wrap(datagram));
        } catch (IOException e) {
            // e.g. the collector's port was unreachable for an earlier datagram (ICMP): UDP loses this one
            failed += n;
            failure = e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "");
            return;
        }
        datagrams++;
        records += n;
        if (datagrams % BURST == 0) {
            LockSupport.parkNanos(200_000);
        }
    }

    public long datagrams() {
        return datagrams;
    }

    public long records() {
        return records;
    }

    /** Records not sent because alone they exceed a UDP datagram. */
    public long oversize() {
        return oversize;
    }

    /** Records of datagrams the socket refused to send. */
    public long failed() {
        return failed;
    }

    /** Why the last refused datagram was refused, or null. */
    public String failure() {
        return failure;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
