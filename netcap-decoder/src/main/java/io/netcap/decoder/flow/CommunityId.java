package io.netcap.decoder.flow;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * Community ID v1 flow hash, the identifier Zeek and Suricata attach to connections
 * (corelight community-id-spec): {@code "1:" + base64(SHA-1(seed ‖ saddr ‖ daddr ‖ proto ‖ 0 ‖ sport ‖ dport))}
 * over the endpoint tuple ordered so that both directions give the same string.
 *
 * <p>Ports are present only for TCP, UDP, SCTP, ICMP and ICMPv6. For ICMP the source "port" is the
 * message type and the destination "port" is the type of the matching reply (echo 8 ↔ 0, ...); messages
 * without a counterpart are one-way flows, hashed with the code as destination port and not reordered.
 */
public final class CommunityId {
    public static final int PROTO_ICMP = 1;
    public static final int PROTO_TCP = 6;
    public static final int PROTO_UDP = 17;
    public static final int PROTO_ICMPV6 = 58;
    public static final int PROTO_SCTP = 132;

    private static final String PREFIX = "1:";

    private CommunityId() {}

    /**
     * The Community ID of one packet's tuple.
     *
     * @param src   source address (4 or 16 bytes)
     * @param dst   destination address (same length as src)
     * @param sport source port, or for ICMP/ICMPv6 the message type
     * @param dport destination port, or for ICMP/ICMPv6 the message code
     */
    public static String v1(int seed, byte[] src, byte[] dst, int proto, int sport, int dport) {
        boolean oneWay = false;
        if (proto == PROTO_ICMP || proto == PROTO_ICMPV6) {
            int type = sport;
            int counterpart = proto == PROTO_ICMP ? icmp4Counterpart(type) : icmp6Counterpart(type);
            if (counterpart < 0) {
                oneWay = true;
                dport = dport & 0xff;
            } else {
                dport = counterpart;
            }
            sport = type;
        }
        boolean hasPorts = proto == PROTO_TCP || proto == PROTO_UDP || proto == PROTO_SCTP
                || proto == PROTO_ICMP || proto == PROTO_ICMPV6;
        int order = Arrays.compareUnsigned(src, dst);
        boolean keep = oneWay || order < 0 || (order == 0 && (!hasPorts || sport <= dport));
        byte[] a = keep ? src : dst;
        byte[] b = keep ? dst : src;
        int pa = keep ? sport : dport;
        int pb = keep ? dport : sport;

        MessageDigest sha1 = sha1();
        sha1.update((byte) (seed >>> 8));
        sha1.update((byte) seed);
        sha1.update(a);
        sha1.update(b);
        sha1.update((byte) proto);
        sha1.update((byte) 0); // padding byte of the spec
        if (hasPorts) {
            sha1.update(new byte[] {(byte) (pa >>> 8), (byte) pa, (byte) (pb >>> 8), (byte) pb});
        }
        return PREFIX + Base64.getEncoder().encodeToString(sha1.digest());
    }

    /** ICMPv4 request/reply pairs of the spec (RFC 792, 950, 1256); -1 when the type has no counterpart. */
    static int icmp4Counterpart(int type) {
        return switch (type) {
            case 8 -> 0;     // echo -> echo reply
            case 0 -> 8;
            case 13 -> 14;   // timestamp
            case 14 -> 13;
            case 15 -> 16;   // information
            case 16 -> 15;
            case 10 -> 9;    // router solicitation -> advertisement
            case 9 -> 10;
            case 17 -> 18;   // address mask
            case 18 -> 17;
            default -> -1;
        };
    }

    /** ICMPv6 pairs of the spec (RFC 4443, 4861, 2710, 4620); -1 when the type has no counterpart. */
    static int icmp6Counterpart(int type) {
        return switch (type) {
            case 128 -> 129; // echo
            case 129 -> 128;
            case 133 -> 134; // router solicitation / advertisement
            case 134 -> 133;
            case 135 -> 136; // neighbor solicitation / advertisement
            case 136 -> 135;
            case 130 -> 131; // multicast listener query / report
            case 131 -> 130;
            case 139 -> 140; // node information query / response
            case 140 -> 139;
            case 144 -> 145; // home agent address discovery
            case 145 -> 144;
            default -> -1;
        };
    }

    /** Looking a digest up costs more than hashing a tuple; one instance per thread. */
    private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every Java platform", e);
        }
    });

    private static MessageDigest sha1() {
        MessageDigest d = SHA1.get();
        d.reset();
        return d;
    }
}
