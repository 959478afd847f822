package io.netcap.decoder.layer;

import com.google.protobuf.Message;
import io.netcap.decoder.DecodeContext;
import io.netcap.decoder.LayerDecoder;
import io.netcap.decoder.WireWriter;
import io.netcap.packet.Packet;
import io.netcap.packet.layer.*;
import io.netcap.types.RecordType;
import com.google.protobuf.ByteString;
/** TCP record with options (an End-of-options option ends them; the rest of the header is Padding), payload size and entropy, payload bytes with the payload option; SrcIP/DstIP from the packet context. */
public final class TcpDecoder implements LayerDecoder {
    @Override
    public RecordType type() {
        return RecordType.TCP;
    }

    @Override
    public LayerKind kind() {
        return LayerKind.TCP;
    }

    private final TcpView v = new TcpView();
    private final OptionsEncoder options = new OptionsEncoder(F_PADDING, F_OPTIONS);

    @Override
    public Message decode(Layers layers, int i, Packet packet, DecodeContext ctx) {
        v.wrap(layers, i);
        byte[] b = v.buffer();
        int off = v.offset();
        int flags = v.flags();
        var r = io.netcap.types.TCP.newBuilder()
                .setTimestamp(ctx.timestamp())
                .setSrcPort(v.srcPort())
                .setDstPort(v.dstPort())
                .setSeqNum(v.seq())
                .setAckNum(v.ack())
                .setDataOffset(v.dataOffset())
                .setFIN((flags & TcpView.FIN) != 0)
                .setSYN((flags & TcpView.SYN) != 0)
                .setRST((flags & TcpView.RST) != 0)
                .setPSH((flags & TcpView.PSH) != 0)
                .setACK((flags & TcpView.ACK_FLAG) != 0)
                .setURG((flags & TcpView.URG) != 0)
                .setECE((flags & TcpView.ECE) != 0)
                .setCWR((flags & TcpView.CWR) != 0)
                .setNS(v.ns())
                .setWindow(v.window())
                .setChecksum(v.checksum())
                .setUrgent(v.urgent())
                .setPayloadEntropy(ctx.entropy(i))
                .setPayloadSize(layers.payloadLength(i))
                .setSrcIPBytes(ctx.srcIpBytes())
                .setDstIPBytes(ctx.dstIpBytes());
        int end = layers.payloadOffset(i);
        int padding = HeaderOptions.walk(b, off + TcpView.OPTIONS, end, (kind, len, data, dataLen) ->
                r.addOptions(io.netcap.types.TCPOption.newBuilder().setOptionType(kind).setOptionLength(len)
                        .setOptionData(ByteString.copyFrom(b, data, dataLen))));
        if (padding >= 0) {
            r.setPadding(ByteString.copyFrom(b, padding, end - padding));
        }
        if (ctx.payload() && layers.payloadLength(i) > 0) {
            r.setPayload(ByteString.copyFrom(b, layers.payloadOffset(i), layers.payloadLength(i)));
        }
        return r.build();
    }

    // Field numbers of types.TCP.
    private static final int F_TIMESTAMP = 1, F_SRC_PORT = 2, F_DST_PORT = 3, F_SEQ_NUM = 4, F_ACK_NUM = 5,
            F_DATA_OFFSET = 6, F_FIN = 7, F_SYN = 8, F_RST = 9, F_PSH = 10, F_ACK = 11, F_URG = 12, F_ECE = 13, F_CWR = 14,
            F_NS = 15, F_WINDOW = 16, F_CHECKSUM = 17, F_URGENT = 18, F_PADDING = 19, F_OPTIONS = 20,
            F_PAYLOAD_ENTROPY = 21, F_PAYLOAD_SIZE = 22, F_PAYLOAD = 23, F_SRC_IP = 24, F_DST_IP = 25;

    /** {@link #decode}'s record in wire format (padding comes before the options: lower field number). */
    @Override
    public boolean encode(Layers layers, int i, Packet packet, DecodeContext ctx, WireWriter w) {
        v.wrap(layers, i);
        byte[] b = v.buffer();
        int off = v.offset();
        int flags = v.flags();
        w.int64(F_TIMESTAMP, ctx.timestamp());
        w.int32(F_SRC_PORT, v.srcPort());
        w.int32(F_DST_PORT, v.dstPort());
        w.uint32(F_SEQ_NUM, v.seq());
        w.uint32(F_ACK_NUM, v.ack());
        w.int32(F_DATA_OFFSET, v.dataOffset());
        w.bool(F_FIN, (flags & TcpView.FIN) != 0);
        w.bool(F_SYN, (flags & TcpView.SYN) != 0);
        w.bool(F_RST, (flags & TcpView.RST) != 0);
        w.bool(F_PSH, (flags & TcpView.PSH) != 0);
        w.bool(F_ACK, (flags & TcpView.ACK_FLAG) != 0);
        w.bool(F_URG, (flags & TcpView.URG) != 0);
        w.bool(F_ECE, (flags & TcpView.ECE) != 0);
        w.bool(F_CWR, (flags & TcpView.CWR) != 0);
        w.bool(F_NS, v.ns());
        w.int32(F_WINDOW, v.window());
        w.int32(F_CHECKSUM, v.checksum());
        w.int32(F_URGENT, v.urgent());
        int end = layers.payloadOffset(i);
        int start = off + TcpView.OPTIONS;
        options.write(w, b, start, end);
        w.float64(F_PAYLOAD_ENTROPY, ctx.entropy(i));
        w.int32(F_PAYLOAD_SIZE, layers.payloadLength(i));
        if (ctx.payload() && layers.payloadLength(i) > 0) {
            w.bytes(F_PAYLOAD, b, layers.payloadOffset(i), layers.payloadLength(i));
        }
        w.string(F_SRC_IP, ctx.srcIpBytes());
        w.string(F_DST_IP, ctx.dstIpBytes());
        return true;
    }
}
