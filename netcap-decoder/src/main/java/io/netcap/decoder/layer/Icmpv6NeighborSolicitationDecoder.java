package io.netcap.decoder.layer;

import com.google.protobuf.Message;
import io.netcap.decoder.DecodeContext;
import io.netcap.decoder.LayerDecoder;
import io.netcap.packet.Packet;
import io.netcap.packet.layer.*;
import io.netcap.types.RecordType;

/** ICMPv6 neighbor solicitation (RFC 4861 4.3). */
public final class Icmpv6NeighborSolicitationDecoder implements LayerDecoder {
    @Override
    public RecordType type() {
        return RecordType.ICMPv6NeighborSolicitation;
    }

    @Override
    public LayerKind kind() {
        return LayerKind.ICMPV6_NEIGHBOR_SOLICITATION;
    }

    @Override
    public Message decode(Layers layers, int i, Packet packet, DecodeContext ctx) {
        var r = io.netcap.types.ICMPv6NeighborSolicitation.newBuilder()
                .setTimestamp(ctx.timestamp())
                .setTargetAddress(Addresses.ipv6(layers.buffer(), layers.offset(i) + Icmpv6View.NS_TARGET))
                .setSrcIPBytes(ctx.srcIpBytes())
                .setDstIPBytes(ctx.dstIpBytes());
        NdOptions.forEach(layers, i, Icmpv6View.NS_OPTIONS, r::addOptions);
        return r.build();
    }
}
