package io.netcap.decoder.layer;

import com.google.protobuf.Message;
import io.netcap.decoder.DecodeContext;
import io.netcap.decoder.LayerDecoder;
import io.netcap.packet.Packet;
import io.netcap.packet.layer.*;
import io.netcap.types.RecordType;
import com.google.protobuf.ByteString;
/** IPsec AH record; SPI and Seq keep their 32 bits in the signed fields of the schema. */
public final class IpsecAhDecoder implements LayerDecoder {
    @Override
    public RecordType type() {
        return RecordType.IPSecAH;
    }

    @Override
    public LayerKind kind() {
        return LayerKind.IPSEC_AH;
    }

    private final IpsecAhView v = new IpsecAhView();

    @Override
    public Message decode(Layers layers, int i, Packet packet, DecodeContext ctx) {
        v.wrap(layers, i);
        return io.netcap.types.IPSecAH.newBuilder()
                .setTimestamp(ctx.timestamp())
                .setReserved(v.reserved())
                .setSPI(v.spi())
                .setSeq(v.seq())
                .setAuthenticationData(ByteString.copyFrom(v.buffer(), v.offset() + IpsecAhView.ICV,
                        layers.headerLength(i) - IpsecAhView.ICV))
                .setSrcIPBytes(ctx.srcIpBytes())
                .setDstIPBytes(ctx.dstIpBytes())
                .build();
    }
}
