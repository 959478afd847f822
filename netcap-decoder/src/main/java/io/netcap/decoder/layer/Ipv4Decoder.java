package io.netcap.decoder.layer;

import com.google.protobuf.Message;
import io.netcap.decoder.DecodeContext;
import io.netcap.decoder.LayerDecoder;
import io.netcap.decoder.WireWriter;
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
    private final OptionsEncoder options = new OptionsEncoder(F_PADDING, F_OPTIONS);

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
                .setSrcIPBytes(ctx.networkSrcIpBytes(layers, i))
                .setDstIPBytes(ctx.networkDstIpBytes(layers, i))
                .setPayloadEntropy(ctx.entropy(i))
                .setPayloadSize(layers.payloadLength(i))
                .setSrcPort(ctx.srcPort())
                .setDstPort(ctx.dstPort());
        int end = off + layers.headerLength(i);
        int padding = HeaderOptions.walk(b, off + Ipv4View.OPTIONS, end, (type, len, data, dataLen) ->
                r.addOptions(io.netcap.types.IPv4Option.newBuilder().setOptionType(type).setOptionLength(len)
                        .setOptionData(ByteString.copyFrom(b, data, dataLen))));
        if (padding >= 0) {
            r.setPadding(ByteString.copyFrom(b, padding, end - padding));
        }
        return r.build();
    }

    // Field numbers of types.IPv4 and types.IPv4Option.
    private static final int F_TIMESTAMP = 1, F_VERSION = 2, F_IHL = 3, F_TOS = 4, F_LENGTH = 5, F_ID = 6, F_FLAGS = 7,
            F_FRAG_OFFSET = 8, F_TTL = 9, F_PROTOCOL = 10, F_CHECKSUM = 11, F_SRC_IP = 12, F_DST_IP = 13, F_PADDING = 14,
            F_OPTIONS = 15, F_PAYLOAD_ENTROPY = 16, F_PAYLOAD_SIZE = 17, F_SRC_PORT = 18, F_DST_PORT = 19;

    /** {@link #decode}'s record in wire format (options walked the same way, padding written before them as its field number is lower). */
    @Override
    public boolean encode(Layers layers, int i, Packet packet, DecodeContext ctx, WireWriter w) {
        v.wrap(layers, i);
        byte[] b = v.buffer();
        int off = v.offset();
        int total = v.totalLength();
        w.int64(F_TIMESTAMP, ctx.timestamp());
        w.int32(F_VERSION, v.version());
        w.int32(F_IHL, v.ihl());
        w.int32(F_TOS, v.tos());
        w.int32(F_LENGTH, total == 0 ? layers.end() - off : total);
        w.int32(F_ID, v.id());
        w.int32(F_FLAGS, v.flags());
        w.int32(F_FRAG_OFFSET, v.fragOffset());
        w.int32(F_TTL, v.ttl());
        w.int32(F_PROTOCOL, v.protocol());
        w.int32(F_CHECKSUM, v.checksum());
        w.string(F_SRC_IP, ctx.networkSrcIpBytes(layers, i));
        w.string(F_DST_IP, ctx.networkDstIpBytes(layers, i));
        int end = off + layers.headerLength(i);
        int start = off + Ipv4View.OPTIONS;
        options.write(w, b, start, end);
        w.float64(F_PAYLOAD_ENTROPY, ctx.entropy(i));
        w.int32(F_PAYLOAD_SIZE, layers.payloadLength(i));
        w.int32(F_SRC_PORT, ctx.srcPort());
        w.int32(F_DST_PORT, ctx.dstPort());
        return true;
    }
}
