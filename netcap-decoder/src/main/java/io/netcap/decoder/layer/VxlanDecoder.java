package io.netcap.decoder.layer;

import com.google.protobuf.Message;
import io.netcap.decoder.DecodeContext;
import io.netcap.decoder.LayerDecoder;
import io.netcap.packet.Packet;
import io.netcap.packet.layer.*;
import io.netcap.types.RecordType;

/** VXLAN record. */
public final class VxlanDecoder implements LayerDecoder {
    @Override
    public RecordType type() {
        return RecordType.VXLAN;
    }

    @Override
    public LayerKind kind() {
        return LayerKind.VXLAN;
    }

    private final VxlanView v = new VxlanView();

    @Override
    public Message decode(Layers layers, int i, Packet packet, DecodeContext ctx) {
        v.wrap(layers, i);
        return io.netcap.types.VXLAN.newBuilder()
                .setTimestamp(ctx.timestamp())
                .setValidIDFlag(v.validIdFlag())
                .setVNI(v.vni())
                .setGBPExtension(v.gbpExtension())
                .setGBPDontLearn(v.gbpDontLearn())
                .setGBPApplied(v.gbpApplied())
                .setGBPGroupPolicyID(v.gbpGroupPolicyId())
                .build();
    }
}
