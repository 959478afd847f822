package io.netcap.decoder.layer;

import com.google.protobuf.Message;
import io.netcap.decoder.DecodeContext;
import io.netcap.decoder.LayerDecoder;
import io.netcap.packet.Packet;
import io.netcap.packet.layer.*;
import io.netcap.types.RecordType;

/** IPv6 fragment header; addresses and ports from the packet context. */
public final class Ipv6FragmentDecoder implements LayerDecoder {
    @Override
    public RecordType type() {
        return RecordType.IPv6Fragment;
    }

    @Override
    public LayerKind kind() {
        return LayerKind.IPV6_FRAGMENT;
    }

    private final Ipv6FragmentView v = new Ipv6FragmentView();

    @Override
    public Message decode(Layers layers, int i, Packet packet, DecodeContext ctx) {
        v.wrap(layers, i);
        return io.netcap.types.IPv6Fragment.newBuilder()
                .setTimestamp(ctx.timestamp())
                .setNextHeader(v.nextHeader())
                .setReserved1(v.reserved1())
                .setFragmentOffset(v.fragmentOffset())
                .setReserved2(v.reserved2())
                .setMoreFragments(v.moreFragments())
                .setIdentification(v.identification())
                .setSrcIPBytes(ctx.srcIpBytes())
                .setDstIPBytes(ctx.dstIpBytes())
                .setSrcPort(ctx.srcPort())
                .setDstPort(ctx.dstPort())
                .build();
    }
}
