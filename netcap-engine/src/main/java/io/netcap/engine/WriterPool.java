package io.netcap.engine;

import io.netcap.io.RecordWriter;
import io.netcap.io.WriterOptions;
import io.netcap.types.RecordType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One {@link RecordWriter} per record type, created when the type's first chunk arrives, fed by
 * writer threads. Workers hand over full chunks (records framed by a varint length) and go on
 * decoding; the writer threads split them into records and call {@code writeSerialized}, so gzip runs
 * off the workers' threads. The queue is bounded: when compression falls behind, workers wait.
 */
public final class WriterPool implements AutoCloseable {
    /** A chunk of one type: {@code data[0 .. length)} holds varint-framed records. */
    record Chunk(RecordType type, byte[] data, int length, int records) {}

    private static final Chunk POISON = new Chunk(null, new byte[0], 0, 0);

    private final Path dir;
    private final WriterOptions options;
    private final Map<RecordType, RecordWriter> writers = new EnumMap<>(RecordType.class);
    private final BlockingQueue<Chunk> queue;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicReference<IOException> failure = new AtomicReference<>();
    private final BlockingQueue<byte[]> free;
    private final int chunkSize;

    public WriterPool(Path dir, WriterOptions options, int writerThreads, int queueChunks, int chunkSize) {
        this.dir = dir;
        this.options = options;
        this.queue = new ArrayBlockingQueue<>(queueChunks);
        this.free = new ArrayBlockingQueue<>(queueChunks * 2);
        this.chunkSize = chunkSize;
        for (int i = 0; i < writerThreads; i++) {
            threads.add(Thread.ofPlatform().name("netcap-writer-" + i).daemon(true).unstarted(this::loop));
        }
        threads.forEach(Thread::start);
    }

    public int chunkSize() {
        return chunkSize;
    }

    /** A recycled chunk buffer, or a new one. */
    byte[] buffer() {
        byte[] b = free.poll();
        return b != null ? b : new byte[chunkSize];
    }

    /** Queues a chunk; blocks while the writers are behind. */
    void submit(Chunk c) {
        try {
            queue.put(c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while queueing records", e);
        }
    }

    private void loop() {
        try {
            while (true) {
                Chunk c = queue.take();
                if (c == POISON) {
                    return;
                }
                write(c);
                if (c.data().length == chunkSize) {
                    free.offer(c.data());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void write(Chunk c) {
        try {
            RecordWriter w = writer(c.type());
            byte[] d = c.data();
            int p = 0;
            while (p < c.length()) {
                int len = 0;
                int shift = 0;
                int b;
                do {
                    b = d[p++];
                    len |= (b & 0x7f) << shift;
                    shift += 7;
                } while ((b & 0x80) != 0);
                w.writeSerialized(d, p, len);
                p += len;
            }
        } catch (IOException e) {
            failure.compareAndSet(null, e);
        }
    }

    /** The writer of {@code type}, created (with its header) on first use. */
    RecordWriter writer(RecordType type) throws IOException {
        synchronized (writers) {
            RecordWriter w = writers.get(type);
            if (w == null) {
                w = RecordWriter.create(dir, type, options);
                writers.put(type, w);
            }
            return w;
        }
    }

    /** Records written per type so far. */
    public Map<RecordType, Long> counts() {
        Map<RecordType, Long> m = new EnumMap<>(RecordType.class);
        synchronized (writers) {
            writers.forEach((t, w) -> m.put(t, w.count()));
        }
        return m;
    }

    /** Flushes every writer (records written so far become readable). */
    public void flush() throws IOException {
        List<RecordWriter> ws;
        synchronized (writers) {
            ws = new ArrayList<>(writers.values());
        }
        for (RecordWriter w : ws) {
            w.flush();
        }
    }

    /** Drains the queue, stops the threads and closes every writer (empty files are removed). */
    @Override
    public void close() throws IOException {
        for (int i = 0; i < threads.size(); i++) {
            submit(POISON);
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        IOException first = failure.get();
        synchronized (writers) {
            for (RecordWriter w : writers.values()) {
                try {
                    w.close();
                } catch (IOException e) {
                    if (first == null) {
                        first = e;
                    }
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Total bytes of all record files on disk (after close). */
    public long bytesOnDisk() {
        long n = 0;
        synchronized (writers) {
            for (RecordWriter w : writers.values()) {
                try {
                    n += java.nio.file.Files.exists(w.path()) ? java.nio.file.Files.size(w.path()) : 0;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return n;
    }
}
