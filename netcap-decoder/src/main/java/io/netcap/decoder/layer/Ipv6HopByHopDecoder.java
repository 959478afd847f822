package io.netcap.decoder.layer;

import com.google.protobuf.Message;
import io.netcap.decoder.DecodeContext;
import io.netcap.decoder.LayerDecoder;
import io.netcap.packet.Packet;
import io.netcap.packet.layer.*;
import io.netcap.types.RecordType;
import com.google.protobuf.ByteString;
/** IPv6 hop-by-hop options header: its TLV options (Pad1 is an option of actual length 1). SrcIP/DstIP come from the packet context. */
public final class Ipv6HopByHopDecoder implements LayerDecoder {
    @Override
    public RecordType type() {
        return RecordType.IPv6HopByHop;
    }

    @Override
    public LayerKind kind() {
        return LayerKind.IPV6_HOP_BY_HOP;
    }

    @Override
    public Message decode(Layers layers, int i, Packet packet, DecodeContext ctx) {
        var r = io.netcap.types.IPv6HopByHop.newBuilder()
                .setTimestamp(ctx.timestamp())
                .setSrcIPBytes(ctx.srcIpBytes())
                .setDstIPBytes(ctx.dstIpBytes());
        addOptions(layers, i, r);
        return r.build();
    }

    static void addOptions(Layers layers, int i, io.netcap.types.IPv6HopByHop.Builder r) {
        byte[] b = layers.buffer();
        int end = layers.payloadOffset(i);
        for (int p = layers.offset(i) + Ipv6ExtensionView.OPTIONS; p < end; ) {
            var o = io.netcap.types.IPv6HopByHopOption.newBuilder()
                    .setOptionAlignment(io.netcap.types.IPv6HopByHopOptionAlignment.getDefaultInstance());
            if (b[p] == Ipv6ExtensionView.OPTION_PAD1) {
                r.addOptions(o.setOptionType(0).setActualLength(1));
                p++;
                continue;
            }
            if (end - p < 2 || 2 + (b[p + 1] & 0xFF) > end - p) {
                break; // reported by the parser
            }
            int len = b[p + 1] & 0xFF;
            r.addOptions(o.setOptionType(b[p] & 0xFF).setOptionLength(len).setActualLength(len + 2)
                    .setOptionData(ByteString.copyFrom(b, p + 2, len)));
            p += 2 + len;
        }
    }
}
