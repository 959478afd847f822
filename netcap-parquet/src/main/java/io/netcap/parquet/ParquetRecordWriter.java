package io.netcap.parquet;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.netcap.io.RecordReader;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * Writes records of one type to a Parquet file. The rows go to a hidden temporary file beside the
 * target, which {@link #commit()} renames to the target once the footer is written: a full disk or a
 * crash leaves no file under the target's name that looks complete. {@link #close()} without a commit
 * deletes the temporary file.
 */
public final class ParquetRecordWriter implements Closeable {
    private static final int BUFFER = 1 << 16;
    private static final AtomicLong PARTIALS = new AtomicLong();
    /** The frame of a record alone on its tape. */
    private static final int[] FIRST = {0};

    /** Opens the stream a Parquet file is written to; tests give one that fails. */
    @FunctionalInterface
    interface Opener {
        OutputStream open(Path file) throws IOException;
    }

    /** A failure to write the Parquet file, as opposed to one reading the records; the cause says why. */
    public static final class WriteFailedException extends IOException {
        WriteFailedException(IOException cause) {
            super(cause.getMessage(), cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }

    private final Path target;
    private final Path partial;
    private final Descriptor descriptor;
    private final WirePlan.Message plan;
    private final WireTape tape = new WireTape();
    private final ColumnFile file;
    private long rows;
    private boolean done;

    private ParquetRecordWriter(Path target, Path partial, Descriptor descriptor, WirePlan.Message plan, ColumnFile file) {
        this.target = target;
        this.partial = partial;
        this.descriptor = descriptor;
        this.plan = plan;
        this.file = file;
    }

    /** A writer of {@code d}'s records to {@code target} (replaced if present, at {@link #commit()}). */
    public static ParquetRecordWriter create(Path target, Descriptor d) throws IOException {
        return create(target, d, Files::newOutputStream);
    }

    static ParquetRecordWriter create(Path target, Descriptor d, Opener opener) throws IOException {
        return create(target, d, opener, true);
    }

    /** {@code plainColumns}: see {@link ColumnFile}. */
    static ParquetRecordWriter create(Path target, Descriptor d, Opener opener, boolean plainColumns) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        // createFile, not createTempFile: the finished file gets the usual mode (umask), not 0600
        Path partial = Files.createFile(dir.resolve("." + target.getFileName() + "."
                + ProcessHandle.current().pid() + "-" + PARTIALS.incrementAndGet() + ".partial"));
        try {
            WirePlan.Message plan = WirePlan.of(d);
            return new ParquetRecordWriter(target, partial, d, plan, new ColumnFile(new StreamOutputFile(partial, opener), d, plan, plainColumns));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
    }

    /** Writes one record, given as a message of this writer's type. */
    public void write(Message m) throws IOException {
        if (m.getDescriptorForType() != descriptor) {
            throw new IllegalArgumentException("a " + m.getDescriptorForType().getFullName()
                    + " record in a Parquet file of " + descriptor.getFullName());
        }
        byte[] encoded = m.toByteArray();
        try {
            tape.scan(encoded, 0, encoded.length, plan);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("a " + descriptor.getName() + " record nested too deeply", e);
        }
        file.write(tape, FIRST, 1);
        rows++;
    }

    /**
     * Writes every remaining record of {@code reader}, which must hold records of this writer's type,
     * from their protobuf encodings (docs/scale-out.md, "Parquet"); returns how many. A failure to
     * read is thrown as the reader throws it, one to write as {@link WriteFailedException}.
     */
    public long writeAll(RecordReader reader) throws IOException {
        if (reader.type().descriptor() != descriptor) {
            throw new IllegalArgumentException(reader.name() + " holds " + reader.type().descriptor().getFullName()
                    + " records, not " + descriptor.getFullName());
        }
        long before = rows;
        try (RecordBatches batches = new RecordBatches(reader, plan)) {
            boolean last;
            do {
                RecordBatches.Batch b = batches.next();
                // read before the batch goes back: the reader may refill it as the file's last
                last = b.last;
                b.tape.reading(b.data);
                try {
                    file.write(b.tape, b.frames, b.count);
                    rows += b.count;
                } catch (IOException e) {
                    throw new WriteFailedException(e);
                }
                batches.recycle(b);
            } while (!last);
        }
        return rows - before;
    }

    /** Rows written so far. */
    public long rows() {
        return rows;
    }

    /** Writes the footer and moves the file to its target name. */
    public void commit() throws IOException {
        if (done) {
            throw new IllegalStateException("committed or closed already: " + target);
        }
        done = true;
        try {
            file.finish();
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
    }

    /** Discards the rows unless {@link #commit()} succeeded. */
    @Override
    public void close() throws IOException {
        if (done) {
            return;
        }
        done = true;
        try {
            file.abort();
        } catch (RuntimeException e) {
            // the file is dropped anyway; the first failure is what the caller reports
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** A local file through a plain stream, counting its position. */
    private record StreamOutputFile(Path path, Opener opener) implements OutputFile {
        @Override
        public PositionOutputStream create(long blockSizeHint) throws IOException {
            return createOrOverwrite(blockSizeHint);
        }

        @Override
        public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
            OutputStream out = new BufferedOutputStream(opener.open(path), BUFFER);
            return new PositionOutputStream() {
                private long pos;

                @Override
                public long getPos() {
                    return pos;
                }

                @Override
                public void write(int b) throws IOException {
                    out.write(b);
                    pos++;
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                    pos += len;
                }

                @Override
                public void flush() throws IOException {
                    out.flush();
                }

                @Override
                public void close() throws IOException {
                    out.close();
                }
            };
        }

        @Override
        public boolean supportsBlockSize() {
            return false;
        }

        @Override
        public long defaultBlockSize() {
            return 0;
        }

        @Override
        public String getPath() {
            return path.toString();
        }
    }
}
