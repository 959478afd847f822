package io.netcap.decoder.layer;

import com.google.protobuf.Message;
import io.netcap.decoder.DecodeContext;
import io.netcap.decoder.LayerDecoder;
import io.netcap.decoder.WireWriter;
import io.netcap.packet.Packet;
import io.netcap.packet.layer.*;
import io.netcap.types.RecordType;
import com.google.protobuf.ByteString;
/** UDP record; the payload is limited by the UDP length field. SrcIP/DstIP from the packet context. */
public final class UdpDecoder implements LayerDecoder {
    @Override
    public RecordType type() {
        return RecordType.UDP;
    }

    @Override
    public LayerKind kind() {
        return LayerKind.UDP;
    }

    private final UdpView v = new UdpView();

    @Override
    public Message decode(Layers layers, int i, Packet packet, DecodeContext ctx) {
        v.wrap(layers, i);
        var r = io.netcap.types.UDP.newBuilder()
                .setTimestamp(ctx.timestamp())
                .setSrcPort(v.srcPort())
                .setDstPort(v.dstPort())
                .setLength(v.lengthField())
                .setChecksum(v.checksum())
                .setPayloadEntropy(ctx.entropy(i))
                .setPayloadSize(layers.payloadLength(i))
                .setSrcIPBytes(ctx.srcIpBytes())
                .setDstIPBytes(ctx.dstIpBytes());
        if (ctx.payload() && layers.payloadLength(i) > 0) {
            r.setPayload(ByteString.copyFrom(v.buffer(), layers.payloadOffset(i), layers.payloadLength(i)));
        }
        return r.build();
    }

    // Field numbers of types.UDP.
    private static final int F_TIMESTAMP = 1, F_SRC_PORT = 2, F_DST_PORT = 3, F_LENGTH = 4, F_CHECKSUM = 5,
            F_PAYLOAD_ENTROPY = 6, F_PAYLOAD_SIZE = 7, F_PAYLOAD = 8, F_SRC_IP = 9, F_DST_IP = 10;

    /** {@link #decode}'s record in wire format. */
    @Override
    public boolean encode(Layers layers, int i, Packet packet, DecodeContext ctx, WireWriter w) {
        v.wrap(layers, i);
        w.int64(F_TIMESTAMP, ctx.timestamp());
        w.int32(F_SRC_PORT, v.srcPort());
        w.int32(F_DST_PORT, v.dstPort());
        w.int32(F_LENGTH, v.lengthField());
        w.int32(F_CHECKSUM, v.checksum());
        w.float64(F_PAYLOAD_ENTROPY, ctx.entropy(i));
        w.int32(F_PAYLOAD_SIZE, layers.payloadLength(i));
        if (ctx.payload() && layers.payloadLength(i) > 0) {
            w.bytes(F_PAYLOAD, v.buffer(), layers.payloadOffset(i), layers.payloadLength(i));
        }
        w.string(F_SRC_IP, ctx.srcIpBytes());
        w.string(F_DST_IP, ctx.dstIpBytes());
        return true;
    }
}
