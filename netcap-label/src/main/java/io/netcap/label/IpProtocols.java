package io.netcap.label;

import java.util.Locale;
import java.util.Map;

/**
 * IP protocol names as the alert files and the records write them. Suricata writes the name from its
 * protocol table ({@code TCP}, {@code IPv6-ICMP}) or, for protocols it has no name for, the number (fast.log
 * writers also print {@code {6}} or {@code {PROTO:006}}); Connection records use the decoder's layer name
 * ({@code ICMPv4}). All of them map to one canonical upper-case name.
 */
public final class IpProtocols {
    /** IANA protocol numbers of the names that can meet in a comparison. */
    private static final Map<Integer, String> BY_NUMBER = Map.ofEntries(
            Map.entry(1, "ICMP"), Map.entry(2, "IGMP"), Map.entry(4, "IPIP"), Map.entry(6, "TCP"),
            Map.entry(17, "UDP"), Map.entry(41, "IPV6"), Map.entry(47, "GRE"), Map.entry(50, "ESP"),
            Map.entry(51, "AH"), Map.entry(58, "IPV6-ICMP"), Map.entry(89, "OSPF"), Map.entry(112, "VRRP"),
            Map.entry(132, "SCTP"), Map.entry(136, "UDPLITE"));

    /** The decoders' layer names for the same protocols. */
    private static final Map<String, String> ALIASES = Map.of(
            "ICMPV4", "ICMP", "ICMPV6", "IPV6-ICMP", "IPSECESP", "ESP", "IPSECAH", "AH", "OSPFV2", "OSPF",
            "OSPFV3", "OSPF", "UDP-LITE", "UDPLITE");

    private IpProtocols() {}

    /** The canonical name of a protocol name or number; empty for blank input. */
    public static String canonical(String text) {
        String t = text.strip().toUpperCase(Locale.ROOT);
        if (t.startsWith("PROTO:")) {
            t = t.substring("PROTO:".length());
        }
        if (!t.isEmpty() && t.length() <= 3 && t.chars().allMatch(c -> c >= '0' && c <= '9')) {
            int n = Integer.parseInt(t);
            return BY_NUMBER.getOrDefault(n, Integer.toString(n));
        }
        return ALIASES.getOrDefault(t, t);
    }

    /** Whether the protocol carries ports that the alert line writes after the address. */
    public static boolean hasPorts(String canonical) {
        return switch (canonical) {
            case "TCP", "UDP", "SCTP", "UDPLITE" -> true;
            default -> false;
        };
    }
}
