package io.netcap.decoder;

import io.netcap.types.RecordType;

/** Takes records already in protobuf wire format (see {@link WireWriter}), without length prefix. */
public interface WireSink {
    void accept(RecordType type, byte[] record, int length);
}
