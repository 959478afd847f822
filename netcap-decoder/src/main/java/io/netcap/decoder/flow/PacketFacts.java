package io.netcap.decoder.flow;

import io.netcap.packet.Packet;
import io.netcap.packet.layer.Bytes;
import io.netcap.packet.layer.EthernetView;
import io.netcap.packet.layer.FddiView;
import io.netcap.packet.layer.Icmpv4View;
import io.netcap.packet.layer.IpProtocol;
import io.netcap.packet.layer.Ipv4View;
import io.netcap.packet.layer.Ipv6ExtensionView;
import io.netcap.packet.layer.Ipv6FragmentView;
import io.netcap.packet.layer.Ipv6View;
import io.netcap.packet.layer.LayerKind;
import io.netcap.packet.layer.Layers;
import io.netcap.packet.layer.SctpView;
import io.netcap.packet.layer.TcpView;
import io.netcap.packet.layer.UdpView;

/**
 * The facts about one packet that flow-level decoders and the engine's flow sharding need: link
 * addresses, the first network layer, the first transport layer and TCP flags. Filled by {@link #fill}
 * from the {@link Layers} the packet was parsed into — the one parse of the packet, so the shard key,
 * the Connection key and the context of application records cannot disagree with the layer records.
 * No allocation; one instance per thread (the engine's reader and each worker), overwritten by every
 * packet.
 *
 * <p>Like the original (gopacket's {@code LinkLayer()}, {@code NetworkLayer()}, {@code TransportLayer()}),
 * the <em>first</em> layer of each role counts, so a tunnelled packet is described by its outer addresses
 * and the first transport header (docs/engine.md, "Sharding rules"). IP fragments carry no transport
 * layer here (their ports are unknown or absent), so all fragments of a datagram share one key and one
 * shard; like gopacket, that includes an IPv6 packet with an atomic fragment header.
 *
 * <p>Link layers: Ethernet and FDDI give the MAC pair. Linux SLL/SLL2, Loopback and PPP give only
 * their name: the original keys SLL by its one address and PPP by a constant flow, which this table
 * does not reproduce (their link hash is 0). 802.11 is no link layer of the original's flow key.
 */
public final class PacketFacts {
    public static final int TCP_FIN = TcpView.FIN;
    public static final int TCP_SYN = TcpView.SYN;
    public static final int TCP_RST = TcpView.RST;
    public static final int TCP_PSH = TcpView.PSH;
    public static final int TCP_ACK = TcpView.ACK_FLAG;
    public static final int TCP_URG = TcpView.URG;
    public static final int TCP_ECE = TcpView.ECE;
    public static final int TCP_CWR = TcpView.CWR;
    /** The NS bit (RFC 3540), above the eight flag bits of byte 13. */
    public static final int TCP_NS = 0x100;

    public long timestampNanos;
    public int wireLength;
    public int capturedLength;

    /** Layer names as the original reports them ("" when absent). */
    public String linkProto;
    public String networkProto;
    public String transportProto;
    public String applicationProto;

    public boolean hasMac;
    public final byte[] srcMac = new byte[6];
    public final byte[] dstMac = new byte[6];
    /** The MACs as 48-bit numbers (valid when {@link #hasMac}): the flow tables key by them. */
    public long srcMac48;
    public long dstMac48;

    /** 0 without network layer, else 4 or 16. */
    public int ipLength;
    public final byte[] srcIp = new byte[16];
    public final byte[] dstIp = new byte[16];
    /**
     * The addresses as numbers (valid when {@link #hasNetwork()}): IPv4 as {@code (0, u32)}, IPv6 as its
     * two big-endian halves. The flow tables key by them, so no consumer reads the bytes again.
     */
    public long srcIpHi;
    public long srcIpLo;
    public long dstIpHi;
    public long dstIpLo;
    /** IP protocol / IPv6 next header of the first network layer (after extension headers); -1 without. */
    public int ipProtocol;
    public boolean fragment;

    /** Flow endpoint type of the transport layer (FlowHash.ENDPOINT_TCP/UDP/SCTP), 0 without. */
    public int transportEndpoint;
    /** IP protocol number of the transport layer (6, 17, 132), 0 without. */
    public int transportProtocol;
    public int srcPort;
    public int dstPort;
    /** TCP flags incl. NS (bit 8), -1 for non-TCP. */
    public int tcpFlags;
    public int tcpWindow;
    /** ICMP / ICMPv6 type and code right above the first network layer, -1 when not ICMP. */
    public int icmpType;
    public int icmpCode;
    /** TCP or UDP payload bytes (0 for other transports). */
    public int payloadLength;
    /** The packet's flow protocol found by DPI ({@code io.netcap.decoder.dpi.DpiFlows}), 0 for none; set by the worker. */
    public long dpiProtocol;
    /**
     * A TLS hello in this packet's TCP payload (docs/enrichment.md, "JA3 and SNI on IPProfile"): the JA3 of a
     * ClientHello, else the JA3S of a ServerHello, else null; and the ClientHello's server name, else null.
     */
    public String tlsFingerprint;
    public String tlsServerName;

    private final Ipv4View ipv4 = new Ipv4View();
    private final Ipv6View ipv6 = new Ipv6View();
    private final TcpView tcp = new TcpView();
    private final UdpView udp = new UdpView();
    private final SctpView sctp = new SctpView();
    private final Icmpv4View icmp = new Icmpv4View();

    /** Fills the facts of the packet that {@code layers} describe; a truncated packet simply has fewer. */
    public PacketFacts fill(Layers layers) {
        reset(layers.packet());
        link(layers);
        int network = layers.firstNetwork();
        if (network >= 0) {
            network(layers, network);
        }
        int transport = layers.firstTransport();
        if (transport >= 0 && !fragment) {
            transport(layers, transport);
            application(layers, transport);
        }
        return this;
    }

    /**
     * Only the context of a record that a stream decoder writes: addresses ({@code ipLength} 0 for none) and
     * ports of the sender and the receiver; no link addresses until {@link #linkAddresses} sets them.
     */
    public PacketFacts endpoints(byte[] src, byte[] dst, int ipLength, int srcPort, int dstPort) {
        this.ipLength = ipLength;
        if (ipLength > 0) {
            System.arraycopy(src, 0, srcIp, 0, ipLength);
            System.arraycopy(dst, 0, dstIp, 0, ipLength);
        }
        this.transportEndpoint = ipLength > 0 ? FlowHash.ENDPOINT_TCP : 0;
        this.transportProtocol = ipLength > 0 ? 6 : 0;
        this.srcPort = srcPort;
        this.dstPort = dstPort;
        this.hasMac = false;
        return this;
    }

    /** Takes the link addresses of {@code other}, if it has them. */
    public void linkAddresses(PacketFacts other) {
        hasMac = other.hasMac;
        if (hasMac) {
            System.arraycopy(other.srcMac, 0, srcMac, 0, 6);
            System.arraycopy(other.dstMac, 0, dstMac, 0, 6);
        }
    }

    /**
     * The facts as seen from an inner transport layer (a TCP connection inside a tunnel): the network layer
     * {@code network} and the transport layer {@code transport} stand for the first ones.
     */
    public PacketFacts fillAt(Layers layers, int network, int transport) {
        reset(layers.packet());
        link(layers);
        network(layers, network);
        if (!fragment) {
            transport(layers, transport);
        }
        return this;
    }

    private void reset(Packet p) {
        timestampNanos = p.timestampNanos();
        wireLength = p.wireLength();
        capturedLength = p.capturedLength();
        linkProto = "";
        networkProto = "";
        transportProto = "";
        applicationProto = "";
        hasMac = false;
        ipLength = 0;
        ipProtocol = -1;
        fragment = false;
        transportEndpoint = 0;
        transportProtocol = 0;
        srcPort = 0;
        dstPort = 0;
        tcpFlags = -1;
        tcpWindow = 0;
        icmpType = -1;
        icmpCode = -1;
        payloadLength = 0;
        dpiProtocol = 0;
        tlsFingerprint = null;
        tlsServerName = null;
    }

    /** The first layer that the original's flow key counts as a link layer. */
    private void link(Layers layers) {
        for (int i = 0, n = layers.count(); i < n; i++) {
            LayerKind kind = layers.kind(i);
            switch (kind) {
                case ETHERNET -> macs(layers, i, EthernetView.SRC, EthernetView.DST);
                case FDDI -> macs(layers, i, FddiView.SRC, FddiView.DST);
                case LINUX_SLL, LINUX_SLL2, LOOPBACK, PPP -> { }
                default -> {
                    continue;
                }
            }
            linkProto = kind.layerName();
            return;
        }
    }

    private void macs(Layers layers, int i, int src, int dst) {
        byte[] b = layers.buffer();
        int off = layers.offset(i);
        hasMac = true;
        System.arraycopy(b, off + src, srcMac, 0, 6);
        System.arraycopy(b, off + dst, dstMac, 0, 6);
        srcMac48 = u48(b, off + src);
        dstMac48 = u48(b, off + dst);
    }

    private void network(Layers layers, int i) {
        byte[] b = layers.buffer();
        int off = layers.offset(i);
        LayerKind kind = layers.kind(i);
        networkProto = kind.layerName();
        if (kind == LayerKind.IPV4) {
            ipv4.wrap(layers, i);
            ipLength = 4;
            System.arraycopy(b, off + Ipv4View.SRC, srcIp, 0, 4);
            System.arraycopy(b, off + Ipv4View.DST, dstIp, 0, 4);
            srcIpHi = 0;
            srcIpLo = Integer.toUnsignedLong(Bytes.u32(b, off + Ipv4View.SRC));
            dstIpHi = 0;
            dstIpLo = Integer.toUnsignedLong(Bytes.u32(b, off + Ipv4View.DST));
            ipProtocol = ipv4.protocol();
            fragment = ipv4.isFragment();
        } else {
            ipv6.wrap(layers, i);
            ipLength = 16;
            System.arraycopy(b, off + Ipv6View.SRC, srcIp, 0, 16);
            System.arraycopy(b, off + Ipv6View.DST, dstIp, 0, 16);
            srcIpHi = u64(b, off + Ipv6View.SRC);
            srcIpLo = u64(b, off + Ipv6View.SRC + 8);
            dstIpHi = u64(b, off + Ipv6View.DST);
            dstIpLo = u64(b, off + Ipv6View.DST + 8);
            ipProtocol = ipv6.nextHeader();
        }
        above(layers, i + 1);
    }

    /** The extension headers (RFC 8200 4.1) and ICMP message right above the first network layer. */
    private void above(Layers layers, int from) {
        byte[] b = layers.buffer();
        for (int j = from, n = layers.count(); j < n; j++) {
            int off = layers.offset(j);
            switch (layers.kind(j)) {
                case IPV6_HOP_BY_HOP, IPV6_ROUTING, IPV6_DESTINATION ->
                        ipProtocol = Bytes.u8(b, off + Ipv6ExtensionView.NEXT_HEADER);
                case IPV6_FRAGMENT -> {
                    fragment = true;
                    ipProtocol = Bytes.u8(b, off + Ipv6FragmentView.NEXT_HEADER);
                    return;
                }
                case ICMPV4, ICMPV6 -> {
                    // ICMPv4 and ICMPv6 share the type and code octets (RFC 792, RFC 4443 2.1).
                    icmp.wrap(layers, j);
                    icmpType = icmp.type();
                    icmpCode = icmp.code();
                    return;
                }
                default -> {
                    return;
                }
            }
        }
    }

    private void transport(Layers layers, int t) {
        LayerKind kind = layers.kind(t);
        transportProto = kind.layerName();
        switch (kind) {
            case TCP -> {
                tcp.wrap(layers, t);
                transportEndpoint = FlowHash.ENDPOINT_TCP;
                transportProtocol = IpProtocol.TCP;
                srcPort = tcp.srcPort();
                dstPort = tcp.dstPort();
                tcpFlags = (tcp.ns() ? TCP_NS : 0) | tcp.flags();
                tcpWindow = tcp.window();
                payloadLength = layers.payloadLength(t);
            }
            case UDP -> {
                udp.wrap(layers, t);
                transportEndpoint = FlowHash.ENDPOINT_UDP;
                transportProtocol = IpProtocol.UDP;
                srcPort = udp.srcPort();
                dstPort = udp.dstPort();
                payloadLength = layers.payloadLength(t);
            }
            default -> {
                sctp.wrap(layers, t);
                transportEndpoint = FlowHash.ENDPOINT_SCTP;
                transportProtocol = IpProtocol.SCTP;
                srcPort = sctp.srcPort();
                dstPort = sctp.dstPort();
            }
        }
    }

    /**
     * The original's application layer: the protocol the parser recognised above the transport, else
     * the generic payload when TCP or UDP carry bytes. Application kinds end the parse, so it is the
     * last layer.
     */
    private void application(Layers layers, int t) {
        int last = layers.count() - 1;
        LayerKind kind = layers.kind(last);
        if (last > t && kind.role() == LayerKind.Role.APPLICATION && kind != LayerKind.PAYLOAD
                && kind != LayerKind.UNKNOWN) {
            applicationProto = kind.layerName();
        } else if (payloadLength > 0) {
            applicationProto = LayerKind.PAYLOAD.layerName();
        }
    }

    private static long u48(byte[] b, int i) {
        return Integer.toUnsignedLong(Bytes.u32(b, i)) << 16 | Bytes.u16(b, i + 4);
    }

    private static long u64(byte[] b, int i) {
        return (long) Bytes.u32(b, i) << 32 | Integer.toUnsignedLong(Bytes.u32(b, i + 4));
    }

    public boolean hasNetwork() {
        return ipLength != 0;
    }

    public boolean hasTransport() {
        return transportEndpoint != 0;
    }

    /** The original's connection key (docs/engine.md, "Connection"). */
    public String connectionKey() {
        return FlowHash.key(linkFlowHash(), networkFlowHash(), transportFlowHash());
    }

    public long linkFlowHash() {
        return hasMac ? FlowHash.flow(srcMac, 0, dstMac, 0, 6, FlowHash.ENDPOINT_MAC) : 0;
    }

    public long networkFlowHash() {
        return hasNetwork() ? FlowHash.flow(srcIp, 0, dstIp, 0, ipLength,
                ipLength == 4 ? FlowHash.ENDPOINT_IPV4 : FlowHash.ENDPOINT_IPV6) : 0;
    }

    /** A direction-independent key of the packet's IP flow: addresses, IP protocol and ports. */
    public long dpiFlowKey() {
        return (networkFlowHash() * 0x9E3779B97F4A7C15L ^ transportFlowHash()) * 31 + ipProtocol;
    }

    public long transportFlowHash() {
        return hasTransport() ? FlowHash.ports(srcPort, dstPort, transportEndpoint) : 0;
    }
}
