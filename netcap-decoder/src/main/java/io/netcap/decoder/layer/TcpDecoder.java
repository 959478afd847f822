package io.netcap.decoder.layer;

import com.google.protobuf.Message;
import io.netcap.decoder.DecodeContext;
import io.netcap.decoder.LayerDecoder;
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
                .setSrcIP(ctx.srcIp())
                .setDstIP(ctx.dstIp());
        int end = layers.payloadOffset(i);
        for (int p = off + TcpView.OPTIONS; p < end; ) {
            int kind = b[p] & 0xFF;
            if (kind == TcpView.OPTION_END) {
                r.addOptions(io.netcap.types.TCPOption.newBuilder().setOptionType(kind).setOptionLength(1));
                r.setPadding(ByteString.copyFrom(b, p + 1, end - p - 1));
                break;
            }
            if (kind == TcpView.OPTION_NOP) {
                r.addOptions(io.netcap.types.TCPOption.newBuilder().setOptionType(kind).setOptionLength(1));
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
            r.addOptions(io.netcap.types.TCPOption.newBuilder().setOptionType(kind).setOptionLength(len)
                    .setOptionData(ByteString.copyFrom(b, p + 2, len - 2)));
            p += len;
        }
        if (ctx.payload() && layers.payloadLength(i) > 0) {
            r.setPayload(ByteString.copyFrom(b, layers.payloadOffset(i), layers.payloadLength(i)));
        }
        return r.build();
    }
}
