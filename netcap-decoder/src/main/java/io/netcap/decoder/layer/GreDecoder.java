package io.netcap.decoder.layer;

import com.google.protobuf.Message;
import io.netcap.decoder.DecodeContext;
import io.netcap.decoder.LayerDecoder;
import io.netcap.packet.Packet;
import io.netcap.packet.layer.*;
import io.netcap.types.RecordType;
import com.google.protobuf.ByteString;
/** GRE record with the optional fields its flags announce and the source route entries as a chain of Routing messages. */
public final class GreDecoder implements LayerDecoder {
    @Override
    public RecordType type() {
        return RecordType.GRE;
    }

    @Override
    public LayerKind kind() {
        return LayerKind.GRE;
    }

    private final GreView v = new GreView();

    @Override
    public Message decode(Layers layers, int i, Packet packet, DecodeContext ctx) {
        v.wrap(layers, i);
        byte[] b = v.buffer();
        var r = io.netcap.types.GRE.newBuilder()
                .setTimestamp(ctx.timestamp())
                .setChecksumPresent(v.checksumPresent())
                .setRoutingPresent(v.routingPresent())
                .setKeyPresent(v.keyPresent())
                .setSeqPresent(v.seqPresent())
                .setStrictSourceRoute(v.strictSourceRoute())
                .setAckPresent(v.ackPresent())
                .setRecursionControl(v.recursionControl())
                .setFlags(v.flags())
                .setVersion(v.version())
                .setProtocol(v.protocol())
                .setSrcIPBytes(ctx.srcIpBytes())
                .setDstIPBytes(ctx.dstIpBytes());
        if (v.checksumOffset() >= 0) {
            r.setChecksum(Bytes.u16(b, v.checksumOffset())).setOffset(Bytes.u16(b, v.checksumOffset() + 2));
        }
        if (v.keyOffset() >= 0) {
            r.setKey(Bytes.u32(b, v.keyOffset()));
        }
        if (v.seqOffset() >= 0) {
            r.setSeq(Bytes.u32(b, v.seqOffset()));
        }
        int p = v.routingOffset();
        int end = layers.payloadOffset(i);
        if (v.routingPresent()) {
            java.util.ArrayList<io.netcap.types.GRERouting.Builder> chain = new java.util.ArrayList<>();
            while (end - p >= GreView.SRE_HEADER_LENGTH) {
                int family = Bytes.u16(b, p);
                int sreLength = b[p + 3] & 0xFF;
                int info = Math.min(sreLength, end - p - GreView.SRE_HEADER_LENGTH);
                chain.add(io.netcap.types.GRERouting.newBuilder().setAddressFamily(family)
                        .setSREOffset(b[p + 2] & 0xFF).setSRELength(sreLength)
                        .setRoutingInformation(ByteString.copyFrom(b, p + GreView.SRE_HEADER_LENGTH, info)));
                p += GreView.SRE_HEADER_LENGTH + sreLength;
                if (family == 0 && sreLength == 0) {
                    break;
                }
            }
            io.netcap.types.GRERouting next = null;
            for (int k = chain.size() - 1; k >= 0; k--) {
                var e = chain.get(k);
                if (next != null) {
                    e.setNext(next);
                }
                next = e.build();
            }
            if (next != null) {
                r.setRouting(next);
            }
        }
        if (v.ackPresent() && end - p >= 4) {
            r.setAck(Bytes.u32(b, p));
        }
        return r.build();
    }
}
