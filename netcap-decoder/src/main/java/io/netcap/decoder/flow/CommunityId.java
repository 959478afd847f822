package io.netcap.decoder.flow;

import io.netcap.decoder.Digests;
import io.netcap.packet.layer.IpProtocol;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.util.Arrays;

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
        byte[] out = new byte[TEXT_LENGTH];
        int n = v1(sha1(), new byte[SCRATCH_LENGTH], seed, src, 0, dst, 0, src.length, proto, sport, dport, out, 0);
        return new String(out, 0, n, StandardCharsets.ISO_8859_1);
    }

    /**
     * Writes the Community ID ({@link #TEXT_LENGTH} ASCII bytes) of a tuple whose addresses are
     * {@code src[srcOff .. +len)} and {@code dst[dstOff .. +len)} at {@code out[pos]}; returns the end.
     * Allocation-free: the digest and {@code scratch} (at least {@link #SCRATCH_LENGTH} bytes) are the caller's.
     */
    static int v1(MessageDigest sha1, byte[] scratch, int seed, byte[] src, int srcOff, byte[] dst, int dstOff, int len,
                  int proto, int sport, int dport, byte[] out, int pos) {
        boolean oneWay = false;
        if (proto == IpProtocol.ICMP || proto == IpProtocol.IPV6_ICMP) {
            int type = sport;
            int counterpart = proto == IpProtocol.ICMP ? icmp4Counterpart(type) : icmp6Counterpart(type);
            if (counterpart < 0) {
                oneWay = true;
                dport = dport & 0xff;
            } else {
                dport = counterpart;
            }
            sport = type;
        }
        boolean hasPorts = proto == IpProtocol.TCP || proto == IpProtocol.UDP || proto == IpProtocol.SCTP
                || proto == IpProtocol.ICMP || proto == IpProtocol.IPV6_ICMP;
        int order = Arrays.compareUnsigned(src, srcOff, srcOff + len, dst, dstOff, dstOff + len);
        boolean keep = oneWay || order < 0 || (order == 0 && (!hasPorts || sport <= dport));
        int pa = keep ? sport : dport;
        int pb = keep ? dport : sport;

        // the hashed tuple laid out in scratch and digested in one update: each update is several calls deep
        int n = 0;
        scratch[n++] = (byte) (seed >>> 8);
        scratch[n++] = (byte) seed;
        System.arraycopy(keep ? src : dst, keep ? srcOff : dstOff, scratch, n, len);
        n += len;
        System.arraycopy(keep ? dst : src, keep ? dstOff : srcOff, scratch, n, len);
        n += len;
        scratch[n++] = (byte) proto;
        scratch[n++] = 0; // padding byte of the spec
        if (hasPorts) {
            scratch[n++] = (byte) (pa >>> 8);
            scratch[n++] = (byte) pa;
            scratch[n++] = (byte) (pb >>> 8);
            scratch[n++] = (byte) pb;
        }
        sha1.update(scratch, 0, n); // no reset: digest() leaves the digest reset
        try {
            sha1.digest(scratch, 0, DIGEST_LENGTH);
        } catch (DigestException e) {
            throw new IllegalStateException("a SHA-1 digest fits 20 bytes", e);
        }
        out[pos++] = '1';
        out[pos++] = ':';
        return pos + BASE64.encode(scratch, 0, DIGEST_LENGTH, out, pos);
    }

    /** "1:" and the padded base64 of a 20-byte SHA-1 digest. */
    static final int TEXT_LENGTH = 2 + 28;
    static final int DIGEST_LENGTH = 20;
    /** Room for the hashed tuple of two IPv6 addresses and for the digest. */
    static final int SCRATCH_LENGTH = 2 + 16 + 16 + 2 + 4;

    /** Standard base64 with padding (RFC 4648 section 4), written into a caller's array. */
    private static final class BASE64 {
        private static final byte[] ALPHABET =
                "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".getBytes(StandardCharsets.US_ASCII);

        static int encode(byte[] src, int off, int len, byte[] dst, int pos) {
            int start = pos;
            int end = off + len;
            int i = off;
            for (; end - i >= 3; i += 3) {
                int v = (src[i] & 0xff) << 16 | (src[i + 1] & 0xff) << 8 | (src[i + 2] & 0xff);
                dst[pos++] = ALPHABET[v >>> 18];
                dst[pos++] = ALPHABET[(v >>> 12) & 0x3f];
                dst[pos++] = ALPHABET[(v >>> 6) & 0x3f];
                dst[pos++] = ALPHABET[v & 0x3f];
            }
            int rest = end - i;
            if (rest > 0) {
                int v = (src[i] & 0xff) << 16 | (rest == 2 ? (src[i + 1] & 0xff) << 8 : 0);
                dst[pos++] = ALPHABET[v >>> 18];
                dst[pos++] = ALPHABET[(v >>> 12) & 0x3f];
                dst[pos++] = rest == 2 ? ALPHABET[(v >>> 6) & 0x3f] : (byte) '=';
                dst[pos++] = '=';
            }
            return pos - start;
        }
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

    private static final ThreadLocal<MessageDigest> SHA1 = Digests.perThread("SHA-1");

    private static MessageDigest sha1() {
        return SHA1.get();
    }
}
