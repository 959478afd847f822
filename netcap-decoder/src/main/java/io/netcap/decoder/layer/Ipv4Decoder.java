package io.netcap.decoder.layer;

import com.google.protobuf.Message;
import io.netcap.decoder.DecodeContext;
import io.netcap.decoder.LayerDecoder;
import io.netcap.packet.Packet;
import io.netcap.packet.layer.*;
import io.netcap.types.RecordType;
import com.google.protobuf.ByteString;
/** IPv4 record with options and padding (the bytes after an End-of-options option). Length is the total length field, or the captured length when it is 0 (segmentation offload), as the original. SrcPort/DstPort come from the packet context. */
public final class Ipv4Decoder implements LayerDecoder {
    @Override
    public RecordType type() {
        return RecordType.IPv4;
    }

    @Override
    public LayerKind kind() {
        return LayerKind.IPV4;
    }

    private final Ipv4View v = new Ipv4View();

    @Override
    public Message decode(Layers layers, int i, Packet packet, DecodeContext ctx) {
        v.wrap(layers, i);
        byte[] b = v.buffer();
        int off = v.offset();
        int total = v.totalLength();
        var r = io.netcap.types.IPv4.newBuilder()
                .setTimestamp(ctx.timestamp())
                .setVersion(v.version())
                .setIHL(v.ihl())
                .setTOS(v.tos())
                .setLength(total == 0 ? layers.end() - off : total)
                .setId(v.id())
                .setFlags(v.flags())
                .setFragOffset(v.fragOffset())
                .setTTL(v.ttl())
                .setProtocol(v.protocol())
                .setChecksum(v.checksum())
                .setSrcIP(ctx.networkSrcIp(layers, i))
                .setDstIP(ctx.networkDstIp(layers, i))
                .setPayloadEntropy(ctx.entropy(i))
                .setPayloadSize(layers.payloadLength(i))
                .setSrcPort(ctx.srcPort())
                .setDstPort(ctx.dstPort());
        int end = off + layers.headerLength(i);
        for (int p = off + Ipv4View.OPTIONS; p < end; ) {
            int type = b[p] & 0xFF;
            if (type == Ipv4View.OPTION_END) {
                r.addOptions(io.netcap.types.IPv4Option.newBuilder().setOptionType(type).setOptionLength(1));
                r.setPadding(ByteString.copyFrom(b, p + 1, end - p - 1));
                break;
            }
            if (type == Ipv4View.OPTION_NOP) {
                r.addOptions(io.netcap.types.IPv4Option.newBuilder().setOptionType(type).setOptionLength(1));
                p++;
                continue;
            }
            if (end - p < 2) {
                break;
            }
            int len = b[p + 1] & 0xFF;
            if (len < 2 || len > end - p) {
                break; // reported by the parser as BAD_OPTION_LENGTH
            }
            r.addOptions(io.netcap.types.IPv4Option.newBuilder().setOptionType(type).setOptionLength(len)
                    .setOptionData(ByteString.copyFrom(b, p + 2, len - 2)));
            p += len;
        }
        return r.build();
    }
}
