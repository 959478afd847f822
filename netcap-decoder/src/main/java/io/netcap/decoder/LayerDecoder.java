package io.netcap.decoder;

import com.google.protobuf.Message;
import io.netcap.packet.Packet;
import io.netcap.packet.layer.LayerKind;
import io.netcap.packet.layer.Layers;
import io.netcap.types.RecordType;
import java.util.function.Consumer;

/**
 * Turns one parsed layer into one record. Implementations are per worker (they may keep a reusable
 * view), never throw on malformed bytes, and return null when the layer yields no record.
 */
public interface LayerDecoder {
    /** The record type produced. */
    RecordType type();

    /** The layer consumed. */
    LayerKind kind();

    /**
     * Builds the record of layer {@code index}, with the packet context of {@code ctx} applied.
     *
     * @return the record, or null when this layer gives none
     */
    Message decode(Layers layers, int index, Packet packet, DecodeContext ctx);

    /**
     * All records of layer {@code index}, for decoders that produce more than one per layer (LLDP raw and
     * decoded view, EAPOL and its key descriptor, ...). The pipeline calls this; by default it emits
     * the one record of {@link #decode}.
     */
    default void decodeAll(Layers layers, int index, Packet packet, DecodeContext ctx, Consumer<? super Message> out) {
        Message m = decode(layers, index, packet, ctx);
        if (m != null) {
            out.accept(m);
        }
    }

    /**
     * Writes the record of layer {@code index} in wire format, byte for byte what serialising
     * {@link #decode}'s record gives, for decoders of the records every packet has.
     *
     * @return false when this decoder has no direct encoding (the caller then uses {@link #decodeAll})
     */
    default boolean encode(Layers layers, int index, Packet packet, DecodeContext ctx, WireWriter out) {
        return false;
    }
}
