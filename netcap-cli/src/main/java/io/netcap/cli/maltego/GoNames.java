package io.netcap.cli.maltego;

import java.util.List;
import java.util.Map;

/**
 * The names the original's transforms give numbers by, those of its packet library (gopacket's {@code String()} of
 * an EtherType, an IP protocol, a link type, a DNS op code and response code, an ICMP type and code, an IGMP type
 * and group record type, a DHCPv6 message type and option), so that an entity's value is the one the original showed. The
 * names are those of the protocols' RFCs and IANA registries; gopacket's "Server Failure " has lost its trailing
 * space here.
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

    private static final Map<Integer, String> LINK_TYPES = Map.ofEntries(
            Map.entry(0, "Null"), Map.entry(1, "Ethernet"), Map.entry(9, "PPP"), Map.entry(10, "FDDI"),
            Map.entry(12, "Raw"), Map.entry(101, "Raw"), Map.entry(105, "802.11"), Map.entry(108, "Loop"),
            Map.entry(113, "Linux SLL"), Map.entry(117, "PFLog"), Map.entry(119, "Prism"), Map.entry(127, "RadioTap"),
            Map.entry(220, "USB"));

    /** An ICMP type's name and, for the types whose code says more, its codes' names. */
    private record Icmp(String type, Map<Integer, String> codes) {}

    private static final Map<Integer, Icmp> ICMP4 = Map.ofEntries(
            Map.entry(0, new Icmp("EchoReply", null)),
            Map.entry(3, new Icmp("DestinationUnreachable", Map.ofEntries(Map.entry(0, "Net"), Map.entry(1, "Host"),
                    Map.entry(2, "Protocol"), Map.entry(3, "Port"), Map.entry(4, "FragmentationNeeded"),
                    Map.entry(5, "SourceRoutingFailed"), Map.entry(6, "NetUnknown"), Map.entry(7, "HostUnknown"),
                    Map.entry(8, "SourceIsolated"), Map.entry(9, "NetAdminProhibited"), Map.entry(10, "HostAdminProhibited"),
                    Map.entry(11, "NetTOS"), Map.entry(12, "HostTOS"), Map.entry(13, "CommAdminProhibited"),
                    Map.entry(14, "HostPrecedence"), Map.entry(15, "PrecedenceCutoff")))),
            Map.entry(4, new Icmp("SourceQuench", null)),
            Map.entry(5, new Icmp("Redirect", Map.of(0, "Net", 1, "Host", 2, "TOS+Net", 3, "TOS+Host"))),
            Map.entry(8, new Icmp("EchoRequest", null)), Map.entry(9, new Icmp("RouterAdvertisement", null)),
            Map.entry(10, new Icmp("RouterSolicitation", null)),
            Map.entry(11, new Icmp("TimeExceeded", Map.of(0, "TTLExceeded", 1, "FragmentReassemblyTimeExceeded"))),
            Map.entry(12, new Icmp("ParameterProblem", Map.of(0, "PointerIndicatesError", 1, "MissingOption",
                    2, "BadLength"))),
            Map.entry(13, new Icmp("TimestampRequest", null)), Map.entry(14, new Icmp("TimestampReply", null)),
            Map.entry(15, new Icmp("InfoRequest", null)), Map.entry(16, new Icmp("InfoReply", null)),
            Map.entry(17, new Icmp("AddressMaskRequest", null)), Map.entry(18, new Icmp("AddressMaskReply", null)));

    private static final Map<Integer, Icmp> ICMP6 = Map.ofEntries(
            Map.entry(1, new Icmp("DestinationUnreachable", Map.of(0, "NoRouteToDst", 1, "AdminProhibited",
                    2, "BeyondScopeOfSrc", 3, "AddressUnreachable", 4, "PortUnreachable", 5, "SrcAddressFailedPolicy",
                    6, "RejectRouteToDst"))),
            Map.entry(2, new Icmp("PacketTooBig", null)),
            Map.entry(3, new Icmp("TimeExceeded", Map.of(0, "HopLimitExceeded", 1, "FragmentReassemblyTimeExceeded"))),
            Map.entry(4, new Icmp("ParameterProblem", Map.of(0, "ErroneousHeaderField", 1, "UnrecognizedNextHeader",
                    2, "UnrecognizedIPv6Option"))),
            Map.entry(128, new Icmp("EchoRequest", null)), Map.entry(129, new Icmp("EchoReply", null)),
            Map.entry(133, new Icmp("RouterSolicitation", null)), Map.entry(134, new Icmp("RouterAdvertisement", null)),
            Map.entry(135, new Icmp("NeighborSolicitation", null)), Map.entry(136, new Icmp("NeighborAdvertisement", null)),
            Map.entry(137, new Icmp("Redirect", null)));

    private static final Map<Integer, String> IGMP_TYPES = Map.of(0x11, "IGMP Membership Query",
            0x12, "IGMPv1 Membership Report", 0x16, "IGMPv2 Membership Report", 0x22, "IGMPv3 Membership Report",
            0x17, "Leave Group");

    private static final Map<Integer, String> IGMP_RECORD_TYPES = Map.of(1, "MODE_IS_INCLUDE", 2, "MODE_IS_EXCLUDE",
            3, "CHANGE_TO_INCLUDE_MODE", 4, "CHANGE_TO_EXCLUDE_MODE", 5, "ALLOW_NEW_SOURCES", 6, "BLOCK_OLD_SOURCES");

    private static final List<String> DHCP6_MESSAGE_TYPES = List.of("Unspecified", "Solicit", "Advertise", "Request",
            "Confirm", "Renew", "Rebind", "Reply", "Release", "Decline", "Reconfigure", "InformationRequest",
            "RelayForward", "RelayReply");

    /**
     * DHCPv6 option names by code (1-143, "-" where the library names none), as the original's library has them
     * from IANA's registry; its two slips are mended: 65 is ERPLocalDomainName (it repeated AFTRName) and 111
     * S46Priority (it wrote S64Priority).
     */
    private static final List<String> DHCP6_OPTIONS = List.of(("ClientID,ServerID,IA_NA,IA_TA,IAAddr,Oro,Preference,"
            + "ElapsedTime,RelayMessage,-,Auth,Unicast,StatusCode,RapidCommit,UserClass,VendorClass,VendorOpts,"
            + "InterfaceID,ReconfigureMessage,"
            + "ReconfigureAccept,SIPServersDomainList,SIPServersAddressList,DNSRecursiveNameServer,"
            + "DomainSearchList,IdentityAssociationPrefixDelegation,IAPDPrefix,NISServers,NISv2Servers,"
            + "NISDomainName,NISv2DomainName,SNTPServers,InformationRefreshTime,"
            + "BCMCSControlServersDomainNameList,BCMCSControlServersAddressList,-,CivicAddress,"
            + "RelayAgentRemoteID,RelayAgentSubscriberID,ClientFQDN,PANAAuthenticationAgent,NewPOSIXTimezone,"
            + "NewTZDBTimezone,EchoRequest,LeasequeryQuery,LeasequeryClientLastTransactionTime,"
            + "LeasequeryClientData,LeasequeryRelayData,LeasequeryClientLink,MIPv6HomeNetworkIDFQDN,"
            + "MIPv6VisitedHomeNetworkInformation,LoST Server,CAPWAPAccessControllerV6,LeasequeryRelayID,"
            + "MoSIPv6Address,MoSDomainNameList,NTPServer,AccessNetworkDomainName,"
            + "SIPUserAgentConfigurationServiceDomains,BootFileURL,BootFileParameters,"
            + "ClientSystemArchitectureType,ClientNetworkInterfaceIdentifier,Geolocation,AFTRName,"
            + "ERPLocalDomainName,RSOOption,PrefixExclude,VirtualSubnetSelection,"
            + "MIPv6IdentifiedHomeNetworkInformation,MIPv6UnrestrictedHomeNetworkInformation,"
            + "MIPv6HomeNetworkPrefix,MIPv6HomeAgentAddress,MIPv6HomeAgentFQDN,RDNSSSelection,"
            + "KerberosPrincipalName,KerberosRealmName,KerberosKDC,-,ClientLinkLayerAddress,LinkAddress,RADIUS,"
            + "SolMaxRt,InfMaxRt,AddressSelection,AddressSelectionTable,PCPServer,DHCPv4Message,"
            + "DHCP4o6ServerAddress,S46Rule,S46BR,S46DMR,S46IPv4IPv6AddressBinding,S46PortParameters,"
            + "S46MAPEContainer,S46MAPTContainer,S46Lightweight4Over6Container,4RD,4RDMapRule,4RDNonMapRule,"
            + "LQBaseTime,LQStartTime,LQEndTime,CaptivePortal,MPLParameterConfiguration,"
            + "ANIAccessTechnologyType,ANINetworkName,ANIAccessPointName,ANIAccessPointBSSID,"
            + "ANIOperatorIdentifier,ANIOperatorRealm,S46Priority,ManufacturerUsageDescriptionURL,V6Prefix64,"
            + "FailoverBindingStatus,FailoverConnectFlags,FailoverDNSRemovalInfo,FailoverDNSHostName,"
            + "FailoverDNSZoneName,FailoverDNSFlags,FailoverExpirationTime,"
            + "FailoverMaxUnacknowledgedBNDUPDMessages,FailoverMaximumClientLeadTime,FailoverPartnerLifetime,"
            + "FailoverPartnerLifetimeSent,FailoverPartnerDownTime,FailoverPartnerRawClientLeadTime,"
            + "FailoverProtocolVersion,FailoverKeepaliveTime,FailoverReconfigureData,FailoverRelationshipName,"
            + "FailoverServerFlags,FailoverServerState,FailoverStartTimeOfState,FailoverStateExpirationTime,"
            + "RelayPort,ZeroTouch,-,-,-,-,-,-,ANDSFIPv6Address").split(","));

    static String linkType(int type) {
        return LINK_TYPES.getOrDefault(type & 0xff, "UnknownLinkType");
    }

    /** An ICMPv4 type and code ({@code type << 8 | code}): {@code EchoRequest}, {@code DestinationUnreachable(Port)}. */
    static String icmp4(int typeCode) {
        return icmp(ICMP4, typeCode);
    }

    static String icmp6(int typeCode) {
        return icmp(ICMP6, typeCode);
    }

    private static String icmp(Map<Integer, Icmp> table, int typeCode) {
        int type = (typeCode >>> 8) & 0xff;
        int code = typeCode & 0xff;
        Icmp i = table.get(type);
        if (i == null) {
            return type + "(" + code + ")";
        }
        if (i.codes() == null) {
            return code == 0 ? i.type() : i.type() + "(Code: " + code + ")";
        }
        String name = i.codes().get(code);
        return i.type() + "(" + (name == null ? "Code: " + code : name) + ")";
    }

    /** An IGMP type's name; "" for one the original's library does not name, as it gave. */
    static String igmpType(int type) {
        return IGMP_TYPES.getOrDefault(type, "");
    }

    static String igmpRecordType(int type) {
        return IGMP_RECORD_TYPES.getOrDefault(type, "");
    }

    static String dhcp6MessageType(int type) {
        return type >= 0 && type < DHCP6_MESSAGE_TYPES.size() ? DHCP6_MESSAGE_TYPES.get(type) : "Unknown";
    }

    /** A DHCPv6 option code's name; {@code Unknown(N)} for one the table does not name, as the original gave. */
    static String dhcp6Option(int code) {
        String name = code >= 1 && code <= DHCP6_OPTIONS.size() ? DHCP6_OPTIONS.get(code - 1) : "-";
        return name.equals("-") ? "Unknown(" + code + ")" : name;
    }

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
