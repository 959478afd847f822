package io.netcap.decoder.layer;

import com.google.protobuf.Message;
import io.netcap.decoder.DecodeContext;
import io.netcap.decoder.LayerDecoder;
import io.netcap.packet.Packet;
import io.netcap.packet.layer.*;
import io.netcap.types.RecordType;

/** ICMPv6 record (every ICMPv6 message; the specific message types add their own record). */
public final class Icmpv6Decoder implements LayerDecoder {
    @Override
    public RecordType type() {
        return RecordType.ICMPv6;
    }

    @Override
    public LayerKind kind() {
        return LayerKind.ICMPV6;
    }

    private final Icmpv6View v = new Icmpv6View();

    @Override
    public Message decode(Layers layers, int i, Packet packet, DecodeContext ctx) {
        v.wrap(layers, i);
        return io.netcap.types.ICMPv6.newBuilder()
                .setTimestamp(ctx.timestamp())
                .setTypeCode(v.typeCode())
                .setChecksum(v.checksum())
                .setSrcIPBytes(ctx.srcIpBytes())
                .setDstIPBytes(ctx.dstIpBytes())
                .build();
    }
}
