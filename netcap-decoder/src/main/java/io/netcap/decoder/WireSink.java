package io.netcap.decoder;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.netcap.types.RecordType;
import java.util.function.Consumer;

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

    /**
     * The record {@code record[0 .. length)} of {@code type} parsed back into its message. The records that
     * have a wire writer are written in wire format only; callers that take messages (tests, tools) get them
     * this way, so there is no second writer to drift from the first.
     */
    static Message parse(RecordType type, byte[] record, int length) {
        try {
            return (Message) type.prototype().getParserForType().parseFrom(record, 0, length);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("a " + type + " record written in wire format does not parse", e);
        }
    }

    /** A sink that hands every record on as its message ({@link #parse}). */
    @SuppressWarnings("unchecked")
    static <M extends Message> WireSink messages(Consumer<? super M> out) {
        return (type, record, length) -> out.accept((M) parse(type, record, length));
    }
}
