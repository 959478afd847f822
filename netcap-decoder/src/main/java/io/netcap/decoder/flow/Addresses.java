package io.netcap.decoder.flow;

/** Text forms of link and network addresses as the original prints them (Go's net package). */
public final class Addresses {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Addresses() {}

    /** {@code aa:bb:cc:dd:ee:ff}, lower case. */
    public static String mac(byte[] b, int off) {
        char[] c = new char[17];
        for (int i = 0; i < 6; i++) {
            int v = b[off + i] & 0xff;
            c[i * 3] = HEX[v >>> 4];
            c[i * 3 + 1] = HEX[v & 0xf];
            if (i < 5) {
                c[i * 3 + 2] = ':';
            }
        }
        return new String(c);
    }

    /** Dotted quad for 4 bytes, RFC 5952 canonical text for 16 bytes (longest zero run compressed). */
    public static String ip(byte[] b, int off, int len) {
        if (len == 4) {
            return (b[off] & 0xff) + "." + (b[off + 1] & 0xff) + "." + (b[off + 2] & 0xff) + "." + (b[off + 3] & 0xff);
        }
        if (len != 16) {
            return "";
        }
        // IPv4-mapped addresses print as dotted quads in Go.
        boolean mapped = true;
        for (int i = 0; i < 10; i++) {
            mapped &= b[off + i] == 0;
        }
        if (mapped && b[off + 10] == (byte) 0xff && b[off + 11] == (byte) 0xff) {
            return ip(b, off + 12, 4);
        }
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((b[off + 2 * i] & 0xff) << 8) | (b[off + 2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        if (bestLen < 2) {
            bestStart = -1; // RFC 5952 4.2.2: a single zero group is not compressed
        }
        StringBuilder s = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                s.append("::");
                i += bestLen - 1;
                continue;
            }
            if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
                s.append(':');
            }
            s.append(Integer.toHexString(g[i]));
        }
        return s.toString();
    }
}
