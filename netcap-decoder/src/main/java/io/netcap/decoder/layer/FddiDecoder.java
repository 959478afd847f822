package io.netcap.decoder.layer;

import com.google.protobuf.Message;
import io.netcap.decoder.DecodeContext;
import io.netcap.decoder.LayerDecoder;
import io.netcap.packet.Packet;
import io.netcap.packet.layer.*;
import io.netcap.types.RecordType;

/** FDDI record; MAC addresses as captured (no bit reversal), like the original. */
public final class FddiDecoder implements LayerDecoder {
    @Override
    public RecordType type() {
        return RecordType.FDDI;
    }

    @Override
    public LayerKind kind() {
        return LayerKind.FDDI;
    }

    private final FddiView v = new FddiView();

    @Override
    public Message decode(Layers layers, int i, Packet packet, DecodeContext ctx) {
        v.wrap(layers, i);
        return io.netcap.types.FDDI.newBuilder()
                .setTimestamp(ctx.timestamp())
                .setFrameControl(v.frameControl())
                .setPriority(v.priority())
                .setSrcMAC(v.srcMac())
                .setDstMAC(v.dstMac())
                .build();
    }
}
