package io.netcap.engine;

import com.google.protobuf.Message;
import io.netcap.types.RecordType;

/** Receives the records a decoder produces. */
@FunctionalInterface
public interface RecordSink {
    void accept(RecordType type, Message record);
}
