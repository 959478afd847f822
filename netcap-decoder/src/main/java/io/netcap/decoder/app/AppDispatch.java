package io.netcap.decoder.app;

import com.google.protobuf.Message;
import io.netcap.decoder.tls.ClientHello;
import io.netcap.decoder.tls.ServerHello;
import io.netcap.types.EAPOLKey;
import io.netcap.types.RecordType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which application decoder gets which byte range: one declarative table mirroring the original's
 * parser (decoders.md 5.3). UDP payloads go by destination port, then source port; TCP payloads the
 * same way only with the {@code datagrams} option; EtherTypes (also SNAP PIDs and GRE protocol types,
 * which the original's parser dispatches as EtherTypes) and IP protocol numbers map directly. TLS hellos are packet decoders: every TCP payload is offered to them, whatever the port.
 */
public final class AppDispatch {
    private AppDispatch() {}

    /** How a route is keyed. */
    public enum Carrier { UDP_PORT, TCP_PORT, ETHERTYPE, IP_PROTOCOL, EAPOL_TYPE, ENIP_ITEM, TCP_ANY }

    /** The application protocols decoded here and the record types each produces. */
    public enum Protocol {
        DNS(RecordType.DNS),
        DHCPV4(RecordType.DHCPv4),
        DHCPV6(RecordType.DHCPv6),
        NTP(RecordType.NTP),
        SIP(RecordType.SIP),
        BFD(RecordType.BFD),
        LCM(RecordType.LCM),
        MODBUS(RecordType.Modbus),
        ENIP(RecordType.ENIP),
        CIP(RecordType.CIP),
        DIAMETER(RecordType.Diameter),
        IGMP(RecordType.IGMP),
        OSPF(RecordType.OSPFv2, RecordType.OSPFv3),
        VRRP(RecordType.VRRPv2),
        LLDP(RecordType.LinkLayerDiscovery, RecordType.LinkLayerDiscoveryInfo),
        CDP(RecordType.CiscoDiscovery, RecordType.CiscoDiscoveryInfo),
        NORTEL_DISCOVERY(RecordType.NortelDiscovery),
        EAPOL(RecordType.EAPOL),
        EAPOL_KEY(RecordType.EAPOLKey),
        EAP(RecordType.EAP),
        TLS_HELLO(RecordType.TLSClientHello, RecordType.TLSServerHello);

        private final List<RecordType> types;

        Protocol(RecordType... types) {
            this.types = List.of(types);
        }

        public List<RecordType> types() {
            return types;
        }
    }

    /**
     * One row of the table.
     *
     * @param carrier       what {@code key} means
     * @param key           port, EtherType, IP protocol or inner type
     * @param protocol      the decoder
     * @param datagramsOnly only with {@code -opts datagrams} (TCP payloads)
     * @param note          where the row comes from
     */
    public record Route(Carrier carrier, int key, Protocol protocol, boolean datagramsOnly, String note) {}

    private static final String PARSER = "original parser";

    /** The dispatch table. */
    public static final List<Route> ROUTES = List.of(
            new Route(Carrier.UDP_PORT, 53, Protocol.DNS, false, PARSER),
            new Route(Carrier.UDP_PORT, 67, Protocol.DHCPV4, false, PARSER),
            new Route(Carrier.UDP_PORT, 68, Protocol.DHCPV4, false, PARSER),
            new Route(Carrier.UDP_PORT, 123, Protocol.NTP, false, PARSER),
            new Route(Carrier.UDP_PORT, 546, Protocol.DHCPV6, false, PARSER),
            new Route(Carrier.UDP_PORT, 547, Protocol.DHCPV6, false, PARSER),
            new Route(Carrier.UDP_PORT, 3784, Protocol.BFD, false, PARSER),
            new Route(Carrier.UDP_PORT, 5060, Protocol.SIP, false, PARSER),
            new Route(Carrier.UDP_PORT, 7667, Protocol.LCM, false, "extension: the original maps no port to LCM"),
            new Route(Carrier.TCP_PORT, 53, Protocol.DNS, true, PARSER),
            new Route(Carrier.TCP_PORT, 502, Protocol.MODBUS, true, PARSER),
            new Route(Carrier.TCP_PORT, 44818, Protocol.ENIP, true, PARSER),
            new Route(Carrier.TCP_PORT, 3868, Protocol.DIAMETER, true, "RFC 6733 port; the original's mapping is not documented"),
            new Route(Carrier.TCP_ANY, 0, Protocol.TLS_HELLO, false, "packet decoders: every TCP payload"),
            new Route(Carrier.ETHERTYPE, 0x88cc, Protocol.LLDP, false, PARSER),
            new Route(Carrier.ETHERTYPE, 0x888e, Protocol.EAPOL, false, PARSER),
            new Route(Carrier.ETHERTYPE, 0x2000, Protocol.CDP, false, "SNAP PID (OUI 00:00:0c) or GRE protocol type"),
            new Route(Carrier.ETHERTYPE, 0x01a2, Protocol.NORTEL_DISCOVERY, false, "SNAP PID (OUI 00:00:81)"),
            new Route(Carrier.IP_PROTOCOL, 2, Protocol.IGMP, false, PARSER),
            new Route(Carrier.IP_PROTOCOL, 89, Protocol.OSPF, false, PARSER),
            new Route(Carrier.IP_PROTOCOL, 112, Protocol.VRRP, false, PARSER),
            new Route(Carrier.EAPOL_TYPE, 0, Protocol.EAP, false, "EAPOL packet type 0 carries EAP"),
            new Route(Carrier.EAPOL_TYPE, 3, Protocol.EAPOL_KEY, false, "EAPOL packet type 3 carries a key descriptor"),
            new Route(Carrier.ENIP_ITEM, 0, Protocol.CIP, true, "CIP inside SendRRData/SendUnitData"));

    private static final Map<Carrier, Map<Integer, Route>> INDEX = ROUTES.stream()
            .collect(Collectors.groupingBy(Route::carrier, Collectors.toMap(Route::key, Function.identity())));

    private static Protocol lookup(Carrier c, int key, boolean datagrams) {
        Map<Integer, Route> m = INDEX.get(c);
        Route r = m == null ? null : m.get(key);
        return r == null || (r.datagramsOnly() && !datagrams) ? null : r.protocol();
    }

    /** UDP payload: destination port first, then source port. Null when no decoder applies. */
    public static Protocol udp(int srcPort, int dstPort) {
        Protocol p = lookup(Carrier.UDP_PORT, dstPort, false);
        return p != null ? p : lookup(Carrier.UDP_PORT, srcPort, false);
    }

    /** TCP payload by port (only with {@code datagrams}); the TLS hello decoders are not port based. */
    public static Protocol tcp(int srcPort, int dstPort, boolean datagrams) {
        Protocol p = lookup(Carrier.TCP_PORT, dstPort, datagrams);
        return p != null ? p : lookup(Carrier.TCP_PORT, srcPort, datagrams);
    }

    public static Protocol etherType(int etherType) {
        return lookup(Carrier.ETHERTYPE, etherType, false);
    }

    /** SNAP: as in the original's parser the PID is dispatched as an EtherType, whatever the OUI. */
    public static Protocol snap(int oui, int pid) {
        return etherType(pid);
    }

    public static Protocol ipProtocol(int protocol) {
        return lookup(Carrier.IP_PROTOCOL, protocol, false);
    }

    /** Decoder options that change what a record holds. */
    public record Options(boolean payload, boolean tcp) {
        public static final Options UDP = new Options(false, false);
        public static final Options TCP = new Options(false, true);
    }

    /**
     * Runs the decoder of {@code protocol} on {@code buf[off .. off+len)} and returns its records in
     * layer order (e.g. EAPOL then EAPOLKey; ENIP then CIP; LLDP raw then info). Empty on malformed input.
     * Context fields (SrcIP, DstIP, SrcPort, DstPort, MACs) are left for the caller.
     */
    public static List<Message> decode(Protocol protocol, byte[] buf, int off, int len, long ts, Options o) {
        List<Message> out = new ArrayList<>(2);
        switch (protocol) {
            case DNS -> add(out, o.tcp() ? Dns.decodeTcp(buf, off, len, ts) : Dns.decode(buf, off, len, ts));
            case DHCPV4 -> add(out, DhcpV4.decode(buf, off, len, ts));
            case DHCPV6 -> add(out, DhcpV6.decode(buf, off, len, ts));
            case NTP -> add(out, Ntp.decode(buf, off, len, ts));
            case SIP -> add(out, Sip.decode(buf, off, len, ts));
            case BFD -> add(out, Bfd.decode(buf, off, len, ts));
            case LCM -> add(out, Lcm.decode(buf, off, len, ts));
            case MODBUS -> add(out, Modbus.decode(buf, off, len, ts, o.payload()));
            case ENIP -> Enip.decodeAll(buf, off, len, ts, o.payload(), out);
            case CIP -> add(out, Cip.decode(buf, off, len, ts, o.payload()));
            case DIAMETER -> add(out, Diameter.decode(buf, off, len, ts));
            case IGMP -> add(out, Igmp.decode(buf, off, len, ts));
            case OSPF -> add(out, Ospf.decode(buf, off, len, ts));
            case VRRP -> add(out, Vrrp.decode(buf, off, len, ts));
            case LLDP -> {
                Lldp l = Lldp.decode(buf, off, len, ts);
                if (l != null) {
                    out.add(l.discovery());
                    out.add(l.info());
                }
            }
            case CDP -> {
                Cdp c = Cdp.decode(buf, off, len, ts);
                if (c != null) {
                    out.add(c.discovery());
                    out.add(c.info());
                }
            }
            case NORTEL_DISCOVERY -> add(out, NortelDiscovery.decode(buf, off, len, ts));
            case EAPOL -> {
                Message e = Eapol.decode(buf, off, len, ts);
                add(out, e);
                if (e != null) {
                    int type = buf[off + 1] & 0xff, body = Eapol.bodyLength(buf, off, len);
                    if (type == 0) add(out, Eap.decode(buf, off + 4, body, ts));
                    if (type == 3) add(out, Eapol.decodeKey(buf, off + 4, body, ts));
                }
            }
            case EAPOL_KEY -> {
                EAPOLKey k = Eapol.decodeKey(buf, off, len, ts);
                add(out, k);
            }
            case EAP -> add(out, Eap.decode(buf, off, len, ts));
            case TLS_HELLO -> {
                add(out, ClientHello.decode(buf, off, len, ts));
                add(out, ServerHello.decode(buf, off, len, ts));
            }
        }
        return out;
    }

    private static void add(List<Message> out, Message m) {
        if (m != null) out.add(m);
    }
}
