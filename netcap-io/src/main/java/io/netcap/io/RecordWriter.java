package io.netcap.io;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Message;
import io.netcap.types.RecordType;
import io.netcap.types.format.CsvEncoder;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes one {@code <Name>.ncap[.gz]} file: the {@code Header} record at creation, then records
 * framed by a varint length (docs/container.md, "Format as implemented"). With a text {@link RecordEncoding}
 * ({@code capture -csv}, {@code -json}) the file is {@code <Name>.csv[.gz]} or {@code <Name>.json[.gz]}: its
 * first line, then a line per record, rendered from the records as they are written.
 *
 * <p>Thread-safe: worker threads append records concurrently; each record (length and payload) is
 * copied into the current block under a lock, so records never interleave. Blocks of up to
 * {@link WriterOptions#blockSize} bytes are compressed and written while the other threads fill the next block,
 * so at most one thread at a time waits for deflate.
 *
 * <p>Compression: every block handed to the file (a full block, the partial block of a flush, the
 * rest on close) becomes one complete gzip member ({@link GzipBlockCompressor}), so the file is a
 * multi-member gzip stream (RFC 1952 section 2.2) that is complete after every block.
 *
 * <p>Durability: a record reaches the file when its block is full, on {@link #flush()} and on
 * {@link #close()}. Whatever was written before the last flush can be read back even if the process
 * dies: the file then ends after a complete member. Records still in the in-memory block are lost
 * if the process dies.
 */
public final class RecordWriter implements Closeable {
    /** First block size; idle writers (one per enabled record type) stay this small. */
    private static final int INITIAL_BLOCK_SIZE = 16 << 10;

    /** Per-thread scratch buffer for {@link #write(Message)}, so serialising allocates nothing. */
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[4096]);

    private final Path path;
    private final RecordType type;
    private final WriterOptions options;
    private final FileChannel channel;
    private final Sink sink;
    /** The numeric encoding's state ({@link RecordEncoding#ENCODED_CSV}), else null; guarded by {@link #recordLock}. */
    private final CsvEncoder encoder;
    /** The label column of CSV rows ({@code -csv -labels}), or null. */
    private final RecordLabels labels;

    /** Guards {@link #block}, {@link #fill}, {@link #closed}; always taken before {@link #sinkLock}. */
    private final ReentrantLock recordLock = new ReentrantLock();
    /** Guards {@link #sink} and {@link #spare}: the thread that compresses a block holds it. */
    private final ReentrantLock sinkLock = new ReentrantLock();

    /** A full block's size ({@link WriterOptions#blockSize}). */
    private final int blockSize;
    private byte[] block;
    private int fill;
    private byte[] spare;
    private boolean closed;
    private volatile long count;
    private volatile IOException failure;

    private RecordWriter(Path path, RecordType type, WriterOptions options, FileChannel channel, Sink sink,
                         RecordLabels labels) {
        this.path = path;
        this.type = type;
        this.options = options;
        this.channel = channel;
        this.sink = sink;
        this.encoder = options.encoding() == RecordEncoding.ENCODED_CSV ? new CsvEncoder(type) : null;
        this.labels = labels;
        this.blockSize = options.blockSize();
        this.block = new byte[Math.min(INITIAL_BLOCK_SIZE, blockSize)];
    }

    /**
     * Creates (or truncates) {@code dir/<type.fileName()>.ncap[.gz]}, creating {@code dir} if needed,
     * and writes the header record. The header is flushed to the file at once, so a file that
     * exists is readable even if nothing else is ever written.
     */
    public static RecordWriter create(Path dir, RecordType type, WriterOptions options) throws IOException {
        return create(dir, type, options, null, null);
    }

    /**
     * As {@link #create(Path, RecordType, WriterOptions)}; a CSV file ({@link RecordEncoding#CSV},
     * {@link RecordEncoding#ENCODED_CSV}) gets a last column of {@code labels}' labels when they are not null.
     */
    public static RecordWriter create(Path dir, RecordType type, WriterOptions options, RecordLabels labels)
            throws IOException {
        return create(dir, type, options, null, labels);
    }

    /**
     * As {@link #create(Path, RecordType, WriterOptions)}, compressing with {@code compressor} (which
     * the writer then owns and closes) instead of {@link GzipBlockCompressor#create(int)}, with {@code labels} as in
     * {@link #create(Path, RecordType, WriterOptions, RecordLabels)}.
     */
    static RecordWriter create(Path dir, RecordType type, WriterOptions options, GzipBlockCompressor compressor,
                               RecordLabels labels) throws IOException {
        if (labels != null && !options.encoding().csv()) {
            throw new IllegalArgumentException("labels are a column of CSV rows, not of " + options.encoding());
        }
        if (compressor != null && !options.compress()) {
            compressor.close();
            compressor = null;
        }
        Files.createDirectories(dir);
        Path path = dir.resolve(options.fileName(type.fileName()));
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException | RuntimeException e) {
            if (compressor != null) {
                compressor.close();
            }
            throw e;
        }
        Sink sink = null;
        try {
            sink = options.compress()
                    ? new GzipSink(channel, compressor != null ? compressor : GzipBlockCompressor.create(options.gzipLevel()),
                            options.blockSize())
                    : new PlainSink(channel);
            RecordWriter writer = new RecordWriter(path, type, options, channel, sink, labels);
            if (options.encoding() == RecordEncoding.PROTO) {
                writer.append(options.header(type), false);
            } else {
                byte[] head = options.encoding().head(type, options, labels != null);
                writer.appendRaw(head, 0, head.length, 0);
            }
            writer.flush(false);
            return writer;
        } catch (IOException | RuntimeException e) {
            if (sink != null) {
                sink.close();
            }
            try {
                channel.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * For {@code -csv -encode}: the values of each text column beyond its category cap, by column name (see
     * {@link CsvEncoder#overCap}); empty for other encodings.
     */
    public Map<String, Long> categoriesOverCap() {
        if (encoder == null) {
            return Map.of();
        }
        recordLock.lock();
        try {
            return encoder.overCap();
        } finally {
            recordLock.unlock();
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
            if (size <= blockSize) {
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
        if (encoder != null) {
            // the encoding's running statistics follow the rows' order in the file: rendered under the lock
            recordLock.lock();
            try {
                byte[] lines = options.encoding().lines(type, buf, off, len, encoder, labels);
                appendRaw(lines, 0, lines.length, records);
            } finally {
                recordLock.unlock();
            }
        } else if (options.encoding() != RecordEncoding.PROTO) {
            byte[] lines = options.encoding().lines(type, buf, off, len, null, labels);
            appendRaw(lines, 0, lines.length, records);
        } else {
            appendRaw(buf, off, len, records);
        }
    }

    /** Appends bytes that hold {@code records} whole records (framed ones, or text lines). */
    private void appendRaw(byte[] buf, int off, int len, int records) throws IOException {
        recordLock.lock();
        try {
            ensureOpen();
            while (len > 0) {
                if (block.length - fill < len && block.length < blockSize) {
                    block = Arrays.copyOf(block, Math.min(blockSize, Math.max(block.length * 2, fill + len)));
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
        if (options.encoding() != RecordEncoding.PROTO) {
            byte[] one = new byte[framed];
            System.arraycopy(buf, off, one, Varint.write(len, one, 0), len);
            writeFramed(one, 0, framed, countIt ? 1 : 0);
            return;
        }
        recordLock.lock();
        try {
            ensureOpen();
            if (framed > blockSize) {
                writeHuge(buf, off, len);
            } else {
                while (block.length - fill < framed) {
                    if (block.length < blockSize) {
                        block = Arrays.copyOf(block, Math.min(blockSize, Math.max(block.length * 2, fill + framed)));
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
        block = spare != null ? spare : new byte[blockSize];
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
            if (block.length - fill >= Varint.MAX_BYTES) {
                // the length goes with the pending records, not into a gzip member of its own
                sinkWrite(block, 0, Varint.write(len, block, fill));
            } else {
                sinkWrite(block, 0, fill);
                byte[] prefix = new byte[Varint.MAX_BYTES];
                sinkWrite(prefix, 0, Varint.write(len, prefix, 0));
            }
            fill = 0;
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
     * compression the partial block becomes a gzip member of its own, so the file is a complete gzip
     * stream afterwards.
     */
    public void flush() throws IOException {
        flush(true);
    }

    /**
     * Writes every record appended so far to the file, as {@link #flush()}, without forcing it to the storage device:
     * other processes can read the records at once ({@code capture -buf=false}); a crash of the machine may lose them.
     */
    public void writeThrough() throws IOException {
        flush(false);
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
     * Writes the remaining records (the last gzip member) and closes the file; deletes it when no record
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
                }
            } catch (IOException | RuntimeException e) {
                error = e instanceof IOException io ? io : new IOException(e);
            } finally {
                sink.close();
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

    /** Where blocks go: the file directly, or a gzip compressor in front of it. */
    private sealed interface Sink permits PlainSink, GzipSink {
        void write(byte[] buf, int off, int len) throws IOException;

        /** Makes everything written so far decodable from the file. */
        void flush() throws IOException;

        /** Releases what the sink holds besides the channel; the writer closes the channel. */
        void close();
    }

    private record PlainSink(FileChannel channel) implements Sink {
        @Override
        public void write(byte[] buf, int off, int len) throws IOException {
            writeFully(channel, ByteBuffer.wrap(buf, off, len));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }

    /**
     * One gzip member per write. Writes are blocks of at most {@code blockSize} bytes, except the
     * records larger than a block, which are cut into block-sized members here (a member may end
     * inside a record: members only pace the compressor, the decompressed stream is one).
     */
    private record GzipSink(FileChannel channel, GzipBlockCompressor compressor, int blockSize) implements Sink {
        @Override
        public void write(byte[] buf, int off, int len) throws IOException {
            while (len > 0) {
                int n = Math.min(len, blockSize);
                writeFully(channel, compressor.compress(buf, off, n));
                off += n;
                len -= n;
            }
        }

        @Override
        public void flush() {
            // every write ended with a complete member
        }

        @Override
        public void close() {
            compressor.close();
        }
    }

    private static void writeFully(FileChannel channel, ByteBuffer bb) throws IOException {
        while (bb.hasRemaining()) {
            channel.write(bb);
        }
    }
}
