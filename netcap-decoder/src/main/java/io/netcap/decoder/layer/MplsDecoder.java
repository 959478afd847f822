package io.netcap.decoder.layer;

import com.google.protobuf.Message;
import io.netcap.decoder.DecodeContext;
import io.netcap.decoder.LayerDecoder;
import io.netcap.packet.Packet;
import io.netcap.packet.layer.*;
import io.netcap.types.RecordType;

/** One record per MPLS label stack entry. */
public final class MplsDecoder implements LayerDecoder {
    @Override
    public RecordType type() {
        return RecordType.MPLS;
    }

    @Override
    public LayerKind kind() {
        return LayerKind.MPLS;
    }

    private final MplsView v = new MplsView();

    @Override
    public Message decode(Layers layers, int i, Packet packet, DecodeContext ctx) {
        v.wrap(layers, i);
        return io.netcap.types.MPLS.newBuilder()
                .setTimestamp(ctx.timestamp())
                .setLabel(v.label())
                .setTrafficClass(v.trafficClass())
                .setStackBottom(v.stackBottom())
                .setTTL(v.ttl())
                .build();
    }
}
