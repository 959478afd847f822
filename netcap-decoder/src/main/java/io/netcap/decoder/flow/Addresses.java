package io.netcap.decoder.flow;

/**
 * Text forms of link and network addresses as the original prints them (Go's net package). The
 * {@code String} forms serve single fields; the forms that write ASCII into a caller's array serve records
 * written in wire format, which need the bytes and never the string (C1 does no escape analysis, so every
 * temporary string is a real allocation).
 */
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

    /** Writes {@link #mac(byte[], int)}'s text of {@code b[off .. off+6)} at {@code dst[pos]}; returns the end. */
    public static int mac(byte[] b, int off, byte[] dst, int pos) {
        for (int i = 0; i < 6; i++) {
            int v = b[off + i] & 0xff;
            if (i > 0) {
                dst[pos++] = ':';
            }
            dst[pos++] = (byte) HEX[v >>> 4];
            dst[pos++] = (byte) HEX[v & 0xf];
        }
        return pos;
    }

    /**
     * Writes {@link #ip(byte[], int, int)}'s text at {@code dst[pos]} (at most 39 bytes); returns the end
     * ({@code pos} itself for a length other than 4 or 16, whose text is empty).
     */
    public static int ip(byte[] b, int off, int len, byte[] dst, int pos) {
        if (len == 4) {
            for (int i = 0; i < 4; i++) {
                if (i > 0) {
                    dst[pos++] = '.';
                }
                pos = decimal(b[off + i] & 0xff, dst, pos);
            }
            return pos;
        }
        if (len != 16) {
            return pos;
        }
        boolean mapped = true;
        for (int i = 0; i < 10; i++) {
            mapped &= b[off + i] == 0;
        }
        if (mapped && b[off + 10] == (byte) 0xff && b[off + 11] == (byte) 0xff) {
            return ip(b, off + 12, 4, dst, pos);
        }
        // The longest run of at least two zero groups (the first of equal runs) becomes "::" (RFC 5952 4.2).
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (group(b, off, i) != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && group(b, off, j) == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                dst[pos++] = ':';
                dst[pos++] = ':';
                i += bestLen - 1;
                continue;
            }
            if (i > 0 && dst[pos - 1] != ':') {
                dst[pos++] = ':';
            }
            pos = hexGroup(group(b, off, i), dst, pos);
        }
        return pos;
    }

    private static int group(byte[] b, int off, int i) {
        return ((b[off + 2 * i] & 0xff) << 8) | (b[off + 2 * i + 1] & 0xff);
    }

    /** A 16-bit group in lower-case hex without leading zeros. */
    private static int hexGroup(int g, byte[] dst, int pos) {
        int shift = 12;
        while (shift > 0 && (g >>> shift) == 0) {
            shift -= 4;
        }
        for (; shift >= 0; shift -= 4) {
            dst[pos++] = (byte) HEX[(g >>> shift) & 0xf];
        }
        return pos;
    }

    /** Decimal digits of a non-negative int at {@code dst[pos]}; returns the end. */
    public static int decimal(int v, byte[] dst, int pos) {
        int n = 1;
        for (int t = v; t >= 10; t /= 10) {
            n++;
        }
        int end = pos + n;
        for (int i = end - 1; i >= pos; i--) {
            dst[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        return end;
    }
}
