package io.netcap.parquet;

import com.google.protobuf.InvalidProtocolBufferException;
import io.netcap.io.CorruptRecordException;
import io.netcap.io.RecordReader;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads a record file on a thread of its own: inflates gzip, frames the records and indexes each one
 * ({@link WireTape}) into batches, while the caller's thread writes them into columns, so that a
 * second core shares the work. Three batches of 1 MiB circulate, so memory stays constant. A failure
 * of the reader, or a record that does not parse, is rethrown by {@link #next()} as the reader threw it.
 */
final class RecordBatches implements AutoCloseable {
    private static final int BATCHES = 3;
    private static final int BATCH_BYTES = 1 << 20;
    private static final int BATCH_RECORDS = 8192;

    /** The encodings of consecutive records, back to back, and their index. */
    static final class Batch {
        byte[] data = new byte[BATCH_BYTES];
        /** Every record of the batch, indexed; {@code tape.buf()} is {@link #data}. */
        final WireTape tape = new WireTape();
        /** The frame of record {@code i} in {@link #tape}. */
        final int[] frames = new int[BATCH_RECORDS];
        /** End of record {@code i} in {@link #data}; it starts where record {@code i - 1} ends. */
        final int[] ends = new int[BATCH_RECORDS];
        /** Offset of record {@code i} in the decompressed stream, for error messages. */
        final long[] offsets = new long[BATCH_RECORDS];
        int count;
        /** The last batch of the file. */
        boolean last;
        private Throwable failure;

        int start(int i) {
            return i == 0 ? 0 : ends[i - 1];
        }

        /** Copies a record in; {@link #index} indexes it. */
        private void add(byte[] buf, int off, int len, long offset) {
            int used = count == 0 ? 0 : ends[count - 1];
            if (used + len > data.length) {
                // a record larger than a batch (up to RecordReader.MAX_RECORD_SIZE) gets a larger one
                data = Arrays.copyOf(data, Math.max(2 * data.length, used + len));
            }
            System.arraycopy(buf, off, data, used, len);
            ends[count] = used + len;
            offsets[count] = offset;
            count++;
        }

        private boolean full() {
            return count == BATCH_RECORDS || ends[count - 1] >= BATCH_BYTES - (BATCH_BYTES >> 3);
        }

        private void reset() {
            count = 0;
            last = false;
            tape.clear();
            if (data.length > BATCH_BYTES) {
                data = new byte[BATCH_BYTES];
            }
        }
    }

    private final RecordReader reader;
    private final WirePlan.Message plan;
    private final BlockingQueue<Batch> free = new ArrayBlockingQueue<>(BATCHES);
    /** One place more than there are batches: a failure can always be queued. */
    private final BlockingQueue<Batch> full = new ArrayBlockingQueue<>(BATCHES + 1);
    private final Thread thread;

    RecordBatches(RecordReader reader, WirePlan.Message plan) {
        this.reader = reader;
        this.plan = plan;
        for (int i = 0; i < BATCHES; i++) {
            free.add(new Batch());
        }
        thread = Thread.ofPlatform().name("parquet-reader").daemon().start(this::read);
    }

    private void read() {
        try {
            Batch b = free.take();
            b.reset();
            Batch[] current = {b};
            RecordReader.EncodedRecordSink sink = (buf, off, len, offset) -> add(current[0], buf, off, len, offset);
            while (reader.nextEncoded(sink)) {
                if (b.full()) {
                    full.put(b);
                    b = free.take();
                    b.reset();
                    current[0] = b;
                }
            }
            b.last = true;
            full.put(b);
        } catch (InterruptedException e) {
            // closed by the consumer, which reads no further
        } catch (Throwable t) {
            Batch failed = new Batch();
            failed.failure = t;
            full.add(failed);
        }
    }

    /**
     * Copies a record into the batch and indexes it. One the index does not take (see {@link WireTape})
     * is parsed by the reader, which reports it corrupt as {@code net dump} does, or re-encoded
     * canonically and indexed in its place.
     */
    private void add(Batch b, byte[] buf, int off, int len, long offset) throws IOException {
        int i = b.count;
        b.add(buf, off, len, offset);
        try {
            b.frames[i] = b.tape.append(b.data, b.start(i), len, plan);
        } catch (InvalidProtocolBufferException unusual) {
            byte[] canonical = reader.decode(b.data, b.start(i), len, offset).toByteArray();
            b.count--;
            b.add(canonical, 0, canonical.length, offset);
            try {
                b.frames[i] = b.tape.append(b.data, b.start(i), canonical.length, plan);
            } catch (InvalidProtocolBufferException e) {
                throw new CorruptRecordException(reader.name(), offset, "a " + reader.type().descriptor().getName()
                        + " record that protobuf reads but whose columns cannot be found", e);
            }
        }
    }

    /** The next batch; its {@link Batch#last} flag marks the end of the file. */
    Batch next() throws IOException {
        Batch b;
        try {
            b = full.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading " + reader.name());
        }
        switch (b.failure) {
            case null -> {
                return b;
            }
            case IOException e -> throw e;
            case UncheckedIOException e -> throw e.getCause();
            case RuntimeException e -> throw e;
            case Error e -> throw e;
            default -> throw new IllegalStateException(b.failure);
        }
    }

    /** Hands a batch the caller is done with back to the reader. */
    void recycle(Batch b) {
        free.add(b);
    }

    /** Stops the reader if it is still running and waits for it. */
    @Override
    public void close() throws InterruptedIOException {
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while stopping the reader of " + reader.name());
        }
    }
}
