package io.netcap.decoder.layer;

import com.google.protobuf.Message;
import io.netcap.decoder.DecodeContext;
import io.netcap.decoder.LayerDecoder;
import io.netcap.decoder.WireWriter;
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
                .setSrcMACBytes(ctx.addresses().mac(v.buffer(), v.offset() + EthernetView.SRC))
                .setDstMACBytes(ctx.addresses().mac(v.buffer(), v.offset() + EthernetView.DST))
                .setEthernetType(type <= EthernetView.MAX_8023_LENGTH ? 0 : type)
                .setPayloadEntropy(ctx.entropy(i))
                .setPayloadSize(layers.payloadLength(i))
                .build();
    }

    // Field numbers of types.Ethernet.
    private static final int F_TIMESTAMP = 1, F_SRC_MAC = 2, F_DST_MAC = 3, F_ETHERNET_TYPE = 4, F_PAYLOAD_ENTROPY = 5,
            F_PAYLOAD_SIZE = 6;

    /** {@link #decode}'s record in wire format. */
    @Override
    public boolean encode(Layers layers, int i, Packet packet, DecodeContext ctx, WireWriter w) {
        v.wrap(layers, i);
        int type = v.typeOrLength();
        w.int64(F_TIMESTAMP, ctx.timestamp());
        w.string(F_SRC_MAC, ctx.addresses().mac(v.buffer(), v.offset() + EthernetView.SRC));
        w.string(F_DST_MAC, ctx.addresses().mac(v.buffer(), v.offset() + EthernetView.DST));
        w.int32(F_ETHERNET_TYPE, type <= EthernetView.MAX_8023_LENGTH ? 0 : type);
        w.float64(F_PAYLOAD_ENTROPY, ctx.entropy(i));
        w.int32(F_PAYLOAD_SIZE, layers.payloadLength(i));
        return true;
    }
}
