package io.netcap.decoder.layer;

import com.google.protobuf.Message;
import io.netcap.decoder.DecodeContext;
import io.netcap.decoder.LayerDecoder;
import io.netcap.packet.Packet;
import io.netcap.packet.layer.*;
import io.netcap.types.RecordType;
import com.google.protobuf.ByteString;
/** UDP record; the payload is limited by the UDP length field. SrcIP/DstIP from the packet context. */
public final class UdpDecoder implements LayerDecoder {
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
    public Message decode(Layers layers, int i, Packet packet, DecodeContext ctx) {
        v.wrap(layers, i);
        var r = io.netcap.types.UDP.newBuilder()
                .setTimestamp(ctx.timestamp())
                .setSrcPort(v.srcPort())
                .setDstPort(v.dstPort())
                .setLength(v.lengthField())
                .setChecksum(v.checksum())
                .setPayloadEntropy(ctx.entropy(i))
                .setPayloadSize(layers.payloadLength(i))
                .setSrcIP(ctx.srcIp())
                .setDstIP(ctx.dstIp());
        if (ctx.payload() && layers.payloadLength(i) > 0) {
            r.setPayload(ByteString.copyFrom(v.buffer(), layers.payloadOffset(i), layers.payloadLength(i)));
        }
        return r.build();
    }
}
