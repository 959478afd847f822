package io.netcap.decoder.layer;

import com.google.protobuf.Message;
import io.netcap.decoder.DecodeContext;
import io.netcap.decoder.LayerDecoder;
import io.netcap.packet.Packet;
import io.netcap.packet.layer.*;
import io.netcap.types.RecordType;

/** ICMPv4 record: TypeCode is type·256 + code; Id and Seq are bytes 4-7 whatever the type. */
public final class Icmpv4Decoder implements LayerDecoder {
    @Override
    public RecordType type() {
        return RecordType.ICMPv4;
    }

    @Override
    public LayerKind kind() {
        return LayerKind.ICMPV4;
    }

    private final Icmpv4View v = new Icmpv4View();

    @Override
    public Message decode(Layers layers, int i, Packet packet, DecodeContext ctx) {
        v.wrap(layers, i);
        return io.netcap.types.ICMPv4.newBuilder()
                .setTimestamp(ctx.timestamp())
                .setTypeCode(v.typeCode())
                .setChecksum(v.checksum())
                .setId(v.id())
                .setSeq(v.seq())
                .setSrcIPBytes(ctx.srcIpBytes())
                .setDstIPBytes(ctx.dstIpBytes())
                .build();
    }
}
