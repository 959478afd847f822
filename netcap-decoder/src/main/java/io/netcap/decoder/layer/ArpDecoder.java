package io.netcap.decoder.layer;

import com.google.protobuf.Message;
import io.netcap.decoder.DecodeContext;
import io.netcap.decoder.LayerDecoder;
import io.netcap.packet.Packet;
import io.netcap.packet.layer.*;
import io.netcap.types.RecordType;

/** ARP record; addresses rendered as the original does for any address length. */
public final class ArpDecoder implements LayerDecoder {
    @Override
    public RecordType type() {
        return RecordType.ARP;
    }

    @Override
    public LayerKind kind() {
        return LayerKind.ARP;
    }

    private final ArpView v = new ArpView();

    @Override
    public Message decode(Layers layers, int i, Packet packet, DecodeContext ctx) {
        v.wrap(layers, i);
        byte[] b = v.buffer();
        int hl = v.hwAddressSize();
        int pl = v.protocolAddressSize();
        return io.netcap.types.ARP.newBuilder()
                .setTimestamp(ctx.timestamp())
                .setAddrType(v.addrType())
                .setProtocol(v.protocol())
                .setHwAddressSize(hl)
                .setProtocolAddressSize(pl)
                .setOperation(v.operation())
                .setSrcHwAddress(Addresses.mac(b, v.srcHwOffset(), hl))
                .setSrcProtocolAddress(Addresses.ip(b, v.srcProtocolOffset(), pl))
                .setDstHwAddress(Addresses.mac(b, v.dstHwOffset(), hl))
                .setDstProtocolAddress(Addresses.ip(b, v.dstProtocolOffset(), pl))
                .build();
    }
}
