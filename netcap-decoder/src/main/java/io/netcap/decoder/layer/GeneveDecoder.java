package io.netcap.decoder.layer;

import com.google.protobuf.Message;
import io.netcap.decoder.DecodeContext;
import io.netcap.decoder.LayerDecoder;
import io.netcap.packet.Packet;
import io.netcap.packet.layer.*;
import io.netcap.types.RecordType;
import com.google.protobuf.ByteString;
/** Geneve record with its options (Length is the whole option in bytes, header included). */
public final class GeneveDecoder implements LayerDecoder {
    @Override
    public RecordType type() {
        return RecordType.Geneve;
    }

    @Override
    public LayerKind kind() {
        return LayerKind.GENEVE;
    }

    private final GeneveView v = new GeneveView();

    @Override
    public Message decode(Layers layers, int i, Packet packet, DecodeContext ctx) {
        v.wrap(layers, i);
        byte[] b = v.buffer();
        var r = io.netcap.types.Geneve.newBuilder()
                .setTimestamp(ctx.timestamp())
                .setVersion(v.version())
                .setOptionsLength(v.optionsLength())
                .setOAMPacket(v.oamPacket())
                .setCriticalOption(v.criticalOption())
                .setProtocol(v.protocol())
                .setVNI(v.vni());
        int end = layers.payloadOffset(i);
        for (int p = v.offset() + GeneveView.OPTIONS; end - p >= GeneveView.OPTION_HEADER_LENGTH; ) {
            int len = GeneveView.OPTION_HEADER_LENGTH + (b[p + 3] & 0x1F) * 4;
            if (len > end - p) {
                break; // reported by the parser
            }
            r.addOptions(io.netcap.types.GeneveOption.newBuilder()
                    .setClass_(Bytes.u16(b, p))
                    .setType(b[p + 2] & 0xFF)
                    .setFlags((b[p + 3] & 0xFF) >>> 5)
                    .setLength(len)
                    .setData(ByteString.copyFrom(b, p + GeneveView.OPTION_HEADER_LENGTH, len - GeneveView.OPTION_HEADER_LENGTH)));
            p += len;
        }
        return r.build();
    }
}
