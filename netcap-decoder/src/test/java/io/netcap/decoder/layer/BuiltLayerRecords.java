package io.netcap.decoder.layer;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.netcap.decoder.DecodeContext;
import io.netcap.decoder.LayerDecoder;
import io.netcap.decoder.Protocols;
import io.netcap.decoder.Protocols.Decoder;
import io.netcap.decoder.Protocols.Protocol;
import io.netcap.packet.Packet;
import io.netcap.packet.layer.EthernetView;
import io.netcap.packet.layer.HeaderOptions;
import io.netcap.packet.layer.Ipv4View;
import io.netcap.packet.layer.LayerKind;
import io.netcap.packet.layer.Layers;
import io.netcap.packet.layer.TcpView;
import io.netcap.packet.layer.UdpView;
import io.netcap.types.RecordType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The records of every packet (Ethernet, IPv4, TCP, UDP) built with the generated builders: the oracle that
 * the wire writers of {@link EthernetDecoder}, {@link Ipv4Decoder}, {@link TcpDecoder} and
 * {@link UdpDecoder} are compared against, byte for byte, by {@link WireEncodingTest}.
 */
final class BuiltLayerRecords {
    private BuiltLayerRecords() {}

    /** The protocol registry with the four wire decoders replaced by their builder oracles. */
    static List<Protocol> registry() {
        List<Protocol> out = new ArrayList<>();
        for (Protocol p : Protocols.all()) {
            Supplier<LayerDecoder> oracle = switch (p.kind()) {
                case ETHERNET -> Ethernet::new;
                case IPV4 -> Ipv4::new;
                case TCP -> Tcp::new;
                case UDP -> Udp::new;
                default -> null;
            };
            out.add(oracle == null ? p : new Protocol(p.kind(), p.types(), p.routes(), new Decoder.Layer(oracle), p.origin()));
        }
        return out;
    }

    static final class Ethernet implements LayerDecoder {
        private final EthernetView v = new EthernetView();

        public RecordType type() { return RecordType.Ethernet; }

        public LayerKind kind() { return LayerKind.ETHERNET; }

        public Message decode(Layers layers, int i, Packet packet, DecodeContext ctx) {
            v.wrap(layers, i);
            int type = v.typeOrLength();
            return io.netcap.types.Ethernet.newBuilder()
                    .setTimestamp(ctx.timestamp())
                    .setSrcMACBytes(ctx.addresses().mac(v.buffer(), v.offset() + EthernetView.SRC))
                    .setDstMACBytes(ctx.addresses().mac(v.buffer(), v.offset() + EthernetView.DST))
                    .setEthernetType(type <= EthernetView.MAX_8023_LENGTH ? 0 : type)
                    .setPayloadEntropy(ctx.entropy(i))
                    .setPayloadSize(layers.payloadLength(i))
                    .build();
        }
    }

    static final class Ipv4 implements LayerDecoder {
        private final Ipv4View v = new Ipv4View();

        public RecordType type() { return RecordType.IPv4; }

        public LayerKind kind() { return LayerKind.IPV4; }

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
    }

    static final class Tcp implements LayerDecoder {
        private final TcpView v = new TcpView();

        public RecordType type() { return RecordType.TCP; }

        public LayerKind kind() { return LayerKind.TCP; }

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
    }

    static final class Udp implements LayerDecoder {
        private final UdpView v = new UdpView();

        public RecordType type() { return RecordType.UDP; }

        public LayerKind kind() { return LayerKind.UDP; }

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
    }
}
