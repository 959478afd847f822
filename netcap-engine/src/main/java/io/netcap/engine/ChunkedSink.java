package io.netcap.engine;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Message;
import io.netcap.decoder.WireSink;
import io.netcap.decoder.WireWriter;
import io.netcap.types.RecordType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.Set;

/**
 * A worker's record sink: serializes records into one chunk buffer per type and hands full chunks to
 * the {@link WriterPool}. Confined to one thread; types not selected by -include/-exclude are dropped.
 * As a {@link WireSink} it has the per-packet records written straight into the chunk of their type,
 * length prefix included, so they are not copied once more.
 */
final class ChunkedSink implements RecordSink, WireSink {
    private static final int TYPES = RecordType.values().length;
    /**
     * Room a chunk must have left for a record to be written into it directly; with less it is shipped
     * first. Packet records are mostly below this, so few of them overflow and take the copy path.
     */
    private static final int DIRECT_ROOM = 512;

    private final WriterPool pool;
    private final boolean[] enabled = new boolean[TYPES];
    private final byte[][] buffers = new byte[TYPES][];
    private final int[] fill = new int[TYPES];
    private final int[] pending = new int[TYPES];
    private final long[] counts = new long[TYPES];
    /** {@link #DIRECT_ROOM}, or less for small chunks (so an empty chunk always takes a record directly). */
    private final int directRoom;

    ChunkedSink(WriterPool pool, Set<RecordType> enabledTypes) {
        this.pool = pool;
        this.directRoom = Math.max(1, Math.min(DIRECT_ROOM, pool.chunkSize()));
        for (RecordType t : enabledTypes) {
            enabled[t.ordinal()] = true;
        }
    }

    @Override
    public void accept(RecordType type, Message record) {
        int t = type.ordinal();
        if (!enabled[t]) {
            return;
        }
        int size = record.getSerializedSize();
        int need = CodedOutputStream.computeUInt32SizeNoTag(size) + size;
        byte[] buf = room(type, need);
        try {
            CodedOutputStream out = CodedOutputStream.newInstance(buf, fill[t], need);
            out.writeUInt32NoTag(size);
            record.writeTo(out);
            out.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new UncheckedIOException("serializing a " + type + " record", e);
        }
        committed(t, fill[t] + need);
    }

    /** Takes a record already serialized ({@code record[0 .. length)}, without length prefix). */
    void acceptSerialized(RecordType type, byte[] record, int length) {
        int t = type.ordinal();
        if (!enabled[t]) {
            return;
        }
        byte[] buf = room(type, CodedOutputStream.computeUInt32SizeNoTag(length) + length);
        int p = fill[t];
        int v = length;
        while ((v & ~0x7F) != 0) {
            buf[p++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[p++] = (byte) v;
        System.arraycopy(record, 0, buf, p, length);
        committed(t, p + length);
    }

    @Override
    public void accept(RecordType type, byte[] record, int length) {
        acceptSerialized(type, record, length);
    }

    @Override
    public void open(RecordType type, WireWriter out) {
        int t = type.ordinal();
        if (!enabled[t]) {
            out.reset(); // written aside and dropped by close
            return;
        }
        byte[] buf = buffers[t];
        if (buf == null || buf.length - fill[t] < directRoom) {
            ship(type);
            buf = pool.buffer();
            buffers[t] = buf;
        }
        out.into(buf, fill[t]);
    }

    @Override
    public void close(RecordType type, WireWriter out) {
        int end = out.finishInto();
        if (end < 0) {
            // Outgrew the chunk (or a type not written): the copy path ships the chunk first when needed.
            acceptSerialized(type, out.buffer(), out.length());
            return;
        }
        committed(type.ordinal(), end);
    }

    /** The chunk of {@code type} with room for {@code need} more bytes: the current one, or a fresh one after shipping it. */
    private byte[] room(RecordType type, int need) {
        int t = type.ordinal();
        byte[] buf = buffers[t];
        if (buf == null || fill[t] + need > buf.length) {
            ship(type);
            buf = need > pool.chunkSize() ? new byte[need] : pool.buffer();
            buffers[t] = buf;
        }
        return buf;
    }

    /** One more record of type {@code t} in its chunk, which now ends at {@code end}. */
    private void committed(int t, int end) {
        fill[t] = end;
        pending[t]++;
        counts[t]++;
    }

    private void ship(RecordType type) {
        int t = type.ordinal();
        if (buffers[t] != null && fill[t] > 0) {
            pool.submit(new WriterPool.Chunk(type, buffers[t], fill[t], pending[t]));
            buffers[t] = null;
        }
        fill[t] = 0;
        pending[t] = 0;
    }

    /** Hands every partly filled chunk to the writers. */
    void flush() {
        for (RecordType type : RecordType.values()) {
            ship(type);
        }
    }

    long count(RecordType type) {
        return counts[type.ordinal()];
    }

    static Set<RecordType> all() {
        return EnumSet.allOf(RecordType.class);
    }
}
