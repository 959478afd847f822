package io.netcap.engine;

import io.netcap.io.RecordLabels;
import io.netcap.io.RecordWriter;
import io.netcap.io.WriterOptions;
import io.netcap.types.RecordType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One {@link RecordWriter} per record type, created when the type's first chunk arrives, fed by
 * writer threads. Workers hand over full chunks (records framed by a varint length) and go on
 * decoding; the writer threads split them into records and call {@code writeSerialized}, so gzip runs
 * off the workers' threads. The queues are bounded: when compression falls behind, workers wait.
 *
 * <p>Each record type is served by one writer thread (assigned round-robin when its first chunk
 * arrives), so the large types compress in parallel and the chunks of one type are written in the
 * order they were submitted. That thread also closes the type's file (its last gzip member), when the type is
 * {@linkplain #finish finished} or at {@link #close}: the files close in parallel, and those of the types
 * that are final early close while the rest of the capture ends (docs/engine.md, "Shutdown").
 */
public final class WriterPool implements AutoCloseable {
    /** A chunk of one type: {@code data[0 .. length)} holds varint-framed records. */
    record Chunk(RecordType type, byte[] data, int length, int records) {}

    private static final Chunk POISON = new Chunk(null, new byte[0], 0, 0);
    /** The data of a chunk that asks its writer thread to close the file of its type. */
    private static final byte[] CLOSE = new byte[0];

    private final Path dir;
    private final WriterOptions options;
    private final Map<RecordType, RecordWriter> writers = new EnumMap<>(RecordType.class);
    private final List<BlockingQueue<Chunk>> queues = new ArrayList<>();
    /** Writer thread of each record type (by ordinal), -1 until its first chunk. */
    private final int[] owner = new int[RecordType.values().length];
    private int nextOwner;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicReference<IOException> failure = new AtomicReference<>();
    private final BlockingQueue<byte[]> free;
    private final int chunkSize;
    private volatile RecordTap tap;
    private volatile boolean flushWhenIdle;
    /** The label column of CSV files ({@code -csv -labels}), or null; set before the first record. */
    private volatile RecordLabels labels;
    /** Records per type handed to the tap when no files are written ({@code dir} null). */
    private final java.util.concurrent.atomic.AtomicLongArray tapped =
            new java.util.concurrent.atomic.AtomicLongArray(RecordType.values().length);

    /** @param dir where the record files go, or null for none: the chunks then go to the tap only */
    public WriterPool(Path dir, WriterOptions options, int writerThreads, int queueChunks, int chunkSize) {
        this.dir = dir;
        this.options = options;
        this.free = new ArrayBlockingQueue<>(queueChunks * 2);
        this.chunkSize = chunkSize;
        java.util.Arrays.fill(owner, -1);
        for (int i = 0; i < writerThreads; i++) {
            BlockingQueue<Chunk> q = new ArrayBlockingQueue<>(queueChunks);
            queues.add(q);
            int index = i;
            threads.add(Thread.ofPlatform().name("netcap-writer-" + i).daemon(true).unstarted(() -> loop(q, index)));
        }
        threads.forEach(Thread::start);
    }

    /**
     * {@code -buf=false}: a writer thread that finds its queue empty flushes the files it appended to since, so records
     * reach the files as soon as the writers are idle (each flush ends a gzip member). Set before the first chunk.
     */
    void flushWhenIdle() {
        this.flushWhenIdle = true;
    }

    /** CSV rows get a last column of these labels ({@code capture -csv -labels}). */
    void labels(RecordLabels labels) {
        this.labels = labels;
    }

    /** Every chunk also goes to {@code tap} once it is in its file. */
    void tap(RecordTap tap) {
        this.tap = tap;
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
        put(queueOf(c.type()), c);
    }

    private static void put(BlockingQueue<Chunk> q, Chunk c) {
        try {
            q.put(c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while queueing records", e);
        }
    }

    /**
     * No more records of {@code types} will come: each file of them is closed by its writer thread after its
     * queued chunks, while the caller goes on. A chunk of such a type submitted later fails the pool.
     */
    void finish(Set<RecordType> types) {
        for (RecordType t : types) {
            BlockingQueue<Chunk> q;
            synchronized (owner) {
                q = owner[t.ordinal()] < 0 ? null : queues.get(owner[t.ordinal()]);
            }
            if (q != null) {
                put(q, new Chunk(t, CLOSE, 0, 0));
            }
        }
    }

    private BlockingQueue<Chunk> queueOf(RecordType type) {
        int t = type.ordinal();
        synchronized (owner) {
            if (owner[t] < 0) {
                owner[t] = nextOwner++ % queues.size();
            }
            return queues.get(owner[t]);
        }
    }

    private void loop(BlockingQueue<Chunk> queue, int index) {
        Set<RecordType> unflushed = EnumSet.noneOf(RecordType.class);
        try {
            while (true) {
                Chunk c = queue.poll();
                if (c == null) {
                    writeThrough(unflushed);
                    c = queue.take();
                }
                if (c == POISON) {
                    closeOwned(index);
                    return;
                }
                if (c.data() == CLOSE) {
                    unflushed.remove(c.type());
                    closeFile(c.type());
                    continue;
                }
                write(c);
                if (flushWhenIdle && dir != null) {
                    unflushed.add(c.type());
                }
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
            // The chunk is whole framed records, the file's own framing: appended as one piece.
            if (dir != null) {
                writer(c.type()).writeFramed(c.data(), 0, c.length(), c.records());
            } else {
                tapped.addAndGet(c.type().ordinal(), c.records());
            }
            RecordTap t = tap;
            if (t != null) {
                t.accept(c.type(), c.data(), c.length(), c.records());
            }
        } catch (IOException e) {
            failure.compareAndSet(null, e);
        } catch (RuntimeException | Error e) {
            // kept for close() like an I/O failure: a writer thread that died would leave its queue full and the
            // workers waiting on it for ever
            failure.compareAndSet(null, new IOException("writing " + c.type() + " records failed: " + e, e));
        }
    }

    /** Writes the records of {@code types} through to their files ({@link #flushWhenIdle}); a failure is the pool's. */
    private void writeThrough(Set<RecordType> types) {
        for (RecordType t : types) {
            RecordWriter w;
            synchronized (writers) {
                w = writers.get(t);
            }
            try {
                if (w != null) {
                    w.writeThrough();
                }
            } catch (IOException e) {
                failure.compareAndSet(null, e);
            }
        }
        types.clear();
    }

    /** Closes the files of the types this writer thread serves. */
    private void closeOwned(int index) {
        for (RecordType t : RecordType.values()) {
            boolean mine;
            synchronized (owner) {
                mine = owner[t.ordinal()] == index;
            }
            if (mine) {
                closeFile(t);
            }
        }
    }

    /** Closes the file of {@code type} if it has one (closing twice is harmless); a failure is the pool's. */
    private void closeFile(RecordType type) {
        RecordWriter w;
        synchronized (writers) {
            w = writers.get(type);
        }
        if (w == null) {
            return;
        }
        try {
            w.close();
        } catch (IOException e) {
            failure.compareAndSet(null, e);
        } catch (RuntimeException | Error e) {
            failure.compareAndSet(null, new IOException("closing the " + type + " records failed: " + e, e));
        }
    }

    /** The writer of {@code type}, created (with its header) on first use. */
    RecordWriter writer(RecordType type) throws IOException {
        synchronized (writers) {
            RecordWriter w = writers.get(type);
            if (w == null) {
                w = RecordWriter.create(dir, type, options, labels);
                writers.put(type, w);
            }
            return w;
        }
    }

    /** Records written per type so far. */
    public Map<RecordType, Long> counts() {
        Map<RecordType, Long> m = new EnumMap<>(RecordType.class);
        if (dir == null) {
            for (RecordType t : RecordType.values()) {
                m.put(t, tapped.get(t.ordinal()));
            }
            return m;
        }
        synchronized (writers) {
            writers.forEach((t, w) -> m.put(t, w.count()));
        }
        return m;
    }

    /** For {@code -csv -encode}: values beyond a text column's category cap, by {@code Type.Column}; empty otherwise. */
    public Map<String, Long> categoriesOverCap() {
        Map<String, Long> m = new java.util.TreeMap<>();
        synchronized (writers) {
            writers.forEach((t, w) -> w.categoriesOverCap().forEach((c, n) -> m.put(t.fileName() + "." + c, n)));
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

    /**
     * Drains the queues and stops the threads, each closing the files it wrote; closes what is left (empty files are
     * removed).
     */
    @Override
    public void close() throws IOException {
        for (BlockingQueue<Chunk> q : queues) {
            try {
                q.put(POISON);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while closing the writers", e);
            }
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
