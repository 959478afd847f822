package io.netcap.packet.source;

import io.netcap.packet.Packet;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * A stream of captured packets: a capture file or a live interface.
 *
 * <p>Aliasing contract: a returned packet may slice a buffer the source reuses; it stays valid
 * until the next call of {@link #next()} (take {@link Packet#copy()} to keep it longer).
 *
 * <p>Damaged input never throws out of {@link #next()}: the packets before the defect are
 * delivered, the defect is recorded in {@link #defects()} with its byte offset, and the source
 * either resynchronises or ends. An {@link IOException} means the underlying storage failed.
 */
public interface PacketSource extends Closeable {

    /** The next packet, or null at the end of the input. */
    Packet next() throws IOException;

    /** Damage found so far, in the order it was met. */
    List<Defect> defects();

    /** Packets returned by {@link #next()} so far. */
    long packetsRead();

    /** A human-readable name of the input (file name and format, or interface). */
    String description();
}
