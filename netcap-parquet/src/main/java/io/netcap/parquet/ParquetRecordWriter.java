package io.netcap.parquet;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Message;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
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

    /** Opens the stream a Parquet file is written to; tests give one that fails. */
    @FunctionalInterface
    interface Opener {
        OutputStream open(Path file) throws IOException;
    }

    private final Path target;
    private final Path partial;
    private final ParquetWriter<Message> writer;
    private long rows;
    private boolean done;

    private ParquetRecordWriter(Path target, Path partial, ParquetWriter<Message> writer) {
        this.target = target;
        this.partial = partial;
        this.writer = writer;
    }

    /** A writer of {@code d}'s records to {@code target} (replaced if present, at {@link #commit()}). */
    public static ParquetRecordWriter create(Path target, Descriptor d) throws IOException {
        return create(target, d, Files::newOutputStream);
    }

    static ParquetRecordWriter create(Path target, Descriptor d, Opener opener) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        // createFile, not createTempFile: the finished file gets the usual mode (umask), not 0600
        Path partial = Files.createFile(dir.resolve("." + target.getFileName() + "."
                + ProcessHandle.current().pid() + "-" + PARTIALS.incrementAndGet() + ".partial"));
        try {
            ParquetWriter<Message> writer = new Builder(new StreamOutputFile(partial, opener), new RecordWriteSupport(d))
                    .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                    .withCompressionCodec(CompressionCodecName.ZSTD)
                    .build();
            return new ParquetRecordWriter(target, partial, writer);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
    }

    public void write(Message m) throws IOException {
        writer.write(m);
        rows++;
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
            writer.close();
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
            writer.close();
        } catch (IOException | RuntimeException e) {
            // the file is dropped anyway; the first failure is what the caller reports
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static final class Builder extends ParquetWriter.Builder<Message, Builder> {
        private final WriteSupport<Message> support;

        Builder(OutputFile file, WriteSupport<Message> support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Message> getWriteSupport(Configuration configuration) {
            return support;
        }

        @Override
        protected WriteSupport<Message> getWriteSupport(org.apache.parquet.conf.ParquetConfiguration configuration) {
            return support;
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
