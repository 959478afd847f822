package io.netcap.decoder;

import com.google.protobuf.Message;
import io.netcap.packet.Packet;
import io.netcap.packet.layer.LayerKind;
import io.netcap.packet.layer.Layers;
import io.netcap.types.RecordType;

/**
 * Turns one parsed layer into one record. Implementations are per worker (they may keep a reusable
 * view) and never throw on malformed bytes. The records of every packet are written in wire format
 * instead ({@link WireLayerDecoder}).
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
}
