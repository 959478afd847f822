package io.netcap.decoder.layer;

import com.google.protobuf.Message;
import io.netcap.decoder.DecodeContext;
import io.netcap.decoder.LayerDecoder;
import io.netcap.packet.Packet;
import io.netcap.packet.layer.*;
import io.netcap.types.RecordType;

/** ICMPv6 router solicitation (RFC 4861 4.1). */
public final class Icmpv6RouterSolicitationDecoder implements LayerDecoder {
    @Override
    public RecordType type() {
        return RecordType.ICMPv6RouterSolicitation;
    }

    @Override
    public LayerKind kind() {
        return LayerKind.ICMPV6_ROUTER_SOLICITATION;
    }

    @Override
    public Message decode(Layers layers, int i, Packet packet, DecodeContext ctx) {
        var r = io.netcap.types.ICMPv6RouterSolicitation.newBuilder()
                .setTimestamp(ctx.timestamp())
                .setSrcIPBytes(ctx.srcIpBytes())
                .setDstIPBytes(ctx.dstIpBytes());
        NdOptions.forEach(layers, i, Icmpv6View.RS_OPTIONS, r::addOptions);
        return r.build();
    }
}
