package io.netcap.decoder.layer;

import com.google.protobuf.Message;
import io.netcap.decoder.DecodeContext;
import io.netcap.decoder.LayerDecoder;
import io.netcap.packet.Packet;
import io.netcap.packet.layer.*;
import io.netcap.types.RecordType;

/** Ethernet record: addresses, EtherType (0 for an 802.3 length field, as the original), payload size and entropy. */
public final class EthernetDecoder implements LayerDecoder {
    @Override
    public RecordType type() {
        return RecordType.Ethernet;
    }

    @Override
    public LayerKind kind() {
        return LayerKind.ETHERNET;
    }

    private final EthernetView v = new EthernetView();

    @Override
    public Message decode(Layers layers, int i, Packet packet, DecodeContext ctx) {
        v.wrap(layers, i);
        int type = v.typeOrLength();
        return io.netcap.types.Ethernet.newBuilder()
                .setTimestamp(ctx.timestamp())
                .setSrcMAC(v.srcMac())
                .setDstMAC(v.dstMac())
                .setEthernetType(type <= EthernetView.MAX_8023_LENGTH ? 0 : type)
                .setPayloadEntropy(ctx.entropy(i))
                .setPayloadSize(layers.payloadLength(i))
                .build();
    }
}
