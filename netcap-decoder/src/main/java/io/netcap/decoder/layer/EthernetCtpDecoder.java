package io.netcap.decoder.layer;

import com.google.protobuf.Message;
import io.netcap.decoder.DecodeContext;
import io.netcap.decoder.LayerDecoder;
import io.netcap.packet.Packet;
import io.netcap.packet.layer.*;
import io.netcap.types.RecordType;

/** Ethernet configuration testing protocol header (skip count). */
public final class EthernetCtpDecoder implements LayerDecoder {
    @Override
    public RecordType type() {
        return RecordType.EthernetCTP;
    }

    @Override
    public LayerKind kind() {
        return LayerKind.ETHERNET_CTP;
    }

    private final EthernetCtpView v = new EthernetCtpView();

    @Override
    public Message decode(Layers layers, int i, Packet packet, DecodeContext ctx) {
        v.wrap(layers, i);
        return io.netcap.types.EthernetCTP.newBuilder()
                .setTimestamp(ctx.timestamp())
                .setSkipCount(v.skipCount())
                .build();
    }
}
