package io.netcap.engine;

import io.netcap.io.WriterOptions;
import io.netcap.types.RecordType;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * A second destination of the records besides the files, such as Kafka topics (docs/scale-out.md,
 * "Kafka"), or the only one ({@link #replacesFiles()}: the UDP agent). The writer threads hand it every
 * chunk right after the chunk reached its file; a tap must not block them for long (it copies and
 * queues). The engine closes it after the last file, before the summary, whose {@code summary.json}
 * then holds the tap's counters under its name.
 */
public interface RecordTap {
    /** Before the first chunk: the options the record files are written with (their headers). */
    void start(WriterOptions options);

    /**
     * {@code data[0 .. length)} holds {@code records} records of {@code type}, each framed by its varint
     * length as in the file; the array is reused once the call returns.
     */
    void accept(RecordType type, byte[] data, int length, int records);

    /** After the last chunk: delivers what is still queued, within a bound of time, and releases the tap. */
    void close() throws IOException;

    /**
     * True: the records go to this tap only; the engine writes no record files, {@code unknown.pcap} or
     * {@code errors.pcap}, and the capture job no {@code summary.json} or {@code netcap.log}.
     */
    default boolean replacesFiles() {
        return false;
    }

    /**
     * Longest time a record waits in a worker's partly filled chunk while packets are scarce, so that a
     * quiet live link still delivers; null: chunks are handed over when full and at the end.
     */
    default Duration handOverInterval() {
        return null;
    }

    /** Name of the counters' object in {@code summary.json}. */
    String name();

    /** The counters for the summary, in a stable order. */
    Map<String, Long> stats();
}
