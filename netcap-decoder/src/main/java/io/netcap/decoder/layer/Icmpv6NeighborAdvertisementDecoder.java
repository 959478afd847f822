package io.netcap.decoder.layer;

import com.google.protobuf.Message;
import io.netcap.decoder.DecodeContext;
import io.netcap.decoder.LayerDecoder;
import io.netcap.packet.Packet;
import io.netcap.packet.layer.*;
import io.netcap.types.RecordType;

/** ICMPv6 neighbor advertisement (RFC 4861 4.4); Flags is the byte holding R, S and O. */
public final class Icmpv6NeighborAdvertisementDecoder implements LayerDecoder {
    @Override
    public RecordType type() {
        return RecordType.ICMPv6NeighborAdvertisement;
    }

    @Override
    public LayerKind kind() {
        return LayerKind.ICMPV6_NEIGHBOR_ADVERTISEMENT;
    }

    @Override
    public Message decode(Layers layers, int i, Packet packet, DecodeContext ctx) {
        byte[] b = layers.buffer();
        int off = layers.offset(i);
        var r = io.netcap.types.ICMPv6NeighborAdvertisement.newBuilder()
                .setTimestamp(ctx.timestamp())
                .setFlags(Bytes.u8(b, off + Icmpv6View.NA_FLAGS))
                .setTargetAddress(Addresses.ipv6(b, off + Icmpv6View.NA_TARGET))
                .setSrcIPBytes(ctx.srcIpBytes())
                .setDstIPBytes(ctx.dstIpBytes());
        NdOptions.forEach(layers, i, Icmpv6View.NA_OPTIONS, r::addOptions);
        return r.build();
    }
}
