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
        long sum = words(src, 0, addressLength) + words(dst, 0, addressLength)
                + (len >>> 16) + (len & 0xFFFF) + PROTOCOL_TCP + words(b, off, len);
        return fold(sum) == 0xFFFF;
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
