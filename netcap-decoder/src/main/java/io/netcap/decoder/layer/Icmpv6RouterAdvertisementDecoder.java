package io.netcap.decoder.layer;

import com.google.protobuf.Message;
import io.netcap.decoder.DecodeContext;
import io.netcap.decoder.LayerDecoder;
import io.netcap.packet.Packet;
import io.netcap.packet.layer.*;
import io.netcap.types.RecordType;

/** ICMPv6 router advertisement (RFC 4861 4.2). */
public final class Icmpv6RouterAdvertisementDecoder implements LayerDecoder {
    @Override
    public RecordType type() {
        return RecordType.ICMPv6RouterAdvertisement;
    }

    @Override
    public LayerKind kind() {
        return LayerKind.ICMPV6_ROUTER_ADVERTISEMENT;
    }

    @Override
    public Message decode(Layers layers, int i, Packet packet, DecodeContext ctx) {
        byte[] b = layers.buffer();
        int off = layers.offset(i);
        var r = io.netcap.types.ICMPv6RouterAdvertisement.newBuilder()
                .setTimestamp(ctx.timestamp())
                .setHopLimit(Bytes.u8(b, off + Icmpv6View.RA_HOP_LIMIT))
                .setFlags(Bytes.u8(b, off + Icmpv6View.RA_FLAGS))
                .setRouterLifetime(Bytes.u16(b, off + Icmpv6View.RA_ROUTER_LIFETIME))
                .setReachableTime(Bytes.u32(b, off + Icmpv6View.RA_REACHABLE_TIME))
                .setRetransTimer(Bytes.u32(b, off + Icmpv6View.RA_RETRANS_TIMER))
                .setSrcIPBytes(ctx.srcIpBytes())
                .setDstIPBytes(ctx.dstIpBytes());
        NdOptions.forEach(layers, i, Icmpv6View.RA_OPTIONS, r::addOptions);
        return r.build();
    }
}
