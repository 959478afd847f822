package io.netcap.decoder;

import io.netcap.types.RecordType;

/**
 * Takes records in protobuf wire format (see {@link WireWriter}). The pipeline brackets every record it
 * writes with {@link #open} and {@link #close}; by default the record goes to the writer's own array and
 * then to {@link #accept}, while a sink with buffers of its own can have it written there directly.
 */
public interface WireSink {
    /** Takes a record {@code record[0 .. length)}, without length prefix. */
    void accept(RecordType type, byte[] record, int length);

    /** Points {@code out} at where the next record of {@code type} goes (by default its own array). */
    default void open(RecordType type, WireWriter out) {
        out.reset();
    }

    /** Takes the record written into {@code out} since {@link #open}. */
    default void close(RecordType type, WireWriter out) {
        accept(type, out.buffer(), out.length());
    }
}
