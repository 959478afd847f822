package io.netcap.decoder.layer;

import io.netcap.decoder.LayerDecoder;
import io.netcap.packet.layer.LayerKind;
import io.netcap.types.RecordType;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The declarative table of layer decoders: which layer kind each consumes, which record type it
 * produces, how to make one (one instance per worker), and whether it is on by default. Application
 * decoders add their lines here.
 */
public final class LayerDecoders {

    /**
     * @param name      the decoder name used by {@code -include}/{@code -exclude} (the original's layer name)
     * @param type      record type produced
     * @param kind      layer consumed
     * @param factory   makes a decoder for one worker
     * @param defaultOn enabled without {@code -include}
     */
    public record Entry(String name, RecordType type, LayerKind kind, Supplier<LayerDecoder> factory, boolean defaultOn) {}

    private static final List<Entry> ALL = List.of(
            entry(RecordType.Ethernet, LayerKind.ETHERNET, EthernetDecoder::new),
            entry(RecordType.ARP, LayerKind.ARP, ArpDecoder::new),
            entry(RecordType.Dot1Q, LayerKind.DOT1Q, Dot1QDecoder::new),
            entry(RecordType.Dot11, LayerKind.DOT11, Dot11Decoder::new),
            entry(RecordType.LLC, LayerKind.LLC, LlcDecoder::new),
            entry(RecordType.SNAP, LayerKind.SNAP, SnapDecoder::new),
            entry(RecordType.EthernetCTP, LayerKind.ETHERNET_CTP, EthernetCtpDecoder::new),
            entry(RecordType.EthernetCTPReply, LayerKind.ETHERNET_CTP_REPLY, EthernetCtpReplyDecoder::new),
            entry(RecordType.FDDI, LayerKind.FDDI, FddiDecoder::new),
            entry(RecordType.IPv4, LayerKind.IPV4, Ipv4Decoder::new),
            entry(RecordType.IPv6, LayerKind.IPV6, Ipv6Decoder::new),
            entry(RecordType.IPv6HopByHop, LayerKind.IPV6_HOP_BY_HOP, Ipv6HopByHopDecoder::new),
            entry(RecordType.IPv6Fragment, LayerKind.IPV6_FRAGMENT, Ipv6FragmentDecoder::new),
            entry(RecordType.ICMPv4, LayerKind.ICMPV4, Icmpv4Decoder::new),
            entry(RecordType.ICMPv6, LayerKind.ICMPV6, Icmpv6Decoder::new),
            entry(RecordType.ICMPv6Echo, LayerKind.ICMPV6_ECHO, Icmpv6EchoDecoder::new),
            entry(RecordType.ICMPv6NeighborSolicitation, LayerKind.ICMPV6_NEIGHBOR_SOLICITATION, Icmpv6NeighborSolicitationDecoder::new),
            entry(RecordType.ICMPv6NeighborAdvertisement, LayerKind.ICMPV6_NEIGHBOR_ADVERTISEMENT, Icmpv6NeighborAdvertisementDecoder::new),
            entry(RecordType.ICMPv6RouterSolicitation, LayerKind.ICMPV6_ROUTER_SOLICITATION, Icmpv6RouterSolicitationDecoder::new),
            entry(RecordType.ICMPv6RouterAdvertisement, LayerKind.ICMPV6_ROUTER_ADVERTISEMENT, Icmpv6RouterAdvertisementDecoder::new),
            entry(RecordType.TCP, LayerKind.TCP, TcpDecoder::new),
            entry(RecordType.UDP, LayerKind.UDP, UdpDecoder::new),
            entry(RecordType.SCTP, LayerKind.SCTP, SctpDecoder::new),
            entry(RecordType.GRE, LayerKind.GRE, GreDecoder::new),
            entry(RecordType.MPLS, LayerKind.MPLS, MplsDecoder::new),
            entry(RecordType.VXLAN, LayerKind.VXLAN, VxlanDecoder::new),
            entry(RecordType.Geneve, LayerKind.GENEVE, GeneveDecoder::new),
            entry(RecordType.IPSecAH, LayerKind.IPSEC_AH, IpsecAhDecoder::new),
            entry(RecordType.IPSecESP, LayerKind.IPSEC_ESP, IpsecEspDecoder::new),
            entry(RecordType.USB, LayerKind.USB, UsbDecoder::new),
            entry(RecordType.USBRequestBlockSetup, LayerKind.USB_REQUEST_BLOCK_SETUP, UsbRequestBlockSetupDecoder::new));

    private LayerDecoders() {}

    private static Entry entry(RecordType type, LayerKind kind, Supplier<LayerDecoder> factory) {
        return new Entry(type.fileName(), type, kind, factory, true);
    }

    /** Every layer decoder, in registry order. */
    public static List<Entry> all() {
        return ALL;
    }

    /** The record types of all default-on layer decoders. */
    public static Set<RecordType> defaultTypes() {
        Set<RecordType> s = EnumSet.noneOf(RecordType.class);
        for (Entry e : ALL) {
            if (e.defaultOn()) {
                s.add(e.type());
            }
        }
        return s;
    }

    /** Looks a decoder up by name (case-insensitive), e.g. {@code TCP}, {@code ipv4}. */
    public static Optional<Entry> byName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return ALL.stream().filter(e -> e.name().toLowerCase(Locale.ROOT).equals(n)).findFirst();
    }
}
