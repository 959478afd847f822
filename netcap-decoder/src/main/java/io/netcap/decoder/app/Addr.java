package io.netcap.decoder.app;

/**
 * Address text forms used in records (spec file-format.md 6): IPv4 dotted decimal, IPv6 in RFC 5952
 * canonical form (the longest, first, run of two or more zero groups becomes {@code ::}), MAC as
 * colon-separated lower-case hex. {@code <nil>} is how the original renders an absent address.
 */
public final class Addr {
    /** The original's text for an absent IP address (Go's {@code net.IP(nil).String()}). */
    public static final String NIL = "<nil>";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Addr() {}

    public static String ipv4(byte[] b, int off) {
        return (b[off] & 0xff) + "." + (b[off + 1] & 0xff) + "." + (b[off + 2] & 0xff) + "." + (b[off + 3] & 0xff);
    }

    public static String ipv4(long v) {
        return ((v >>> 24) & 0xff) + "." + ((v >>> 16) & 0xff) + "." + ((v >>> 8) & 0xff) + "." + (v & 0xff);
    }

    public static String ipv6(byte[] b, int off) {
        int e0 = -1, e1 = -1;
        for (int i = 0; i < 16; i += 2) {
            int j = i;
            while (j < 16 && b[off + j] == 0 && b[off + j + 1] == 0) j += 2;
            if (j > i && j - i > e1 - e0) {
                e0 = i;
                e1 = j;
                i = j;
            }
        }
        if (e1 - e0 <= 2) {
            e0 = -1;
            e1 = -1;
        }
        boolean mapped = e0 == 0 && e1 == 10 && (b[off + 10] & 0xff) == 0xff && (b[off + 11] & 0xff) == 0xff;
        if (mapped) return "::ffff:" + ipv4(b, off + 12);
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 16; i += 2) {
            if (i == e0) {
                sb.append("::");
                i = e1;
                if (i >= 16) break;
            } else if (i > 0) {
                sb.append(':');
            }
            sb.append(Integer.toHexString(((b[off + i] & 0xff) << 8) | (b[off + i + 1] & 0xff)));
        }
        return sb.toString();
    }

    /** IPv4 or IPv6 text by length (4 or 16 bytes); {@link #NIL} for other lengths, as Go renders them. */
    public static String ip(byte[] b, int off, int len) {
        if (len == 4) return ipv4(b, off);
        if (len == 16) return ipv6(b, off);
        if (len == 0) return NIL;
        return "?" + hex(b, off, len);
    }

    /** Hardware address, colon-separated lower-case hex (any length; empty for none). */
    public static String mac(byte[] b, int off, int len) {
        StringBuilder sb = new StringBuilder(len * 3);
        for (int i = 0; i < len; i++) {
            if (i > 0) sb.append(':');
            sb.append(HEX[(b[off + i] >> 4) & 0xf]).append(HEX[b[off + i] & 0xf]);
        }
        return sb.toString();
    }

    public static String hex(byte[] b, int off, int len) {
        StringBuilder sb = new StringBuilder(len * 2);
        for (int i = 0; i < len; i++) sb.append(HEX[(b[off + i] >> 4) & 0xf]).append(HEX[b[off + i] & 0xf]);
        return sb.toString();
    }
}
