package io.netcap.decoder.stream;

/**
 * The TCP checksum (RFC 9293 section 3.1): the 16-bit ones' complement of the ones' complement sum over a pseudo
 * header and the whole segment, header with its checksum field included, so a correct segment sums to 0xFFFF.
 * The pseudo header of IPv4 is source, destination, zero, protocol 6 and the TCP length (RFC 9293 section
 * 3.1); that of IPv6 is source, destination, the 32-bit upper-layer length, three zero bytes and next header 6
 * (RFC 8200 section 8.1). Both add up to the same words, so one sum serves both.
 *
 * <p>Used by {@code -checksum} (docs/streams.md, "Segment checks"). A capture taken on a host that offloads
 * checksums to its network card holds its own outgoing segments with an empty or partial checksum: those fail.
 * UDP sums the same way with protocol 17 (RFC 768), and an IPv4 header is RFC 1071's sum of itself alone: both
 * are computed here too, for the packets {@code net util -mkpacket} builds and for reassembled IPv4 datagrams.
 */
public final class TcpChecksum {
    /** IANA protocol number of TCP, in the pseudo header. */
    private static final int PROTOCOL_TCP = 6;

    private TcpChecksum() {}

    /**
     * Whether the segment {@code b[off .. off+len)} (TCP header and payload) sent from {@code src} to {@code dst}
     * (each {@code addressLength} = 4 or 16 bytes) carries a correct checksum.
     */
    public static boolean valid(byte[] src, byte[] dst, int addressLength, byte[] b, int off, int len) {
        return fold(pseudo(src, dst, addressLength, PROTOCOL_TCP, len) + words(b, off, len)) == 0xFFFF;
    }

    /**
     * The value for the checksum field of a TCP or UDP header and payload {@code b[off .. off+len)} whose checksum
     * field holds zero, sent with {@code protocol} from {@code src} to {@code dst}. (UDP sends a computed 0 as
     * 0xFFFF, RFC 768: left to the caller.)
     */
    public static int compute(byte[] src, byte[] dst, int addressLength, int protocol, byte[] b, int off, int len) {
        return ~fold(pseudo(src, dst, addressLength, protocol, len) + words(b, off, len)) & 0xFFFF;
    }

    /** RFC 1071's checksum of {@code b[off .. off+len)} alone, as an IPv4 header carries it (field zero). */
    public static int compute(byte[] b, int off, int len) {
        return ~fold(words(b, off, len)) & 0xFFFF;
    }

    private static long pseudo(byte[] src, byte[] dst, int addressLength, int protocol, int len) {
        return words(src, 0, addressLength) + words(dst, 0, addressLength) + (len >>> 16) + (len & 0xFFFF) + protocol;
    }

    /** The sum of the big-endian 16-bit words of {@code b[off .. off+len)}; an odd last byte is padded with zero. */
    static long words(byte[] b, int off, int len) {
        long sum = 0;
        int end = off + len - 1;
        int i = off;
        for (; i < end; i += 2) {
            sum += ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
        }
        if (i == end) {
            sum += (b[i] & 0xFF) << 8;
        }
        return sum;
    }

    /** Adds the carries back in (end-around carry) until 16 bits remain. */
    static int fold(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) sum;
    }
}
