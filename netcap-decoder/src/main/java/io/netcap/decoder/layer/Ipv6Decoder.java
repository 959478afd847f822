package io.netcap.decoder.layer;

import com.google.protobuf.Message;
import io.netcap.decoder.DecodeContext;
import io.netcap.decoder.LayerDecoder;
import io.netcap.packet.Packet;
import io.netcap.packet.layer.*;
import io.netcap.types.RecordType;

/** IPv6 record; its payload is everything after the fixed header up to the payload length (extension headers included). A directly following hop-by-hop header is also copied into the HopByHop field. SrcPort/DstPort come from the packet context. */
public final class Ipv6Decoder implements LayerDecoder {
    @Override
    public RecordType type() {
        return RecordType.IPv6;
    }

    @Override
    public LayerKind kind() {
        return LayerKind.IPV6;
    }

    private final Ipv6View v = new Ipv6View();

    @Override
    public Message decode(Layers layers, int i, Packet packet, DecodeContext ctx) {
        v.wrap(layers, i);
        var r = io.netcap.types.IPv6.newBuilder()
                .setTimestamp(ctx.timestamp())
                .setVersion(v.version())
                .setTrafficClass(v.trafficClass())
                .setFlowLabel(v.flowLabel())
                .setLength(v.payloadLength())
                .setNextHeader(v.nextHeader())
                .setHopLimit(v.hopLimit())
                .setSrcIPBytes(ctx.networkSrcIpBytes(layers, i))
                .setDstIPBytes(ctx.networkDstIpBytes(layers, i))
                .setPayloadEntropy(ctx.entropy(i))
                .setPayloadSize(layers.payloadLength(i))
                .setSrcPort(ctx.srcPort())
                .setDstPort(ctx.dstPort());
        if (i + 1 < layers.count() && layers.kind(i + 1) == LayerKind.IPV6_HOP_BY_HOP) {
            var hbh = io.netcap.types.IPv6HopByHop.newBuilder().setTimestamp(ctx.timestamp());
            Ipv6HopByHopDecoder.addOptions(layers, i + 1, hbh);
            r.setHopByHop(hbh);
        }
        return r.build();
    }
}
