package io.netcap.decoder;

import com.google.protobuf.Message;
import io.netcap.packet.Packet;
import io.netcap.packet.layer.Layers;

/**
 * A layer decoder that writes its record straight in protobuf wire format, for the records of every
 * packet (Ethernet, IPv4, TCP, UDP): building a message and serialising it costs several times the
 * parsing. The wire writer is the only writer of these records.
 */
public interface WireLayerDecoder extends LayerDecoder {
    /**
     * Writes the record of layer {@code index}, with the packet context of {@code ctx} applied, into
     * {@code out}: fields in field-number order, as {@link WireWriter} requires.
     */
    void write(Layers layers, int index, Packet packet, DecodeContext ctx, WireWriter out);

    /** The record {@link #write} writes, parsed back into its message (the pipeline's message path: tests, tools). */
    @Override
    default Message decode(Layers layers, int index, Packet packet, DecodeContext ctx) {
        WireWriter w = new WireWriter();
        write(layers, index, packet, ctx, w);
        return WireSink.parse(type(), w.buffer(), w.length());
    }
}
