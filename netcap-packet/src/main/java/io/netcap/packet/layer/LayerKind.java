package io.netcap.packet.layer;

/**
 * The layers the {@link LayerParser} recognises. Link, network, transport and tunnel layers are
 * parsed here; application kinds (DNS, OSPF, LLDP, ...) are only recognised — by EtherType, LLC/SNAP
 * type, IP protocol or port — and handed on as byte ranges to the application decoders.
 * {@link #layerName()} is the name the original's parser gives the layer (used in statistics, as
 * Connection's ApplicationProto and by {@code -include}/{@code -exclude}). Which type fields and ports lead
 * to which kind is in {@link LayerRoutes}; what decodes each kind is the protocol registry's
 * ({@code docs/protocols.md}).
 */
public enum LayerKind {
    // link layers and their pseudo headers
    ETHERNET("Ethernet", Role.LINK),
    LINUX_SLL("Linux SLL", Role.LINK),
    LINUX_SLL2("Linux SLL2", Role.LINK),
    LOOPBACK("Loopback", Role.LINK),
    PPP("PPP", Role.LINK),
    RADIOTAP("RadioTap", Role.LINK),
    DOT11("Dot11", Role.LINK),
    FDDI("FDDI", Role.LINK),
    USB("USB", Role.LINK),
    USB_REQUEST_BLOCK_SETUP("USBRequestBlockSetup", Role.LINK),
    DOT1Q("Dot1Q", Role.LINK),
    LLC("LLC", Role.LINK),
    SNAP("SNAP", Role.LINK),
    ARP("ARP", Role.LINK),
    ETHERNET_CTP("EthernetCTP", Role.LINK),
    ETHERNET_CTP_REPLY("EthernetCTPReply", Role.LINK),
    // network
    IPV4("IPv4", Role.NETWORK),
    IPV6("IPv6", Role.NETWORK),
    IPV6_HOP_BY_HOP("IPv6HopByHop", Role.EXTENSION),
    IPV6_ROUTING("IPv6Routing", Role.EXTENSION),
    IPV6_FRAGMENT("IPv6Fragment", Role.EXTENSION),
    IPV6_DESTINATION("IPv6Destination", Role.EXTENSION),
    IPSEC_AH("IPSecAH", Role.EXTENSION),
    IPSEC_ESP("IPSecESP", Role.EXTENSION),
    ICMPV4("ICMPv4", Role.CONTROL),
    ICMPV6("ICMPv6", Role.CONTROL),
    ICMPV6_ECHO("ICMPv6Echo", Role.CONTROL),
    ICMPV6_ROUTER_SOLICITATION("ICMPv6RouterSolicitation", Role.CONTROL),
    ICMPV6_ROUTER_ADVERTISEMENT("ICMPv6RouterAdvertisement", Role.CONTROL),
    ICMPV6_NEIGHBOR_SOLICITATION("ICMPv6NeighborSolicitation", Role.CONTROL),
    ICMPV6_NEIGHBOR_ADVERTISEMENT("ICMPv6NeighborAdvertisement", Role.CONTROL),
    // transport
    TCP("TCP", Role.TRANSPORT),
    UDP("UDP", Role.TRANSPORT),
    SCTP("SCTP", Role.TRANSPORT),
    // tunnels (decoded, parsing continues inside)
    GRE("GRE", Role.TUNNEL),
    ERSPAN("ERSPAN", Role.TUNNEL),
    MPLS("MPLS", Role.TUNNEL),
    VXLAN("VXLAN", Role.TUNNEL),
    GENEVE("Geneve", Role.TUNNEL),
    // application kinds: recognised, not decoded here
    IGMP("IGMP", Role.APPLICATION),
    OSPF("OSPF", Role.APPLICATION),
    VRRP("VRRP", Role.APPLICATION),
    EAPOL("EAPOL", Role.APPLICATION),
    LLDP("LinkLayerDiscovery", Role.APPLICATION),
    CDP("CiscoDiscovery", Role.APPLICATION),
    NORTEL_DISCOVERY("NortelDiscovery", Role.APPLICATION),
    STP("STP", Role.APPLICATION),
    DNS("DNS", Role.APPLICATION),
    DHCPV4("DHCPv4", Role.APPLICATION),
    DHCPV6("DHCPv6", Role.APPLICATION),
    NTP("NTP", Role.APPLICATION),
    SIP("SIP", Role.APPLICATION),
    BFD("BFD", Role.APPLICATION),
    LCM("LCM", Role.APPLICATION),
    RMCP("RMCP", Role.APPLICATION),
    GTPV1U("GTPv1U", Role.APPLICATION),
    SFLOW("SFlow", Role.APPLICATION),
    RADIUS("RADIUS", Role.APPLICATION),
    MODBUS("Modbus", Role.APPLICATION),
    ENIP("Ethernet/IP", Role.APPLICATION),
    DIAMETER("Diameter", Role.APPLICATION),
    TLS("TLS", Role.APPLICATION),
    /** Bytes after the last recognised layer that belong to it (TCP/UDP data, fragments, ciphertext). */
    PAYLOAD("Payload", Role.APPLICATION),
    /** Bytes announced by a type field the parser does not know (an unknown EtherType, IP protocol, ...). */
    UNKNOWN("Unknown", Role.APPLICATION);

    /** Where a kind sits in the stack; the packet context takes the first NETWORK and TRANSPORT layer. */
    public enum Role { LINK, NETWORK, EXTENSION, CONTROL, TRANSPORT, TUNNEL, APPLICATION }

    private final String layerName;
    private final Role role;

    LayerKind(String layerName, Role role) {
        this.layerName = layerName;
        this.role = role;
    }

    public String layerName() {
        return layerName;
    }

    public Role role() {
        return role;
    }
}
