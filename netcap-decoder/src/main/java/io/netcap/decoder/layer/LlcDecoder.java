package io.netcap.decoder.layer;

import com.google.protobuf.Message;
import io.netcap.decoder.DecodeContext;
import io.netcap.decoder.LayerDecoder;
import io.netcap.packet.Packet;
import io.netcap.packet.layer.*;
import io.netcap.types.RecordType;

/** IEEE 802.2 LLC record. */
public final class LlcDecoder implements LayerDecoder {
    @Override
    public RecordType type() {
        return RecordType.LLC;
    }

    @Override
    public LayerKind kind() {
        return LayerKind.LLC;
    }

    private final LlcView v = new LlcView();

    @Override
    public Message decode(Layers layers, int i, Packet packet, DecodeContext ctx) {
        v.wrap(layers, i);
        return io.netcap.types.LLC.newBuilder()
                .setTimestamp(ctx.timestamp())
                .setDSAP(v.dsap())
                .setIG(v.ig())
                .setSSAP(v.ssap())
                .setCR(v.cr())
                .setControl(v.control())
                .build();
    }
}
