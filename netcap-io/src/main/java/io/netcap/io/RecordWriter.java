package io.netcap.io;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Message;
import io.netcap.types.Header;
import io.netcap.types.RecordType;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.GZIPOutputStream;

/**
 * Writes one {@code <Name>.ncap[.gz]} file: the {@code Header} record at creation, then records
 * framed by a varint length (file-format.md section 2).
 *
 * <p>Thread-safe: worker threads append records concurrently; each record (length and payload) is
 * copied into the current block under a lock, so records never interleave. Blocks of up to
 * {@link #BLOCK_SIZE} bytes are compressed and written while the other threads fill the next block,
 * so at most one thread at a time waits for deflate.
 *
 * <p>Durability: a record reaches the file when its block is full, on {@link #flush()} and on
 * {@link #close()}. Compressed output is sync-flushed at those points, so everything written before
 * the last flush can be read back (by {@link RecordReader}) even if the process dies before the gzip
 * trailer is written. Records still in the in-memory block are lost if the process dies.
 */
public final class RecordWriter implements Closeable {
    /** Size of a full block handed to the compressor; the original buffers 1 MiB blocks as well. */
    static final int BLOCK_SIZE = 1 << 20;
    /** First block size; idle writers (one per enabled record type) stay this small. */
    private static final int INITIAL_BLOCK_SIZE = 16 << 10;
    /** Output buffer of the deflater. */
    private static final int DEFLATE_BUFFER = 64 << 10;

    /** Per-thread scratch buffer for {@link #write(Message)}, so serialising allocates nothing. */
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[4096]);

    private final Path path;
    private final RecordType type;
    private final WriterOptions options;
    private final FileChannel channel;
    private final Sink sink;

    /** Guards {@link #block}, {@link #fill}, {@link #closed}; always taken before {@link #sinkLock}. */
    private final ReentrantLock recordLock = new ReentrantLock();
    /** Guards {@link #sink} and {@link #spare}: the thread that compresses a block holds it. */
    private final ReentrantLock sinkLock = new ReentrantLock();

    private byte[] block = new byte[INITIAL_BLOCK_SIZE];
    private int fill;
    private byte[] spare;
    private boolean closed;
    private volatile long count;
    private volatile IOException failure;

    private RecordWriter(Path path, RecordType type, WriterOptions options, FileChannel channel, Sink sink) {
        this.path = path;
        this.type = type;
        this.options = options;
        this.channel = channel;
        this.sink = sink;
    }

    /**
     * Creates (or truncates) {@code dir/<type.fileName()>.ncap[.gz]}, creating {@code dir} if needed,
     * and writes the header record. The header is flushed to the file at once, so a file that
     * exists is readable even if nothing else is ever written.
     */
    public static RecordWriter create(Path dir, RecordType type, WriterOptions options) throws IOException {
        Files.createDirectories(dir);
        Path path = dir.resolve(options.fileName(type.fileName()));
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        try {
            Sink sink = options.compress() ? new GzipSink(channel, options.gzipLevel()) : new PlainSink(channel);
            RecordWriter writer = new RecordWriter(path, type, options, channel, sink);
            Header header = Header.newBuilder()
                    .setCreated(options.createdNanos())
                    .setInputSource(options.inputSource())
                    .setType(type.type())
                    .setVersion(options.version())
                    .setContainsPayloads(options.containsPayloads())
                    .build();
            writer.append(header, false);
            writer.flush(false);
            return writer;
        } catch (IOException | RuntimeException e) {
            try {
                channel.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** The file being written. */
    public Path path() { return path; }

    public RecordType type() { return type; }

    public WriterOptions options() { return options; }

    /** Records written so far, not counting the header. */
    public long count() { return count; }

    /** Appends one record; the message should be of this writer's type (not checked, for speed). */
    public void write(Message record) throws IOException {
        append(record, true);
    }

    private void append(Message record, boolean countIt) throws IOException {
        int size = record.getSerializedSize();
        byte[] scratch = SCRATCH.get();
        if (scratch.length < size) {
            // keep huge records from pinning memory in every thread: only cache up to one block
            scratch = new byte[size];
            if (size <= BLOCK_SIZE) {
                SCRATCH.set(scratch);
            }
        }
        CodedOutputStream out = CodedOutputStream.newInstance(scratch, 0, size);
        record.writeTo(out);
        out.checkNoSpaceLeft();
        appendSerialized(scratch, 0, size, countIt);
    }

    /** Appends one already serialized record (the payload, without length prefix). */
    public void writeSerialized(byte[] buf, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, buf.length);
        appendSerialized(buf, off, len, true);
    }

    /**
     * Appends {@code records} records already framed by their varint length ({@code buf[off .. off+len)}
     * holds whole records only): one lock and one copy for many small records.
     */
    public void writeFramed(byte[] buf, int off, int len, int records) throws IOException {
        Objects.checkFromIndexSize(off, len, buf.length);
        recordLock.lock();
        try {
            ensureOpen();
            while (len > 0) {
                if (block.length - fill < len && block.length < BLOCK_SIZE) {
                    block = Arrays.copyOf(block, Math.min(BLOCK_SIZE, Math.max(block.length * 2, fill + len)));
                }
                // A block may end inside a record: blocks only pace the compressor, the file is one stream.
                int n = Math.min(len, block.length - fill);
                System.arraycopy(buf, off, block, fill, n);
                fill += n;
                off += n;
                len -= n;
                if (fill == block.length && len > 0) {
                    handOff();
                    ensureOpen();
                }
            }
            count += records;
        } finally {
            recordLock.unlock();
        }
    }

    private void appendSerialized(byte[] buf, int off, int len, boolean countIt) throws IOException {
        int framed = Varint.size(len) + len;
        recordLock.lock();
        try {
            ensureOpen();
            if (framed > BLOCK_SIZE) {
                writeHuge(buf, off, len);
            } else {
                while (block.length - fill < framed) {
                    if (block.length < BLOCK_SIZE) {
                        block = Arrays.copyOf(block, Math.min(BLOCK_SIZE, Math.max(block.length * 2, fill + framed)));
                    } else {
                        handOff();
                        ensureOpen();
                    }
                }
                int p = Varint.write(len, block, fill);
                System.arraycopy(buf, off, block, p, len);
                fill = p + len;
            }
            if (countIt) {
                count++;
            }
        } finally {
            recordLock.unlock();
        }
    }

    /**
     * Passes the full block to the sink. Called with {@link #recordLock} held; releases it while
     * compressing so other threads can fill the next block. Taking {@link #sinkLock} before
     * releasing the record lock keeps blocks in order.
     */
    private void handOff() throws IOException {
        sinkLock.lock();
        byte[] full = block;
        int n = fill;
        block = spare != null ? spare : new byte[BLOCK_SIZE];
        spare = null;
        fill = 0;
        recordLock.unlock();
        try {
            sinkWrite(full, 0, n);
        } finally {
            spare = full;
            sinkLock.unlock();
            recordLock.lock();
        }
    }

    /** A record larger than a block goes straight to the sink (rare: the bound is 64 MiB on reading). */
    private void writeHuge(byte[] buf, int off, int len) throws IOException {
        sinkLock.lock();
        try {
            sinkWrite(block, 0, fill);
            fill = 0;
            byte[] prefix = new byte[Varint.MAX_BYTES];
            sinkWrite(prefix, 0, Varint.write(len, prefix, 0));
            sinkWrite(buf, off, len);
        } finally {
            sinkLock.unlock();
        }
    }

    private void sinkWrite(byte[] buf, int off, int len) throws IOException {
        if (len == 0) {
            return;
        }
        try {
            sink.write(buf, off, len);
        } catch (IOException | RuntimeException e) {
            failure = e instanceof IOException io ? io : new IOException(e);
            throw e;
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException(path + ": writer is closed");
        }
        IOException f = failure;
        if (f != null) {
            throw new IOException(path + ": an earlier write failed", f);
        }
    }

    /**
     * Writes every record appended so far to the file and forces it to the storage device. With
     * compression the deflater is sync-flushed, so the file is a readable gzip stream without trailer.
     */
    public void flush() throws IOException {
        flush(true);
    }

    private void flush(boolean force) throws IOException {
        recordLock.lock();
        try {
            ensureOpen();
            sinkLock.lock();
            try {
                sinkWrite(block, 0, fill);
                fill = 0;
                try {
                    sink.flush();
                    if (force) {
                        channel.force(false);
                    }
                } catch (IOException e) {
                    failure = e;
                    throw e;
                }
            } finally {
                sinkLock.unlock();
            }
        } finally {
            recordLock.unlock();
        }
    }

    /**
     * Writes the remaining records and the gzip trailer and closes the file; deletes it when no record
     * was written and {@link WriterOptions#removeEmpty()} is set. Closing twice is harmless.
     */
    @Override
    public void close() throws IOException {
        recordLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            sinkLock.lock();
            IOException error = failure;
            try {
                if (error == null) {
                    sink.write(block, 0, fill);
                    sink.finish();
                }
            } catch (IOException | RuntimeException e) {
                error = e instanceof IOException io ? io : new IOException(e);
            } finally {
                fill = 0;
                block = new byte[0];
                spare = null;
                sinkLock.unlock();
                try {
                    channel.close();
                } catch (IOException e) {
                    if (error == null) error = e; else error.addSuppressed(e);
                }
            }
            if (count == 0 && options.removeEmpty()) {
                Files.deleteIfExists(path);
            }
            if (error != null) {
                throw error == failure ? new IOException(path + ": an earlier write failed", error) : error;
            }
        } finally {
            recordLock.unlock();
        }
    }

    /** Where blocks go: the file directly, or a deflater in front of it. */
    private sealed interface Sink permits PlainSink, GzipSink {
        void write(byte[] buf, int off, int len) throws IOException;

        void flush() throws IOException;

        void finish() throws IOException;
    }

    private record PlainSink(FileChannel channel) implements Sink {
        @Override
        public void write(byte[] buf, int off, int len) throws IOException {
            ByteBuffer bb = ByteBuffer.wrap(buf, off, len);
            while (bb.hasRemaining()) {
                channel.write(bb);
            }
        }

        @Override
        public void flush() {}

        @Override
        public void finish() {}
    }

    /** A single-member gzip stream; the JDK's stream does the header, CRC and trailer. */
    private static final class GzipSink implements Sink {
        private final LevelGzip gzip;

        GzipSink(FileChannel channel, int level) throws IOException {
            this.gzip = new LevelGzip(Channels.newOutputStream(channel), level);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws IOException {
            if (len > 0) {
                gzip.write(buf, off, len);
            }
        }

        @Override
        public void flush() throws IOException {
            gzip.flush(); // SYNC_FLUSH: byte-aligned, everything so far decodable
        }

        @Override
        public void finish() throws IOException {
            gzip.finish();
            gzip.end();
        }
    }

    private static final class LevelGzip extends GZIPOutputStream {
        LevelGzip(OutputStream out, int level) throws IOException {
            super(out, DEFLATE_BUFFER, true);
            def.setLevel(level);
        }

        void end() {
            def.end();
        }
    }
}
