package io.netcap.decoder;

import static io.netcap.decoder.app.AppDecoder.add;

import com.google.protobuf.Message;
import io.netcap.decoder.app.AppDecoder;
import io.netcap.decoder.app.Bfd;
import io.netcap.decoder.app.Cdp;
import io.netcap.decoder.app.DhcpV4;
import io.netcap.decoder.app.DhcpV6;
import io.netcap.decoder.app.Diameter;
import io.netcap.decoder.app.Dns;
import io.netcap.decoder.app.Eap;
import io.netcap.decoder.app.Eapol;
import io.netcap.decoder.app.Enip;
import io.netcap.decoder.app.Igmp;
import io.netcap.decoder.app.Lcm;
import io.netcap.decoder.app.Lldp;
import io.netcap.decoder.app.Modbus;
import io.netcap.decoder.app.NortelDiscovery;
import io.netcap.decoder.app.Ntp;
import io.netcap.decoder.app.Ospf;
import io.netcap.decoder.app.Radius;
import io.netcap.decoder.app.Sip;
import io.netcap.decoder.app.Vrrp;
import io.netcap.decoder.layer.*;
import io.netcap.decoder.tls.ClientHello;
import io.netcap.decoder.tls.ServerHello;
import io.netcap.packet.layer.EtherType;
import io.netcap.packet.layer.IpProtocol;
import io.netcap.packet.layer.LayerKind;
import io.netcap.packet.layer.LayerRoutes;
import io.netcap.packet.layer.LayerRoutes.Field;
import io.netcap.types.RecordType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The protocol registry: one row per protocol with how it is recognised, its {@link LayerKind}, the record
 * types it produces, its decoder and where the row comes from. Everything that dispatches derives from it:
 * the parser's application routes ({@link #routes()}), the layer decoders of {@link LayerPipeline}, the
 * application decoders of {@link AppDecoding}, the decoder names of {@code -include}/{@code -exclude}
 * ({@link #recordType(String)}), {@code capture -overview} and the table in {@code docs/protocols.md}
 * ({@link #markdown()}, checked by a test).
 *
 * <p>Layer rows (Ethernet, IPv4, TCP, ...) name no routes: the parser parses those headers itself, so the
 * type fields leading to them are part of parsing and live in {@link LayerRoutes#STRUCTURAL}; the table shows
 * them from there. Application rows bring their routes, which {@link #routes()} adds to the structural ones.
 * Adding a protocol is adding a row (docs/adding-a-protocol.md).
 */
public final class Protocols {

    /**
     * How a protocol is recognised: a type field or port leading to it ({@code field} and {@code key}), or,
     * with {@code field} null, a rule in words that its decoder applies.
     */
    public record Route(Field field, int key, String rule) {
        static Route of(Field field, int key) {
            return new Route(field, key, null);
        }

        static Route rule(String rule) {
            return new Route(null, 0, rule);
        }

        /** The key as the docs write it: hex for EtherTypes, SNAP PIDs and SAPs, decimal otherwise. */
        String keyText() {
            return switch (field) {
                case ETHER_TYPE, SNAP_PID -> String.format(Locale.ROOT, "0x%04X", key);
                case LLC_SAP -> String.format(Locale.ROOT, "0x%02X", key);
                default -> Integer.toString(key);
            };
        }
    }

    /** What decodes a protocol's layer. */
    public sealed interface Decoder {
        /** A layer decoder, one per worker ({@link LayerPipeline}). */
        record Layer(Supplier<LayerDecoder> factory) implements Decoder {}

        /** An application decoder ({@link AppDecoding}); {@code entry} names it for the docs. */
        record App(String entry, AppDecoder decoder) implements Decoder {}

        /** Recognised by the parser, no record (counted as an unknown layer, as in the original). */
        record None() implements Decoder {}
    }

    /**
     * One protocol.
     *
     * @param kind    the layer the parser reports; its {@link LayerKind#layerName()} is the protocol's name
     *                (statistics, Connection's ApplicationProto, {@code -include})
     * @param types   the record types produced, the first being the one a protocol name selects
     * @param routes  how the parser recognises it; empty for the layers it parses itself
     * @param decoder what decodes it
     * @param origin  where the row comes from: the original's parser, an RFC, or an extension
     */
    public record Protocol(LayerKind kind, List<RecordType> types, List<Route> routes, Decoder decoder, String origin) {
        public String name() {
            return kind.layerName();
        }
    }

    private static final String ORIGINAL = "original";

    private static final List<Protocol> ALL = List.of(
            // Layers the parser parses; their routes are structural (LayerRoutes.STRUCTURAL).
            layer(RecordType.Ethernet, LayerKind.ETHERNET, EthernetDecoder::new),
            layer(RecordType.ARP, LayerKind.ARP, ArpDecoder::new),
            layer(RecordType.Dot1Q, LayerKind.DOT1Q, Dot1QDecoder::new),
            layer(RecordType.Dot11, LayerKind.DOT11, Dot11Decoder::new),
            layer(RecordType.LLC, LayerKind.LLC, LlcDecoder::new),
            layer(RecordType.SNAP, LayerKind.SNAP, SnapDecoder::new),
            layer(RecordType.EthernetCTP, LayerKind.ETHERNET_CTP, EthernetCtpDecoder::new),
            layer(RecordType.EthernetCTPReply, LayerKind.ETHERNET_CTP_REPLY, EthernetCtpReplyDecoder::new),
            layer(RecordType.FDDI, LayerKind.FDDI, FddiDecoder::new),
            layer(RecordType.IPv4, LayerKind.IPV4, Ipv4Decoder::new),
            layer(RecordType.IPv6, LayerKind.IPV6, Ipv6Decoder::new),
            layer(RecordType.IPv6HopByHop, LayerKind.IPV6_HOP_BY_HOP, Ipv6HopByHopDecoder::new),
            layer(RecordType.IPv6Fragment, LayerKind.IPV6_FRAGMENT, Ipv6FragmentDecoder::new),
            layer(RecordType.ICMPv4, LayerKind.ICMPV4, Icmpv4Decoder::new),
            layer(RecordType.ICMPv6, LayerKind.ICMPV6, Icmpv6Decoder::new),
            layer(RecordType.ICMPv6Echo, LayerKind.ICMPV6_ECHO, Icmpv6EchoDecoder::new),
            layer(RecordType.ICMPv6NeighborSolicitation, LayerKind.ICMPV6_NEIGHBOR_SOLICITATION, Icmpv6NeighborSolicitationDecoder::new),
            layer(RecordType.ICMPv6NeighborAdvertisement, LayerKind.ICMPV6_NEIGHBOR_ADVERTISEMENT, Icmpv6NeighborAdvertisementDecoder::new),
            layer(RecordType.ICMPv6RouterSolicitation, LayerKind.ICMPV6_ROUTER_SOLICITATION, Icmpv6RouterSolicitationDecoder::new),
            layer(RecordType.ICMPv6RouterAdvertisement, LayerKind.ICMPV6_ROUTER_ADVERTISEMENT, Icmpv6RouterAdvertisementDecoder::new),
            layer(RecordType.TCP, LayerKind.TCP, TcpDecoder::new),
            layer(RecordType.UDP, LayerKind.UDP, UdpDecoder::new),
            layer(RecordType.SCTP, LayerKind.SCTP, SctpDecoder::new),
            layer(RecordType.GRE, LayerKind.GRE, GreDecoder::new),
            layer(RecordType.MPLS, LayerKind.MPLS, MplsDecoder::new),
            layer(RecordType.VXLAN, LayerKind.VXLAN, VxlanDecoder::new),
            layer(RecordType.Geneve, LayerKind.GENEVE, GeneveDecoder::new),
            layer(RecordType.IPSecAH, LayerKind.IPSEC_AH, IpsecAhDecoder::new),
            layer(RecordType.IPSecESP, LayerKind.IPSEC_ESP, IpsecEspDecoder::new),
            layer(RecordType.USB, LayerKind.USB, UsbDecoder::new),
            layer(RecordType.USBRequestBlockSetup, LayerKind.USB_REQUEST_BLOCK_SETUP, UsbRequestBlockSetupDecoder::new),
            // Application layers: recognised by the parser through these routes, decoded by AppDecoding.
            app(LayerKind.EAPOL, List.of(RecordType.EAPOL, RecordType.EAPOLKey, RecordType.EAP),
                    List.of(Route.of(Field.ETHER_TYPE, EtherType.EAPOL)), "Eapol, Eap", Protocols::eapol,
                    ORIGINAL + "; EAP inside packet type 0, EAPOL-Key inside type 3"),
            app(LayerKind.LLDP, List.of(RecordType.LinkLayerDiscovery, RecordType.LinkLayerDiscoveryInfo),
                    List.of(Route.of(Field.ETHER_TYPE, EtherType.LLDP)), "Lldp", Protocols::lldp, ORIGINAL),
            app(LayerKind.CDP, List.of(RecordType.CiscoDiscovery, RecordType.CiscoDiscoveryInfo),
                    List.of(Route.of(Field.SNAP_PID, 0x2000)), "Cdp", Protocols::cdp,
                    ORIGINAL + " (OUI 00:00:0C); as an EtherType also behind GRE"),
            app(LayerKind.NORTEL_DISCOVERY, List.of(RecordType.NortelDiscovery),
                    List.of(Route.of(Field.SNAP_PID, 0x01A2), Route.of(Field.SNAP_PID, 0x01A1)), "NortelDiscovery",
                    (b, off, len, ts, o, out) -> add(out, NortelDiscovery.decode(b, off, len, ts)),
                    ORIGINAL + " for 0x01A2 (OUI 00:00:81); **extension**: 0x01A1 (SONMP autodiscovery), as TShark"),
            recognised(LayerKind.STP, List.of(Route.of(Field.LLC_SAP, 0x42)), ORIGINAL + "; no record decoder"),
            app(LayerKind.IGMP, List.of(RecordType.IGMP), List.of(Route.of(Field.IP_PROTOCOL, IpProtocol.IGMP)),
                    "Igmp", (b, off, len, ts, o, out) -> add(out, Igmp.decode(b, off, len, ts)), ORIGINAL),
            app(LayerKind.OSPF, List.of(RecordType.OSPFv2, RecordType.OSPFv3), List.of(Route.of(Field.IP_PROTOCOL, IpProtocol.OSPF)),
                    "Ospf", (b, off, len, ts, o, out) -> add(out, Ospf.decode(b, off, len, ts)), ORIGINAL + "; record type by version"),
            app(LayerKind.VRRP, List.of(RecordType.VRRPv2), List.of(Route.of(Field.IP_PROTOCOL, IpProtocol.VRRP)),
                    "Vrrp", (b, off, len, ts, o, out) -> add(out, Vrrp.decode(b, off, len, ts)), ORIGINAL),
            app(LayerKind.DNS, List.of(RecordType.DNS), List.of(Route.of(Field.UDP_PORT, 53), Route.of(Field.TCP_PORT, 53)),
                    "Dns", Protocols::dns, ORIGINAL + "; over TCP the length prefix is removed"),
            app(LayerKind.DHCPV4, List.of(RecordType.DHCPv4), udp(67, 68), "DhcpV4",
                    (b, off, len, ts, o, out) -> add(out, DhcpV4.decode(b, off, len, ts)), ORIGINAL),
            app(LayerKind.NTP, List.of(RecordType.NTP), udp(123), "Ntp",
                    (b, off, len, ts, o, out) -> add(out, Ntp.decode(b, off, len, ts)), ORIGINAL),
            app(LayerKind.DHCPV6, List.of(RecordType.DHCPv6), udp(546, 547), "DhcpV6",
                    (b, off, len, ts, o, out) -> add(out, DhcpV6.decode(b, off, len, ts)), ORIGINAL),
            recognised(LayerKind.RMCP, udp(623), ORIGINAL + "; no record decoder"),
            recognised(LayerKind.GTPV1U, udp(2152), ORIGINAL + "; no record decoder"),
            app(LayerKind.BFD, List.of(RecordType.BFD), udp(3784), "Bfd",
                    (b, off, len, ts, o, out) -> add(out, Bfd.decode(b, off, len, ts)), ORIGINAL),
            app(LayerKind.SIP, List.of(RecordType.SIP), udp(5060), "Sip",
                    (b, off, len, ts, o, out) -> add(out, Sip.decode(b, off, len, ts)), ORIGINAL),
            recognised(LayerKind.SFLOW, udp(6343), ORIGINAL + "; no record decoder"),
            app(LayerKind.RADIUS, List.of(RecordType.RADIUS), udp(1812), "Radius",
                    (b, off, len, ts, o, out) -> add(out, Radius.decode(b, off, len, ts)),
                    "parser versions with the upstream RADIUS layer (no record there); **extension**: the RADIUS record"),
            app(LayerKind.LCM, List.of(RecordType.LCM), udp(7667), "Lcm",
                    (b, off, len, ts, o, out) -> add(out, Lcm.decode(b, off, len, ts)),
                    "**extension**: the original maps no port to LCM"),
            app(LayerKind.MODBUS, List.of(RecordType.Modbus), tcp(502), "Modbus",
                    (b, off, len, ts, o, out) -> add(out, Modbus.decode(b, off, len, ts, o.payload())), ORIGINAL),
            app(LayerKind.ENIP, List.of(RecordType.ENIP, RecordType.CIP), tcp(44818), "Enip, Cip", Protocols::enip,
                    ORIGINAL + "; CIP inside SendRRData/SendUnitData"),
            app(LayerKind.DIAMETER, List.of(RecordType.Diameter), tcp(3868), "Diameter",
                    (b, off, len, ts, o, out) -> add(out, Diameter.decode(b, off, len, ts)),
                    "RFC 6733 port; how the original reaches Diameter is not documented"),
            app(LayerKind.TLS, List.of(RecordType.TLSClientHello, RecordType.TLSServerHello),
                    concat(tcp(443, 636, 989, 990, 992, 993, 994, 995, 5061),
                            Route.rule("any TCP payload starting with a TLS handshake record (content type 22)")),
                    "tls.ClientHello, tls.ServerHello", Protocols::tlsHellos,
                    ORIGINAL + "; the hello decoders are packet decoders: every TCP payload is offered to them"));

    private static final LayerRoutes ROUTES = buildRoutes();

    private Protocols() {}

    /** Every protocol, layers first, in registry order. */
    public static List<Protocol> all() {
        return ALL;
    }

    /** The parser's routes: the structural ones plus every application route of the registry. */
    public static LayerRoutes routes() {
        return ROUTES;
    }

    /** The protocol whose layer is {@code kind}, or null. */
    public static Protocol of(LayerKind kind) {
        for (Protocol p : ALL) {
            if (p.kind() == kind) {
                return p;
            }
        }
        return null;
    }

    /** The application decoder of layer {@code kind}, or null. */
    public static AppDecoder appDecoder(LayerKind kind) {
        Protocol p = of(kind);
        return p != null && p.decoder() instanceof Decoder.App app ? app.decoder() : null;
    }

    /** The record types of all layer decoders. */
    public static Set<RecordType> layerTypes() {
        Set<RecordType> s = EnumSet.noneOf(RecordType.class);
        for (Protocol p : ALL) {
            if (p.decoder() instanceof Decoder.Layer) {
                s.addAll(p.types());
            }
        }
        return s;
    }

    /**
     * The record type a decoder name of {@code -include}/{@code -exclude} selects (case-insensitive): a record
     * type's name or file name, else a protocol's layer name, which selects the protocol's first record type
     * (as in the original, where {@code OSPF} is the first decoder registered for the OSPF layer).
     */
    public static Optional<RecordType> recordType(String name) {
        Optional<RecordType> t = RecordType.byName(name);
        if (t.isPresent()) {
            return t;
        }
        for (Protocol p : ALL) {
            if (p.name().equalsIgnoreCase(name) && !p.types().isEmpty()) {
                return Optional.of(p.types().getFirst());
            }
        }
        return Optional.empty();
    }

    /** The registry as the markdown table of {@code docs/protocols.md} and {@code capture -overview}. */
    public static String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("| protocol | layer kind | recognised by | records | decoder | origin |\n");
        sb.append("|---|---|---|---|---|---|\n");
        for (Protocol p : ALL) {
            sb.append("| ").append(p.name()).append(" | `").append(p.kind().name()).append("` | ")
                    .append(recognition(p)).append(" | ")
                    .append(p.types().isEmpty() ? "—" : String.join(", ", p.types().stream().map(RecordType::name).toList()))
                    .append(" | ").append(decoderName(p.decoder())).append(" | ")
                    .append(p.routes().isEmpty() ? "layer parser (docs/layers.md)" : p.origin()).append(" |\n");
        }
        return sb.toString();
    }

    /** The routes of a row grouped by field ("UDP port 67, 68"), then its rules; structural routes for layer rows. */
    private static String recognition(Protocol p) {
        List<Route> routes = new ArrayList<>(p.routes());
        if (routes.isEmpty()) {
            for (Field f : Field.values()) {
                for (int key : f == Field.SNAP_PID ? new int[0] : LayerRoutes.STRUCTURAL.keys(f, p.kind())) {
                    routes.add(Route.of(f, key));
                }
            }
            if (routes.isEmpty()) {
                return "link type, or the header before it (docs/layers.md)";
            }
        }
        Map<Field, List<String>> keys = new EnumMap<>(Field.class);
        List<String> parts = new ArrayList<>();
        for (Route r : routes) {
            if (r.field() == null) {
                parts.add(r.rule());
            } else {
                keys.computeIfAbsent(r.field(), f -> new ArrayList<>()).add(r.keyText());
            }
        }
        List<String> fields = new ArrayList<>();
        keys.forEach((f, k) -> fields.add(f.label() + " " + String.join(", ", k)
                + (f == Field.TCP_PORT ? " (with -opts datagrams)" : "")));
        fields.addAll(parts);
        return String.join("; ", fields);
    }

    private static String decoderName(Decoder d) {
        return switch (d) {
            case Decoder.Layer l -> "`" + l.factory().get().getClass().getSimpleName() + "`";
            case Decoder.App a -> "`" + a.entry() + "`";
            case Decoder.None n -> "—";
        };
    }

    private static LayerRoutes buildRoutes() {
        LayerRoutes.Builder b = LayerRoutes.builder();
        for (Protocol p : ALL) {
            for (Route r : p.routes()) {
                if (r.field() != null) {
                    b.route(r.field(), r.key(), p.kind());
                }
            }
        }
        return b.build();
    }

    // ---------------------------------------------------------------- rows

    private static Protocol layer(RecordType type, LayerKind kind, Supplier<LayerDecoder> factory) {
        return new Protocol(kind, List.of(type), List.of(), new Decoder.Layer(factory), "");
    }

    private static Protocol app(LayerKind kind, List<RecordType> types, List<Route> routes, String entry,
                                AppDecoder decoder, String origin) {
        return new Protocol(kind, types, routes, new Decoder.App(entry, decoder), origin);
    }

    private static Protocol recognised(LayerKind kind, List<Route> routes, String origin) {
        return new Protocol(kind, List.of(), routes, new Decoder.None(), origin);
    }

    private static List<Route> udp(int... ports) {
        return Arrays.stream(ports).mapToObj(p -> Route.of(Field.UDP_PORT, p)).toList();
    }

    private static List<Route> tcp(int... ports) {
        return Arrays.stream(ports).mapToObj(p -> Route.of(Field.TCP_PORT, p)).toList();
    }

    private static List<Route> concat(List<Route> routes, Route more) {
        List<Route> all = new ArrayList<>(routes);
        all.add(more);
        return List.copyOf(all);
    }

    // ---------------------------------------------------------------- decoders producing several records

    private static void dns(byte[] b, int off, int len, long ts, AppDecoder.Options o, List<Message> out) {
        add(out, o.tcp() ? Dns.decodeTcp(b, off, len, ts) : Dns.decode(b, off, len, ts));
    }

    private static void enip(byte[] b, int off, int len, long ts, AppDecoder.Options o, List<Message> out) {
        Enip.decodeAll(b, off, len, ts, o.payload(), out);
    }

    private static void lldp(byte[] b, int off, int len, long ts, AppDecoder.Options o, List<Message> out) {
        Lldp l = Lldp.decode(b, off, len, ts);
        if (l != null) {
            out.add(l.discovery());
            out.add(l.info());
        }
    }

    private static void cdp(byte[] b, int off, int len, long ts, AppDecoder.Options o, List<Message> out) {
        Cdp c = Cdp.decode(b, off, len, ts);
        if (c != null) {
            out.add(c.discovery());
            out.add(c.info());
        }
    }

    /** EAPOL, then the EAP packet (packet type 0) or the key descriptor (type 3) it carries. */
    private static void eapol(byte[] b, int off, int len, long ts, AppDecoder.Options o, List<Message> out) {
        Message e = Eapol.decode(b, off, len, ts);
        add(out, e);
        if (e != null) {
            int type = b[off + 1] & 0xff;
            int body = Eapol.bodyLength(b, off, len);
            if (type == 0) {
                add(out, Eap.decode(b, off + 4, body, ts));
            }
            if (type == 3) {
                add(out, Eapol.decodeKey(b, off + 4, body, ts));
            }
        }
    }

    private static void tlsHellos(byte[] b, int off, int len, long ts, AppDecoder.Options o, List<Message> out) {
        add(out, ClientHello.decode(b, off, len, ts));
        add(out, ServerHello.decode(b, off, len, ts));
    }
}
