package io.netcap.decoder.layer;

import com.google.protobuf.Message;
import io.netcap.decoder.DecodeContext;
import io.netcap.decoder.LayerDecoder;
import io.netcap.packet.Packet;
import io.netcap.packet.layer.*;
import io.netcap.types.RecordType;

/** SCTP common header record. */
public final class SctpDecoder implements LayerDecoder {
    @Override
    public RecordType type() {
        return RecordType.SCTP;
    }

    @Override
    public LayerKind kind() {
        return LayerKind.SCTP;
    }

    private final SctpView v = new SctpView();

    @Override
    public Message decode(Layers layers, int i, Packet packet, DecodeContext ctx) {
        v.wrap(layers, i);
        return io.netcap.types.SCTP.newBuilder()
                .setTimestamp(ctx.timestamp())
                .setSrcPort(v.srcPort())
                .setDstPort(v.dstPort())
                .setVerificationTag(v.verificationTag())
                .setChecksum(v.checksum())
                .setSrcIPBytes(ctx.srcIpBytes())
                .setDstIPBytes(ctx.dstIpBytes())
                .build();
    }
}
