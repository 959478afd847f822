package io.netcap.decoder.layer;

import io.netcap.decoder.DecodeContext;
import io.netcap.decoder.WireLayerDecoder;
import io.netcap.decoder.WireWriter;
import io.netcap.packet.Packet;
import io.netcap.packet.layer.*;
import io.netcap.types.Ethernet;
import io.netcap.types.RecordType;

/** Ethernet record: addresses, EtherType (0 for an 802.3 length field, as the original), payload size and entropy. */
public final class EthernetDecoder implements WireLayerDecoder {
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
    public void write(Layers layers, int i, Packet packet, DecodeContext ctx, WireWriter w) {
        v.wrap(layers, i);
        int type = v.typeOrLength();
        w.int64(Ethernet.TIMESTAMP_FIELD_NUMBER, ctx.timestamp());
        w.string(Ethernet.SRCMAC_FIELD_NUMBER, ctx.addresses().macText(v.buffer(), v.offset() + EthernetView.SRC));
        w.string(Ethernet.DSTMAC_FIELD_NUMBER, ctx.addresses().macText(v.buffer(), v.offset() + EthernetView.DST));
        w.int32(Ethernet.ETHERNETTYPE_FIELD_NUMBER, type <= EthernetView.MAX_8023_LENGTH ? 0 : type);
        w.float64(Ethernet.PAYLOADENTROPY_FIELD_NUMBER, ctx.entropy(i));
        w.int32(Ethernet.PAYLOADSIZE_FIELD_NUMBER, layers.payloadLength(i));
    }
}
