package io.netcap.types;

import com.google.protobuf.Message;
import com.google.protobuf.Descriptors.Descriptor;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The 74 record types that can form a file (the original's 71, RADIUS, IMAP and FTP, docs/schema-extensions.md):
 * {@link Type} value, message, file base name and the kind of decoder that produces it. The file name is
 * usually the type name; the exceptions follow the original (VRRPv2 is written to {@code VRRP}).
 */
public enum RecordType {
    Connection(Type.NC_Connection, "Connection", Kind.PACKET, io.netcap.types.Connection.getDefaultInstance()),
    Ethernet(Type.NC_Ethernet, "Ethernet", Kind.LAYER, io.netcap.types.Ethernet.getDefaultInstance()),
    ARP(Type.NC_ARP, "ARP", Kind.LAYER, io.netcap.types.ARP.getDefaultInstance()),
    Dot1Q(Type.NC_Dot1Q, "Dot1Q", Kind.LAYER, io.netcap.types.Dot1Q.getDefaultInstance()),
    Dot11(Type.NC_Dot11, "Dot11", Kind.LAYER, io.netcap.types.Dot11.getDefaultInstance()),
    LinkLayerDiscovery(Type.NC_LinkLayerDiscovery, "LinkLayerDiscovery", Kind.LAYER, io.netcap.types.LinkLayerDiscovery.getDefaultInstance()),
    EthernetCTP(Type.NC_EthernetCTP, "EthernetCTP", Kind.LAYER, io.netcap.types.EthernetCTP.getDefaultInstance()),
    EthernetCTPReply(Type.NC_EthernetCTPReply, "EthernetCTPReply", Kind.LAYER, io.netcap.types.EthernetCTPReply.getDefaultInstance()),
    LinkLayerDiscoveryInfo(Type.NC_LinkLayerDiscoveryInfo, "LinkLayerDiscoveryInfo", Kind.LAYER, io.netcap.types.LinkLayerDiscoveryInfo.getDefaultInstance()),
    IPv4(Type.NC_IPv4, "IPv4", Kind.LAYER, io.netcap.types.IPv4.getDefaultInstance()),
    IPv6(Type.NC_IPv6, "IPv6", Kind.LAYER, io.netcap.types.IPv6.getDefaultInstance()),
    ICMPv4(Type.NC_ICMPv4, "ICMPv4", Kind.LAYER, io.netcap.types.ICMPv4.getDefaultInstance()),
    ICMPv6(Type.NC_ICMPv6, "ICMPv6", Kind.LAYER, io.netcap.types.ICMPv6.getDefaultInstance()),
    ICMPv6NeighborAdvertisement(Type.NC_ICMPv6NeighborAdvertisement, "ICMPv6NeighborAdvertisement", Kind.LAYER, io.netcap.types.ICMPv6NeighborAdvertisement.getDefaultInstance()),
    ICMPv6RouterAdvertisement(Type.NC_ICMPv6RouterAdvertisement, "ICMPv6RouterAdvertisement", Kind.LAYER, io.netcap.types.ICMPv6RouterAdvertisement.getDefaultInstance()),
    UDP(Type.NC_UDP, "UDP", Kind.LAYER, io.netcap.types.UDP.getDefaultInstance()),
    TCP(Type.NC_TCP, "TCP", Kind.LAYER, io.netcap.types.TCP.getDefaultInstance()),
    SCTP(Type.NC_SCTP, "SCTP", Kind.LAYER, io.netcap.types.SCTP.getDefaultInstance()),
    DNS(Type.NC_DNS, "DNS", Kind.LAYER, io.netcap.types.DNS.getDefaultInstance()),
    DHCPv4(Type.NC_DHCPv4, "DHCPv4", Kind.LAYER, io.netcap.types.DHCPv4.getDefaultInstance()),
    DHCPv6(Type.NC_DHCPv6, "DHCPv6", Kind.LAYER, io.netcap.types.DHCPv6.getDefaultInstance()),
    LLC(Type.NC_LLC, "LLC", Kind.LAYER, io.netcap.types.LLC.getDefaultInstance()),
    NTP(Type.NC_NTP, "NTP", Kind.LAYER, io.netcap.types.NTP.getDefaultInstance()),
    SIP(Type.NC_SIP, "SIP", Kind.LAYER, io.netcap.types.SIP.getDefaultInstance()),
    IGMP(Type.NC_IGMP, "IGMP", Kind.LAYER, io.netcap.types.IGMP.getDefaultInstance()),
    IPv6HopByHop(Type.NC_IPv6HopByHop, "IPv6HopByHop", Kind.LAYER, io.netcap.types.IPv6HopByHop.getDefaultInstance()),
    SNAP(Type.NC_SNAP, "SNAP", Kind.LAYER, io.netcap.types.SNAP.getDefaultInstance()),
    ICMPv6Echo(Type.NC_ICMPv6Echo, "ICMPv6Echo", Kind.LAYER, io.netcap.types.ICMPv6Echo.getDefaultInstance()),
    ICMPv6NeighborSolicitation(Type.NC_ICMPv6NeighborSolicitation, "ICMPv6NeighborSolicitation", Kind.LAYER, io.netcap.types.ICMPv6NeighborSolicitation.getDefaultInstance()),
    ICMPv6RouterSolicitation(Type.NC_ICMPv6RouterSolicitation, "ICMPv6RouterSolicitation", Kind.LAYER, io.netcap.types.ICMPv6RouterSolicitation.getDefaultInstance()),
    HTTP(Type.NC_HTTP, "HTTP", Kind.STREAM, io.netcap.types.HTTP.getDefaultInstance()),
    TLSClientHello(Type.NC_TLSClientHello, "TLSClientHello", Kind.PACKET, io.netcap.types.TLSClientHello.getDefaultInstance()),
    IPSecAH(Type.NC_IPSecAH, "IPSecAH", Kind.LAYER, io.netcap.types.IPSecAH.getDefaultInstance()),
    IPSecESP(Type.NC_IPSecESP, "IPSecESP", Kind.LAYER, io.netcap.types.IPSecESP.getDefaultInstance()),
    Geneve(Type.NC_Geneve, "Geneve", Kind.LAYER, io.netcap.types.Geneve.getDefaultInstance()),
    IPv6Fragment(Type.NC_IPv6Fragment, "IPv6Fragment", Kind.LAYER, io.netcap.types.IPv6Fragment.getDefaultInstance()),
    VXLAN(Type.NC_VXLAN, "VXLAN", Kind.LAYER, io.netcap.types.VXLAN.getDefaultInstance()),
    USB(Type.NC_USB, "USB", Kind.LAYER, io.netcap.types.USB.getDefaultInstance()),
    LCM(Type.NC_LCM, "LCM", Kind.LAYER, io.netcap.types.LCM.getDefaultInstance()),
    MPLS(Type.NC_MPLS, "MPLS", Kind.LAYER, io.netcap.types.MPLS.getDefaultInstance()),
    Modbus(Type.NC_Modbus, "Modbus", Kind.LAYER, io.netcap.types.Modbus.getDefaultInstance()),
    OSPFv2(Type.NC_OSPFv2, "OSPFv2", Kind.LAYER, io.netcap.types.OSPFv2.getDefaultInstance()),
    OSPFv3(Type.NC_OSPFv3, "OSPFv3", Kind.LAYER, io.netcap.types.OSPFv3.getDefaultInstance()),
    BFD(Type.NC_BFD, "BFD", Kind.LAYER, io.netcap.types.BFD.getDefaultInstance()),
    GRE(Type.NC_GRE, "GRE", Kind.LAYER, io.netcap.types.GRE.getDefaultInstance()),
    FDDI(Type.NC_FDDI, "FDDI", Kind.LAYER, io.netcap.types.FDDI.getDefaultInstance()),
    EAP(Type.NC_EAP, "EAP", Kind.LAYER, io.netcap.types.EAP.getDefaultInstance()),
    VRRPv2(Type.NC_VRRPv2, "VRRP", Kind.LAYER, io.netcap.types.VRRPv2.getDefaultInstance()),
    EAPOL(Type.NC_EAPOL, "EAPOL", Kind.LAYER, io.netcap.types.EAPOL.getDefaultInstance()),
    EAPOLKey(Type.NC_EAPOLKey, "EAPOLKey", Kind.LAYER, io.netcap.types.EAPOLKey.getDefaultInstance()),
    CiscoDiscovery(Type.NC_CiscoDiscovery, "CiscoDiscovery", Kind.LAYER, io.netcap.types.CiscoDiscovery.getDefaultInstance()),
    CiscoDiscoveryInfo(Type.NC_CiscoDiscoveryInfo, "CiscoDiscoveryInfo", Kind.LAYER, io.netcap.types.CiscoDiscoveryInfo.getDefaultInstance()),
    USBRequestBlockSetup(Type.NC_USBRequestBlockSetup, "USBRequestBlockSetup", Kind.LAYER, io.netcap.types.USBRequestBlockSetup.getDefaultInstance()),
    NortelDiscovery(Type.NC_NortelDiscovery, "NortelDiscovery", Kind.LAYER, io.netcap.types.NortelDiscovery.getDefaultInstance()),
    CIP(Type.NC_CIP, "CIP", Kind.LAYER, io.netcap.types.CIP.getDefaultInstance()),
    ENIP(Type.NC_ENIP, "ENIP", Kind.LAYER, io.netcap.types.ENIP.getDefaultInstance()),
    DeviceProfile(Type.NC_DeviceProfile, "DeviceProfile", Kind.PACKET, io.netcap.types.DeviceProfile.getDefaultInstance()),
    File(Type.NC_File, "File", Kind.ABSTRACT, io.netcap.types.File.getDefaultInstance()),
    SMTP(Type.NC_SMTP, "SMTP", Kind.STREAM, io.netcap.types.SMTP.getDefaultInstance()),
    Diameter(Type.NC_Diameter, "Diameter", Kind.LAYER, io.netcap.types.Diameter.getDefaultInstance()),
    POP3(Type.NC_POP3, "POP3", Kind.STREAM, io.netcap.types.POP3.getDefaultInstance()),
    TLSServerHello(Type.NC_TLSServerHello, "TLSServerHello", Kind.PACKET, io.netcap.types.TLSServerHello.getDefaultInstance()),
    Software(Type.NC_Software, "Software", Kind.ABSTRACT, io.netcap.types.Software.getDefaultInstance()),
    Service(Type.NC_Service, "Service", Kind.ABSTRACT, io.netcap.types.Service.getDefaultInstance()),
    Credentials(Type.NC_Credentials, "Credentials", Kind.ABSTRACT, io.netcap.types.Credentials.getDefaultInstance()),
    SSH(Type.NC_SSH, "SSH", Kind.STREAM, io.netcap.types.SSH.getDefaultInstance()),
    Vulnerability(Type.NC_Vulnerability, "Vulnerability", Kind.ABSTRACT, io.netcap.types.Vulnerability.getDefaultInstance()),
    Exploit(Type.NC_Exploit, "Exploit", Kind.ABSTRACT, io.netcap.types.Exploit.getDefaultInstance()),
    IPProfile(Type.NC_IPProfile, "IPProfile", Kind.PACKET, io.netcap.types.IPProfile.getDefaultInstance()),
    Mail(Type.NC_Mail, "Mail", Kind.ABSTRACT, io.netcap.types.Mail.getDefaultInstance()),
    Alert(Type.NC_Alert, "Alert", Kind.ABSTRACT, io.netcap.types.Alert.getDefaultInstance()),
    /** Beyond the original's schema (docs/schema-extensions.md). */
    RADIUS(Type.NC_RADIUS, "RADIUS", Kind.LAYER, io.netcap.types.RADIUS.getDefaultInstance()),
    /** Beyond the original's schema (docs/schema-extensions.md). */
    IMAP(Type.NC_IMAP, "IMAP", Kind.STREAM, io.netcap.types.IMAP.getDefaultInstance()),
    /** Beyond the original's schema (docs/schema-extensions.md). */
    FTP(Type.NC_FTP, "FTP", Kind.STREAM, io.netcap.types.FTP.getDefaultInstance());

    /** Which family of decoder produces the type. */
    public enum Kind { LAYER, PACKET, STREAM, ABSTRACT }

    private static final Map<Type, RecordType> BY_TYPE = new HashMap<>();
    private static final Map<String, RecordType> BY_NAME = new HashMap<>();

    static {
        for (RecordType t : values()) {
            BY_TYPE.put(t.type, t);
            BY_NAME.put(t.fileName.toLowerCase(Locale.ROOT), t);
            BY_NAME.put(t.name().toLowerCase(Locale.ROOT), t);
        }
    }

    private final Type type;
    private final String fileName;
    private final Kind kind;
    private final Message prototype;

    RecordType(Type type, String fileName, Kind kind, Message prototype) {
        this.type = type;
        this.fileName = fileName;
        this.kind = kind;
        this.prototype = prototype;
    }

    public Type type() { return type; }

    /** Base name of the record file, e.g. {@code VRRP} for {@code NC_VRRPv2}. */
    public String fileName() { return fileName; }

    public Kind kind() { return kind; }

    /** The default instance of the message; {@code getParserForType()} parses records of this type. */
    public Message prototype() { return prototype; }

    public Descriptor descriptor() { return prototype.getDescriptorForType(); }

    public static Optional<RecordType> of(Type type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }

    /** Looks a type up by its name or file base name, case-insensitively ({@code tcp}, {@code VRRP}, {@code VRRPv2}). */
    public static Optional<RecordType> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name.toLowerCase(Locale.ROOT)));
    }
}
