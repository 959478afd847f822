package io.netcap.decoder.layer;

import com.google.protobuf.Message;
import io.netcap.decoder.DecodeContext;
import io.netcap.decoder.LayerDecoder;
import io.netcap.packet.Packet;
import io.netcap.packet.layer.*;
import io.netcap.types.RecordType;

/** One record per 802.1Q tag (each tag of a QinQ stack). */
public final class Dot1QDecoder implements LayerDecoder {
    @Override
    public RecordType type() {
        return RecordType.Dot1Q;
    }

    @Override
    public LayerKind kind() {
        return LayerKind.DOT1Q;
    }

    private final Dot1QView v = new Dot1QView();

    @Override
    public Message decode(Layers layers, int i, Packet packet, DecodeContext ctx) {
        v.wrap(layers, i);
        return io.netcap.types.Dot1Q.newBuilder()
                .setTimestamp(ctx.timestamp())
                .setPriority(v.priority())
                .setDropEligible(v.dropEligible())
                .setVLANIdentifier(v.vlanIdentifier())
                .setType(v.type())
                .build();
    }
}
