package io.netcap.cli.maltego;

import java.util.Map;

/**
 * The names the original's transforms give numbers by, those of its packet library (gopacket's {@code String()} of
 * an EtherType, an IP protocol, a DNS op code and response code), so that an entity's value is the one the original
 * showed. The DNS names are IANA's registry names; gopacket's "Server Failure " has lost its trailing space here.
 */
final class GoNames {
    private GoNames() {}

    private static final Map<Integer, String> ETHER_TYPES = Map.ofEntries(
            Map.entry(0x0000, "LLC"), Map.entry(0x0800, "IPv4"), Map.entry(0x0806, "ARP"), Map.entry(0x86DD, "IPv6"),
            Map.entry(0x2000, "CiscoDiscovery"), Map.entry(0x01a2, "NortelDiscovery"),
            Map.entry(0x6558, "TransparentEthernetBridging"), Map.entry(0x8100, "Dot1Q"), Map.entry(0x88a8, "Dot1Q"),
            Map.entry(0x880b, "PPP"), Map.entry(0x8863, "PPPoEDiscovery"), Map.entry(0x8864, "PPPoESession"),
            Map.entry(0x8847, "MPLSUnicast"), Map.entry(0x8848, "MPLSMulticast"), Map.entry(0x888e, "EAPOL"),
            Map.entry(0x88be, "ERSPAN Type II"), Map.entry(0x88cc, "LinkLayerDiscovery"), Map.entry(0x9000, "EthernetCTP"));

    private static final Map<Integer, String> IP_PROTOCOLS = Map.ofEntries(
            Map.entry(0, "IPv6HopByHop"), Map.entry(1, "ICMPv4"), Map.entry(2, "IGMP"), Map.entry(4, "IPv4"),
            Map.entry(6, "TCP"), Map.entry(17, "UDP"), Map.entry(27, "RUDP"), Map.entry(41, "IPv6"),
            Map.entry(43, "IPv6Routing"), Map.entry(44, "IPv6Fragment"), Map.entry(47, "GRE"), Map.entry(50, "IPSecESP"),
            Map.entry(51, "IPSecAH"), Map.entry(58, "ICMPv6"), Map.entry(59, "NoNextHeader"),
            Map.entry(60, "IPv6Destination"), Map.entry(89, "OSPF"), Map.entry(94, "IPv4"), Map.entry(97, "EtherIP"),
            Map.entry(112, "VRRP"), Map.entry(132, "SCTP"), Map.entry(136, "UDPLite"), Map.entry(137, "MPLS"));

    private static final Map<Integer, String> DNS_OP_CODES = Map.of(0, "Query", 1, "Inverse Query", 2, "Status",
            4, "Notify", 5, "Update");

    private static final Map<Integer, String> DNS_RESPONSE_CODES = Map.ofEntries(
            Map.entry(0, "No Error"), Map.entry(1, "Format Error"), Map.entry(2, "Server Failure"),
            Map.entry(3, "Non-Existent Domain"), Map.entry(4, "Not Implemented"), Map.entry(5, "Query Refused"),
            Map.entry(6, "Name Exists when it should not"), Map.entry(7, "RR Set Exists when it should not"),
            Map.entry(8, "RR Set that should exist does not"), Map.entry(9, "Server Not Authoritative for zone"),
            Map.entry(10, "Name not contained in zone"), Map.entry(16, "Bad OPT Version"),
            Map.entry(17, "Key not recognized"), Map.entry(18, "Signature out of time window"),
            Map.entry(19, "Bad TKEY Mode"), Map.entry(20, "Duplicate key name"), Map.entry(21, "Algorithm not supported"),
            Map.entry(22, "Bad Truncation"), Map.entry(23, "Bad Cookie"));

    static String etherType(int type) {
        return ETHER_TYPES.getOrDefault(type, "UnknownEthernetType");
    }

    static String ipProtocol(int protocol) {
        return IP_PROTOCOLS.getOrDefault(protocol, "UnknownIPProtocol");
    }

    static String dnsOpCode(int code) {
        return DNS_OP_CODES.getOrDefault(code, "Unknown");
    }

    static String dnsResponseCode(int code) {
        return DNS_RESPONSE_CODES.getOrDefault(code, "Unknown");
    }
}
