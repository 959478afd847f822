package io.netcap.decoder.layer;

import com.google.protobuf.Message;
import io.netcap.decoder.DecodeContext;
import io.netcap.decoder.LayerDecoder;
import io.netcap.packet.Packet;
import io.netcap.packet.layer.*;
import io.netcap.types.RecordType;

/** IPsec ESP record: SPI, sequence and the number of encrypted bytes after them. */
public final class IpsecEspDecoder implements LayerDecoder {
    @Override
    public RecordType type() {
        return RecordType.IPSecESP;
    }

    @Override
    public LayerKind kind() {
        return LayerKind.IPSEC_ESP;
    }

    private final IpsecEspView v = new IpsecEspView();

    @Override
    public Message decode(Layers layers, int i, Packet packet, DecodeContext ctx) {
        v.wrap(layers, i);
        return io.netcap.types.IPSecESP.newBuilder()
                .setTimestamp(ctx.timestamp())
                .setSPI(v.spi())
                .setSeq(v.seq())
                .setLenEncrypted(layers.payloadLength(i))
                .setSrcIPBytes(ctx.srcIpBytes())
                .setDstIPBytes(ctx.dstIpBytes())
                .build();
    }
}
