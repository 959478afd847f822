package io.netcap.decoder.layer;

import com.google.protobuf.Message;
import io.netcap.decoder.DecodeContext;
import io.netcap.decoder.LayerDecoder;
import io.netcap.packet.Packet;
import io.netcap.packet.layer.*;
import io.netcap.types.RecordType;

/** ICMPv6 echo request/reply body. */
public final class Icmpv6EchoDecoder implements LayerDecoder {
    @Override
    public RecordType type() {
        return RecordType.ICMPv6Echo;
    }

    @Override
    public LayerKind kind() {
        return LayerKind.ICMPV6_ECHO;
    }

    @Override
    public Message decode(Layers layers, int i, Packet packet, DecodeContext ctx) {
        byte[] b = layers.buffer();
        int off = layers.offset(i);
        return io.netcap.types.ICMPv6Echo.newBuilder()
                .setTimestamp(ctx.timestamp())
                .setIdentifier(Bytes.u16(b, off + Icmpv6View.ECHO_ID))
                .setSeqNumber(Bytes.u16(b, off + Icmpv6View.ECHO_SEQ))
                .setSrcIPBytes(ctx.srcIpBytes())
                .setDstIPBytes(ctx.dstIpBytes())
                .build();
    }
}
