package io.netcap.decoder.layer;

import com.google.protobuf.Message;
import io.netcap.decoder.DecodeContext;
import io.netcap.decoder.LayerDecoder;
import io.netcap.packet.Packet;
import io.netcap.packet.layer.*;
import io.netcap.types.RecordType;
import com.google.protobuf.ByteString;
/** Ethernet configuration testing protocol reply function: receipt number and the data after it. */
public final class EthernetCtpReplyDecoder implements LayerDecoder {
    @Override
    public RecordType type() {
        return RecordType.EthernetCTPReply;
    }

    @Override
    public LayerKind kind() {
        return LayerKind.ETHERNET_CTP_REPLY;
    }

    private final EthernetCtpView v = new EthernetCtpView();

    @Override
    public Message decode(Layers layers, int i, Packet packet, DecodeContext ctx) {
        v.wrap(layers, i);
        return io.netcap.types.EthernetCTPReply.newBuilder()
                .setTimestamp(ctx.timestamp())
                .setFunction(v.function())
                .setReceiptNumber(v.receiptNumber())
                .setData(ByteString.copyFrom(v.buffer(), layers.payloadOffset(i), layers.payloadLength(i)))
                .build();
    }
}
