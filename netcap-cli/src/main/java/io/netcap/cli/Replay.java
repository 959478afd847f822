package io.netcap.cli;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.netcap.io.RecordReader;
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
    static long time(Message m) {
        FieldDescriptor fd = m.getDescriptorForType().findFieldByName("Timestamp");
        if (fd == null || fd.getJavaType() != FieldDescriptor.JavaType.LONG) {
            fd = m.getDescriptorForType().findFieldByName("TimestampFirst");
        }
        return fd != null && fd.getJavaType() == FieldDescriptor.JavaType.LONG && !fd.isRepeated() ? (Long) m.getField(fd) : 0;
    }

    /**
     * Counts every record of {@code files} into {@code counted} at its time; returns when all are counted. A corrupt
     * record ends its file with a warning on {@code err}, as without replay.
     */
    static void run(List<Path> files, BiConsumer<RecordType, Message> counted, PrintWriter err) throws InterruptedException {
        long origin = Long.MAX_VALUE;
        for (Path f : files) {
            long first = firstTime(f);
            if (first > 0) {
                origin = Math.min(origin, first);
            }
        }
        long start = System.nanoTime();
        long zero = origin;
        List<Thread> threads = new ArrayList<>();
        for (Path f : files) {
            threads.add(Thread.ofVirtual().name("replay " + f.getFileName()).start(() -> replay(f, zero, start, counted, err)));
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    private static long firstTime(Path file) {
        try (RecordReader r = RecordReader.open(file)) {
            Message m = r.next();
            return m == null ? 0 : time(m);
        } catch (IOException e) {
            return 0; // its warning comes when it is replayed
        }
    }

    private static void replay(Path file, long origin, long start, BiConsumer<RecordType, Message> counted, PrintWriter err) {
        try (RecordReader reader = RecordReader.open(file)) {
            RecordType type = reader.type();
            for (Message m = reader.next(); m != null; m = reader.next()) {
                long t = time(m);
                if (t > 0 && origin != Long.MAX_VALUE) {
                    long wait = start + (t - origin) - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
                counted.accept(type, m);
            }
        } catch (IOException e) {
            err.println("warning: " + file + ": " + IoReason.describe(e) + "; its records before that are exported");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
