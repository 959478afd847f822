package io.netcap.cli;

import com.google.protobuf.Message;
import io.netcap.io.RecordReader;
import io.netcap.label.RecordFacts;
import io.netcap.types.RecordType;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * {@code net export -replay} (docs/scale-out.md, "Prometheus"): the records of several files counted in real time,
 * as they happened. The earliest first record of the files is time 0; a record is counted once as much time has
 * passed since the start as lies between it and time 0, so the files' timelines interleave as they did on the wire.
 * One thread per file; a record earlier than one before it in its file (workers write in parallel) or without a
 * time is counted at once.
 *
 * <p>The original slept, per file, by the time from the record to the one before it, a negative duration for
 * records in time order: it never waited.
 */
final class Replay {
    private Replay() {}

    /** The record's time in nanoseconds ({@code Timestamp}, or {@code TimestampFirst}), 0 for none. */
    static long time(RecordType type, Message m) {
        RecordFacts facts = RecordFacts.of(type);
        return facts.timed() ? facts.time(m) : 0;
    }

    /**
     * Counts every record of {@code files} into {@code counted} at its time; returns when all are counted. A corrupt
     * record ends its file with a warning on {@code err}, as without replay.
     */
    static void run(List<Path> files, BiConsumer<RecordType, Message> counted, PrintWriter err)
            throws InterruptedException {
        long origin = Long.MAX_VALUE;
        for (Path f : files) {
            long first = firstTime(f);
            if (first > 0) {
                origin = Math.min(origin, first);
            }
        }
        long start = System.nanoTime();
        long zero = origin;
        BiConsumer<RecordType, Message> paced = (type, m) -> {
            waitFor(time(type, m), zero, start);
            counted.accept(type, m);
        };
        List<Thread> threads = new ArrayList<>();
        for (Path f : files) {
            threads.add(Thread.ofVirtual().name("replay " + f.getFileName())
                    .start(() -> ExportCommand.count(f, paced, err)));
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    private static long firstTime(Path file) {
        try (RecordReader r = RecordReader.open(file)) {
            Message m = r.next();
            return m == null ? 0 : time(r.type(), m);
        } catch (IOException e) {
            return 0; // its warning comes when it is replayed
        }
    }

    /** Sleeps until time {@code t} (0: none) has come, counted from {@code origin} at {@code start}. */
    private static void waitFor(long t, long origin, long start) {
        if (t > 0 && origin != Long.MAX_VALUE) {
            long wait = start + (t - origin) - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // the file's counting stops at its next record
                }
            }
        }
    }
}
