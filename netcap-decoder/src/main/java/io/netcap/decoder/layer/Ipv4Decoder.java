package io.netcap.decoder.layer;

import io.netcap.decoder.DecodeContext;
import io.netcap.decoder.WireLayerDecoder;
import io.netcap.decoder.WireWriter;
import io.netcap.packet.Packet;
import io.netcap.packet.layer.*;
import io.netcap.types.IPv4;
import io.netcap.types.RecordType;

/** IPv4 record with options and padding (the bytes after an End-of-options option). Length is the total length field, or the captured length when it is 0 (segmentation offload), as the original. SrcPort/DstPort come from the packet context. */
public final class Ipv4Decoder implements WireLayerDecoder {
    @Override
    public RecordType type() {
        return RecordType.IPv4;
    }

    @Override
    public LayerKind kind() {
        return LayerKind.IPV4;
    }

    private final Ipv4View v = new Ipv4View();
    private final OptionsEncoder options = OptionsEncoder.ipv4();

    /** Fields in field-number order: the options' padding and list come between DstIP and PayloadEntropy. */
    @Override
    public void write(Layers layers, int i, Packet packet, DecodeContext ctx, WireWriter w) {
        v.wrap(layers, i);
        byte[] b = v.buffer();
        int off = v.offset();
        int total = v.totalLength();
        w.int64(IPv4.TIMESTAMP_FIELD_NUMBER, ctx.timestamp());
        w.int32(IPv4.VERSION_FIELD_NUMBER, v.version());
        w.int32(IPv4.IHL_FIELD_NUMBER, v.ihl());
        w.int32(IPv4.TOS_FIELD_NUMBER, v.tos());
        w.int32(IPv4.LENGTH_FIELD_NUMBER, total == 0 ? layers.end() - off : total);
        w.int32(IPv4.ID_FIELD_NUMBER, v.id());
        w.int32(IPv4.FLAGS_FIELD_NUMBER, v.flags());
        w.int32(IPv4.FRAGOFFSET_FIELD_NUMBER, v.fragOffset());
        w.int32(IPv4.TTL_FIELD_NUMBER, v.ttl());
        w.int32(IPv4.PROTOCOL_FIELD_NUMBER, v.protocol());
        w.int32(IPv4.CHECKSUM_FIELD_NUMBER, v.checksum());
        w.string(IPv4.SRCIP_FIELD_NUMBER, ctx.networkSrcIpText(layers, i));
        w.string(IPv4.DSTIP_FIELD_NUMBER, ctx.networkDstIpText(layers, i));
        options.write(w, b, off + Ipv4View.OPTIONS, off + layers.headerLength(i));
        w.float64(IPv4.PAYLOADENTROPY_FIELD_NUMBER, ctx.entropy(i));
        w.int32(IPv4.PAYLOADSIZE_FIELD_NUMBER, layers.payloadLength(i));
        w.int32(IPv4.SRCPORT_FIELD_NUMBER, ctx.srcPort());
        w.int32(IPv4.DSTPORT_FIELD_NUMBER, ctx.dstPort());
    }
}
