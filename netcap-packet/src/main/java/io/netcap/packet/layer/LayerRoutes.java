package io.netcap.packet.layer;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Which layer follows a type field: an EtherType (also a SNAP PID, a GRE or Geneve protocol type, a Linux
 * SLL protocol), an LLC SAP, an IP protocol number, a UDP port or, only with the datagrams option, a TCP port.
 * Arrays indexed by the field's value: the parser looks up every layer of every packet, without boxing or maps.
 *
 * <p>Two sources fill it. The structural routes to the layers the parser itself parses (IPv4 behind EtherType
 * 0x0800, TCP behind IP protocol 6, VXLAN behind UDP 4789, ...) are part of parsing those headers and are
 * defined here ({@link #STRUCTURAL}). The routes to application layers, which the parser only recognises (DNS
 * behind UDP 53, LLDP behind EtherType 0x88CC, ...), are rows of the protocol registry in {@code netcap-decoder}
 * ({@code io.netcap.decoder.Protocols}, table in {@code docs/protocols.md}), which builds the routes the engine
 * runs with. A route that would replace another one is refused, so the registry cannot silently re-route
 * a structural layer.
 */
public final class LayerRoutes {

    /** The type fields a route is keyed by. A SNAP PID is dispatched as an EtherType, as in the original. */
    public enum Field {
        ETHER_TYPE("EtherType", 0),
        SNAP_PID("SNAP PID", 0),
        LLC_SAP("LLC SAP", 1),
        IP_PROTOCOL("IP protocol", 2),
        UDP_PORT("UDP port", 3),
        TCP_PORT("TCP port", 4);

        private final String label;
        /** Index of the field's table in {@link #tables}. */
        private final int table;

        Field(String label, int table) {
            this.label = label;
            this.table = table;
        }

        /** How the field is named in docs/protocols.md. */
        public String label() {
            return label;
        }
    }

    /** VXLAN (RFC 7348), Geneve (RFC 8926) and MPLS-in-UDP (RFC 7510) ports: tunnels the parser continues into. */
    static final int UDP_PORT_VXLAN = 4789;
    static final int UDP_PORT_GENEVE = 6081;
    static final int UDP_PORT_MPLS = 6635;

    /** The structural routes alone: what a parser without application decoders needs. */
    public static final LayerRoutes STRUCTURAL = builder().build();

    /** The tables by {@link Field#table}; the fields below name them for the lookups. */
    private final LayerKind[][] tables;
    private final LayerKind[] etherType;
    private final LayerKind[] llcSap;
    private final LayerKind[] ipProtocol;
    private final LayerKind[] udpPort;
    private final LayerKind[] tcpPort;

    private LayerRoutes(Builder b) {
        tables = new LayerKind[b.tables.length][];
        for (int i = 0; i < tables.length; i++) {
            tables[i] = b.tables[i].clone();
        }
        etherType = tables[Field.ETHER_TYPE.table];
        llcSap = tables[Field.LLC_SAP.table];
        ipProtocol = tables[Field.IP_PROTOCOL.table];
        udpPort = tables[Field.UDP_PORT.table];
        tcpPort = tables[Field.TCP_PORT.table];
    }

    /** A builder holding the structural routes; add the application routes and build. */
    public static Builder builder() {
        return new Builder();
    }

    /** The layer behind an EtherType (0..0xFFFF); {@link LayerKind#UNKNOWN} for one without a route. */
    public LayerKind etherType(int type) {
        return etherType[type];
    }

    /** The layer behind an LLC header with these SAPs (group/response bits cleared); null for none. */
    public LayerKind llcSap(int dsap, int ssap) {
        return dsap == ssap ? llcSap[dsap] : null;
    }

    /**
     * The layer behind an IP protocol number / IPv6 next header (0..255); null for "no next header",
     * {@link LayerKind#UNKNOWN} for a number without a route.
     */
    public LayerKind ipProtocol(int protocol) {
        return ipProtocol[protocol];
    }

    /** The layer behind a UDP datagram: by destination port, then source port; null for none. */
    public LayerKind udpPort(int dstPort, int srcPort) {
        LayerKind k = udpPort[dstPort];
        return k != null ? k : udpPort[srcPort];
    }

    /** The layer behind a TCP segment's payload (datagrams option): destination port, then source port; null for none. */
    public LayerKind tcpPort(int dstPort, int srcPort) {
        LayerKind k = tcpPort[dstPort];
        return k != null ? k : tcpPort[srcPort];
    }

    /** The keys of {@code field} that lead to {@code kind}, ascending (for documentation). */
    public int[] keys(Field field, LayerKind kind) {
        LayerKind[] table = tables[field.table];
        return IntStream.range(0, table.length).filter(i -> table[i] == kind).toArray();
    }

    /** Collects routes; starts with the structural ones. */
    public static final class Builder {
        /** EtherType, LLC SAP, IP protocol, UDP port, TCP port; a key without a route holds {@link #EMPTY}'s value. */
        private final LayerKind[][] tables = {
                new LayerKind[0x10000], new LayerKind[0x100], new LayerKind[0x100], new LayerKind[0x10000], new LayerKind[0x10000]};
        /** An unrouted EtherType or IP protocol is an UNKNOWN layer; an unrouted SAP or port leaves the bytes as payload (null). */
        private static final LayerKind[] EMPTY = {LayerKind.UNKNOWN, null, LayerKind.UNKNOWN, null, null};

        private Builder() {
            for (int i = 0; i < tables.length; i++) {
                Arrays.fill(tables[i], EMPTY[i]);
            }
            route(Field.ETHER_TYPE, EtherType.IPV4, LayerKind.IPV4);
            route(Field.ETHER_TYPE, EtherType.IPV6, LayerKind.IPV6);
            route(Field.ETHER_TYPE, EtherType.ARP, LayerKind.ARP);
            route(Field.ETHER_TYPE, EtherType.RARP, LayerKind.ARP);
            route(Field.ETHER_TYPE, EtherType.DOT1Q, LayerKind.DOT1Q);
            route(Field.ETHER_TYPE, EtherType.QINQ, LayerKind.DOT1Q);
            route(Field.ETHER_TYPE, EtherType.QINQ_OLD, LayerKind.DOT1Q);
            route(Field.ETHER_TYPE, EtherType.MPLS_UNICAST, LayerKind.MPLS);
            route(Field.ETHER_TYPE, EtherType.MPLS_MULTICAST, LayerKind.MPLS);
            route(Field.ETHER_TYPE, EtherType.CTP, LayerKind.ETHERNET_CTP);
            route(Field.ETHER_TYPE, EtherType.TEB, LayerKind.ETHERNET);
            route(Field.ETHER_TYPE, EtherType.ERSPAN_III, LayerKind.ERSPAN);
            route(Field.ETHER_TYPE, EtherType.PPP, LayerKind.PPP);
            route(Field.LLC_SAP, LlcView.SAP_SNAP, LayerKind.SNAP);
            route(Field.IP_PROTOCOL, IpProtocol.HOPOPT, LayerKind.IPV6_HOP_BY_HOP);
            route(Field.IP_PROTOCOL, IpProtocol.ICMP, LayerKind.ICMPV4);
            route(Field.IP_PROTOCOL, IpProtocol.IPV4, LayerKind.IPV4);
            route(Field.IP_PROTOCOL, IpProtocol.TCP, LayerKind.TCP);
            route(Field.IP_PROTOCOL, IpProtocol.UDP, LayerKind.UDP);
            route(Field.IP_PROTOCOL, IpProtocol.IPV6, LayerKind.IPV6);
            route(Field.IP_PROTOCOL, IpProtocol.IPV6_ROUTE, LayerKind.IPV6_ROUTING);
            route(Field.IP_PROTOCOL, IpProtocol.IPV6_FRAG, LayerKind.IPV6_FRAGMENT);
            route(Field.IP_PROTOCOL, IpProtocol.GRE, LayerKind.GRE);
            route(Field.IP_PROTOCOL, IpProtocol.ESP, LayerKind.IPSEC_ESP);
            route(Field.IP_PROTOCOL, IpProtocol.AH, LayerKind.IPSEC_AH);
            route(Field.IP_PROTOCOL, IpProtocol.IPV6_ICMP, LayerKind.ICMPV6);
            route(Field.IP_PROTOCOL, IpProtocol.IPV6_OPTS, LayerKind.IPV6_DESTINATION);
            route(Field.IP_PROTOCOL, IpProtocol.SCTP, LayerKind.SCTP);
            route(Field.IP_PROTOCOL, IpProtocol.MPLS_IN_IP, LayerKind.MPLS);
            tables[Field.IP_PROTOCOL.table][IpProtocol.IPV6_NONXT] = null; // parsing stops
            route(Field.UDP_PORT, UDP_PORT_VXLAN, LayerKind.VXLAN);
            route(Field.UDP_PORT, UDP_PORT_GENEVE, LayerKind.GENEVE);
            route(Field.UDP_PORT, UDP_PORT_MPLS, LayerKind.MPLS);
        }

        /**
         * Routes {@code key} of {@code field} to {@code kind}.
         *
         * @throws IllegalArgumentException when the key is out of range or already routed
         */
        public Builder route(Field field, int key, LayerKind kind) {
            LayerKind[] table = tables[field.table];
            if (key < 0 || key >= table.length) {
                throw new IllegalArgumentException(field.label() + " " + key + " out of range");
            }
            if (table[key] != EMPTY[field.table]) {
                throw new IllegalArgumentException(field.label() + " " + key + " already leads to " + table[key]
                        + ", not " + kind);
            }
            table[key] = kind;
            return this;
        }

        public LayerRoutes build() {
            return new LayerRoutes(this);
        }
    }
}
