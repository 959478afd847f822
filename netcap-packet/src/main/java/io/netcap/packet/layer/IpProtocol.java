package io.netcap.packet.layer;

/**
 * IP protocol numbers / IPv6 next-header values (IANA "Assigned Internet Protocol Numbers"), named after
 * IANA's keywords. Which layer each one leads to is in {@link LayerRoutes}.
 */
public final class IpProtocol {
    private IpProtocol() {}

    /** IPv6 hop-by-hop options. */
    public static final int HOPOPT = 0;
    public static final int ICMP = 1;
    public static final int IGMP = 2;
    /** IPv4 encapsulation (IP-in-IP). */
    public static final int IPV4 = 4;
    public static final int TCP = 6;
    public static final int UDP = 17;
    /** IPv6 encapsulation. */
    public static final int IPV6 = 41;
    public static final int IPV6_ROUTE = 43;
    public static final int IPV6_FRAG = 44;
    public static final int GRE = 47;
    public static final int ESP = 50;
    public static final int AH = 51;
    /** ICMP for IPv6 (IANA keyword IPv6-ICMP). */
    public static final int IPV6_ICMP = 58;
    /** No next header. */
    public static final int IPV6_NONXT = 59;
    public static final int IPV6_OPTS = 60;
    /** OSPF (IANA keyword OSPFIGP). */
    public static final int OSPF = 89;
    public static final int VRRP = 112;
    public static final int SCTP = 132;
    public static final int MPLS_IN_IP = 137;
}
