package io.netcap.decoder.layer;

import com.google.protobuf.Message;
import io.netcap.decoder.DecodeContext;
import io.netcap.decoder.LayerDecoder;
import io.netcap.packet.Packet;
import io.netcap.packet.layer.*;
import io.netcap.types.RecordType;
import com.google.protobuf.ByteString;
/** SNAP record: the OUI as its three raw bytes and the protocol id. */
public final class SnapDecoder implements LayerDecoder {
    @Override
    public RecordType type() {
        return RecordType.SNAP;
    }

    @Override
    public LayerKind kind() {
        return LayerKind.SNAP;
    }

    private final SnapView v = new SnapView();

    @Override
    public Message decode(Layers layers, int i, Packet packet, DecodeContext ctx) {
        v.wrap(layers, i);
        return io.netcap.types.SNAP.newBuilder()
                .setTimestamp(ctx.timestamp())
                .setOrganizationalCode(ByteString.copyFrom(v.buffer(), v.offset() + SnapView.OUI, 3))
                .setType(v.type())
                .build();
    }
}
