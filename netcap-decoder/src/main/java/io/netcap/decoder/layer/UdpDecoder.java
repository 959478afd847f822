package io.netcap.decoder.layer;

import io.netcap.decoder.DecodeContext;
import io.netcap.decoder.WireLayerDecoder;
import io.netcap.decoder.WireWriter;
import io.netcap.packet.Packet;
import io.netcap.packet.layer.*;
import io.netcap.types.RecordType;
import io.netcap.types.UDP;

/** UDP record; the payload is limited by the UDP length field. SrcIP/DstIP from the packet context. */
public final class UdpDecoder implements WireLayerDecoder {
    @Override
    public RecordType type() {
        return RecordType.UDP;
    }

    @Override
    public LayerKind kind() {
        return LayerKind.UDP;
    }

    private final UdpView v = new UdpView();

    @Override
    public void write(Layers layers, int i, Packet packet, DecodeContext ctx, WireWriter w) {
        v.wrap(layers, i);
        w.int64(UDP.TIMESTAMP_FIELD_NUMBER, ctx.timestamp());
        w.int32(UDP.SRCPORT_FIELD_NUMBER, v.srcPort());
        w.int32(UDP.DSTPORT_FIELD_NUMBER, v.dstPort());
        w.int32(UDP.LENGTH_FIELD_NUMBER, v.lengthField());
        w.int32(UDP.CHECKSUM_FIELD_NUMBER, v.checksum());
        w.float64(UDP.PAYLOADENTROPY_FIELD_NUMBER, ctx.entropy(i));
        w.int32(UDP.PAYLOADSIZE_FIELD_NUMBER, layers.payloadLength(i));
        if (ctx.payload() && layers.payloadLength(i) > 0) {
            w.bytes(UDP.PAYLOAD_FIELD_NUMBER, v.buffer(), layers.payloadOffset(i), layers.payloadLength(i));
        }
        w.string(UDP.SRCIP_FIELD_NUMBER, ctx.srcIpText());
        w.string(UDP.DSTIP_FIELD_NUMBER, ctx.dstIpText());
    }
}
