package io.netcap.decoder.layer;

import io.netcap.decoder.DecodeContext;
import io.netcap.decoder.WireLayerDecoder;
import io.netcap.decoder.WireWriter;
import io.netcap.packet.Packet;
import io.netcap.packet.layer.*;
import io.netcap.types.RecordType;
import io.netcap.types.TCP;

/** TCP record with options (an End-of-options option ends them; the rest of the header is Padding), payload size and entropy, payload bytes with the payload option; SrcIP/DstIP from the packet context. */
public final class TcpDecoder implements WireLayerDecoder {
    @Override
    public RecordType type() {
        return RecordType.TCP;
    }

    @Override
    public LayerKind kind() {
        return LayerKind.TCP;
    }

    private final TcpView v = new TcpView();
    private final OptionsEncoder options = OptionsEncoder.tcp();

    /** Fields in field-number order: the options' padding and list come between Urgent and PayloadEntropy. */
    @Override
    public void write(Layers layers, int i, Packet packet, DecodeContext ctx, WireWriter w) {
        v.wrap(layers, i);
        byte[] b = v.buffer();
        int flags = v.flags();
        w.int64(TCP.TIMESTAMP_FIELD_NUMBER, ctx.timestamp());
        w.int32(TCP.SRCPORT_FIELD_NUMBER, v.srcPort());
        w.int32(TCP.DSTPORT_FIELD_NUMBER, v.dstPort());
        w.uint32(TCP.SEQNUM_FIELD_NUMBER, v.seq());
        w.uint32(TCP.ACKNUM_FIELD_NUMBER, v.ack());
        w.int32(TCP.DATAOFFSET_FIELD_NUMBER, v.dataOffset());
        w.bool(TCP.FIN_FIELD_NUMBER, (flags & TcpView.FIN) != 0);
        w.bool(TCP.SYN_FIELD_NUMBER, (flags & TcpView.SYN) != 0);
        w.bool(TCP.RST_FIELD_NUMBER, (flags & TcpView.RST) != 0);
        w.bool(TCP.PSH_FIELD_NUMBER, (flags & TcpView.PSH) != 0);
        w.bool(TCP.ACK_FIELD_NUMBER, (flags & TcpView.ACK_FLAG) != 0);
        w.bool(TCP.URG_FIELD_NUMBER, (flags & TcpView.URG) != 0);
        w.bool(TCP.ECE_FIELD_NUMBER, (flags & TcpView.ECE) != 0);
        w.bool(TCP.CWR_FIELD_NUMBER, (flags & TcpView.CWR) != 0);
        w.bool(TCP.NS_FIELD_NUMBER, v.ns());
        w.int32(TCP.WINDOW_FIELD_NUMBER, v.window());
        w.int32(TCP.CHECKSUM_FIELD_NUMBER, v.checksum());
        w.int32(TCP.URGENT_FIELD_NUMBER, v.urgent());
        options.write(w, b, v.offset() + TcpView.OPTIONS, layers.payloadOffset(i));
        w.float64(TCP.PAYLOADENTROPY_FIELD_NUMBER, ctx.entropy(i));
        w.int32(TCP.PAYLOADSIZE_FIELD_NUMBER, layers.payloadLength(i));
        if (ctx.payload() && layers.payloadLength(i) > 0) {
            w.bytes(TCP.PAYLOAD_FIELD_NUMBER, b, layers.payloadOffset(i), layers.payloadLength(i));
        }
        w.string(TCP.SRCIP_FIELD_NUMBER, ctx.srcIpText());
        w.string(TCP.DSTIP_FIELD_NUMBER, ctx.dstIpText());
    }
}
