package io.netcap.packet.layer;

/**
 * Text forms of addresses as the original renders them (Go's {@code net.IP.String()} and
 * {@code net.HardwareAddr.String()}): dotted IPv4, RFC 5952 IPv6 with IPv4-mapped addresses as
 * {@code ::ffff:a.b.c.d}, lower-case colon-separated MACs.
 */
public final class Addresses {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Addresses() {}

    /** MAC (or any hardware address) of {@code len} bytes; empty string for length 0. */
    public static String mac(byte[] b, int off, int len) {
        if (len <= 0) {
            return "";
        }
        char[] out = new char[len * 3 - 1];
        int p = 0;
        for (int i = 0; i < len; i++) {
            if (i > 0) {
                out[p++] = ':';
            }
            int v = b[off + i] & 0xFF;
            out[p++] = HEX[v >>> 4];
            out[p++] = HEX[v & 0xF];
        }
        return new String(out);
    }

    public static String mac(byte[] b, int off) {
        return mac(b, off, 6);
    }

    public static String ipv4(byte[] b, int off) {
        StringBuilder sb = new StringBuilder(15);
        for (int i = 0; i < 4; i++) {
            if (i > 0) {
                sb.append('.');
            }
            sb.append(b[off + i] & 0xFF);
        }
        return sb.toString();
    }

    /** IPv6 text per RFC 5952 (longest run of two or more zero groups compressed, first on ties). */
    public static String ipv6(byte[] b, int off) {
        // IPv4-mapped ::ffff:a.b.c.d is printed dotted, as Go does.
        boolean mapped = true;
        for (int i = 0; i < 10 && mapped; i++) {
            mapped = b[off + i] == 0;
        }
        if (mapped && b[off + 10] == (byte) 0xFF && b[off + 11] == (byte) 0xFF) {
            return ipv4(b, off + 12);
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (Bytes.u16(b, off + 2 * i) == 0) {
                int j = i;
                while (j < 8 && Bytes.u16(b, off + 2 * j) == 0) {
                    j++;
                }
                if (j - i > bestLen && j - i >= 2) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(Bytes.u16(b, off + 2 * i)));
        }
        return sb.toString();
    }

    /**
     * Go's {@code net.IP(bytes).String()} for an address of any length: 4 or 16 bytes give the usual
     * forms, 0 bytes {@code <nil>}, anything else {@code ?} followed by the hex bytes.
     */
    public static String ip(byte[] b, int off, int len) {
        return switch (len) {
            case 4 -> ipv4(b, off);
            case 16 -> ipv6(b, off);
            case 0 -> "<nil>";
            default -> {
                StringBuilder sb = new StringBuilder(1 + 2 * len).append('?');
                for (int i = 0; i < len; i++) {
                    int v = b[off + i] & 0xFF;
                    sb.append(HEX[v >>> 4]).append(HEX[v & 0xF]);
                }
                yield sb.toString();
            }
        };
    }
}
