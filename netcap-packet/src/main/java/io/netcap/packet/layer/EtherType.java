package io.netcap.packet.layer;

/**
 * EtherType values (IEEE 802 numbers, IEEE Registration Authority) that the layer parser follows, named
 * as in the IEEE/IANA registries. A type field below {@link EthernetView#MIN_ETHERTYPE} is an 802.3 length.
 * Which layer each one leads to is in {@link LayerRoutes}.
 */
public final class EtherType {
    private EtherType() {}

    public static final int IPV4 = 0x0800;
    public static final int ARP = 0x0806;
    /** Transparent Ethernet Bridging: an Ethernet frame inside GRE (RFC 1701) or Geneve. */
    public static final int TEB = 0x6558;
    /** Reverse ARP (RFC 903) has the ARP message format. */
    public static final int RARP = 0x8035;
    /** Customer VLAN tag (IEEE 802.1Q). */
    public static final int DOT1Q = 0x8100;
    public static final int IPV6 = 0x86DD;
    public static final int MPLS_UNICAST = 0x8847;
    public static final int MPLS_MULTICAST = 0x8848;
    /** PPP (RFC 7042), e.g. inside GRE. */
    public static final int PPP = 0x880B;
    /** 802.1X port access entity (EAP over LAN). */
    public static final int EAPOL = 0x888E;
    /** Service VLAN tag (IEEE 802.1ad, "Q-in-Q"). */
    public static final int QINQ = 0x88A8;
    /** ERSPAN type II as a GRE protocol type (type I uses it too, without the GRE sequence number). */
    public static final int ERSPAN_II = 0x88BE;
    public static final int LLDP = 0x88CC;
    /** Ethernet configuration test protocol ("loopback", Ethernet v2.0 specification). */
    public static final int CTP = 0x9000;
    /** The pre-standard service VLAN tag of some switches. */
    public static final int QINQ_OLD = 0x9100;
    /** ERSPAN type III as a GRE protocol type. */
    public static final int ERSPAN_III = 0x22EB;
}
