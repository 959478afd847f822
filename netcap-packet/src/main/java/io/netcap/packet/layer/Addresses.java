package io.netcap.packet.layer;

import java.nio.charset.StandardCharsets;

/**
 * The one text form of link and network addresses, as the original renders them through Go's
 * {@code net.IP.String()} and {@code net.HardwareAddr.String()}: dotted IPv4; IPv6 per RFC 5952 (the
 * longest, first, run of two or more zero groups becomes {@code ::}), except that an IPv4-mapped address
 * {@code ::ffff:a.b.c.d} prints dotted as {@code a.b.c.d} (Go's {@code To4()} succeeds for it); {@code <nil>}
 * for an empty address and {@code ?} plus hex for any other length; lower-case colon-separated MACs.
 *
 * <p>Two forms: {@code String} results for single fields, and writers of ASCII into a caller's array for
 * records written in wire format, which need the bytes and never the string (C1 does no escape analysis,
 * so every temporary string is a real allocation). The string forms are the writers' output.
 */
public final class Addresses {
    /** Go's {@code net.IP(nil).String()}: the text of an absent address. */
    public static final String NIL = "<nil>";
    /** The longest text {@link #ip(byte[], int, int, byte[], int)} writes for 4 or 16 bytes. */
    public static final int MAX_IP_TEXT = 39;

    private static final byte[] NIL_BYTES = NIL.getBytes(StandardCharsets.US_ASCII);
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Addresses() {}

    // ---------------------------------------------------------------- strings

    /** Hardware address of {@code len} bytes, colon-separated lower-case hex; empty for length 0. */
    public static String mac(byte[] b, int off, int len) {
        if (len <= 0) {
            return "";
        }
        byte[] t = new byte[len * 3];
        return ascii(t, macText(b, off, len, t, 0));
    }

    public static String mac(byte[] b, int off) {
        return mac(b, off, 6);
    }

    public static String ipv4(byte[] b, int off) {
        byte[] t = new byte[15];
        return ascii(t, ipv4(b, off, t, 0));
    }

    /** An IPv4 address held in the low 32 bits of {@code v}. */
    public static String ipv4(long v) {
        return ((v >>> 24) & 0xff) + "." + ((v >>> 16) & 0xff) + "." + ((v >>> 8) & 0xff) + "." + (v & 0xff);
    }

    public static String ipv6(byte[] b, int off) {
        byte[] t = new byte[MAX_IP_TEXT];
        return ascii(t, ipv6(b, off, t, 0));
    }

    /** An address of any length by Go's rules: 4 or 16 bytes as above, 0 {@code <nil>}, else {@code ?hex}. */
    public static String ip(byte[] b, int off, int len) {
        byte[] t = new byte[Math.max(MAX_IP_TEXT, 1 + 2 * len)];
        return ascii(t, ip(b, off, len, t, 0));
    }

    /** Lower-case hex of {@code len} bytes, no separators. */
    public static String hex(byte[] b, int off, int len) {
        byte[] t = new byte[2 * Math.max(0, len)];
        return ascii(t, hex(b, off, len, t, 0));
    }

    private static String ascii(byte[] t, int end) {
        return new String(t, 0, end, StandardCharsets.US_ASCII);
    }

    // ---------------------------------------------------------------- writers: text at dst[pos], returning its end

    /** {@link #mac(byte[], int)}'s text of {@code b[off .. off+6)}. */
    public static int mac(byte[] b, int off, byte[] dst, int pos) {
        return macText(b, off, 6, dst, pos);
    }

    private static int macText(byte[] b, int off, int len, byte[] dst, int pos) {
        for (int i = 0; i < len; i++) {
            if (i > 0) {
                dst[pos++] = ':';
            }
            int v = b[off + i] & 0xff;
            dst[pos++] = (byte) HEX[v >>> 4];
            dst[pos++] = (byte) HEX[v & 0xf];
        }
        return pos;
    }

    /** {@link #ip(byte[], int, int)}'s text: at most {@link #MAX_IP_TEXT} bytes for 4 or 16, {@code 1 + 2 len} else. */
    public static int ip(byte[] b, int off, int len, byte[] dst, int pos) {
        return switch (len) {
            case 4 -> ipv4(b, off, dst, pos);
            case 16 -> ipv6(b, off, dst, pos);
            case 0 -> {
                System.arraycopy(NIL_BYTES, 0, dst, pos, NIL_BYTES.length);
                yield pos + NIL_BYTES.length;
            }
            default -> {
                dst[pos] = '?';
                yield hex(b, off, len, dst, pos + 1);
            }
        };
    }

    private static int ipv4(byte[] b, int off, byte[] dst, int pos) {
        for (int i = 0; i < 4; i++) {
            if (i > 0) {
                dst[pos++] = '.';
            }
            pos = decimal(b[off + i] & 0xff, dst, pos);
        }
        return pos;
    }

    private static int ipv6(byte[] b, int off, byte[] dst, int pos) {
        if (ipv4Mapped(b, off)) {
            return ipv4(b, off + 12, dst, pos);
        }
        // The longest run of at least two zero groups, the first of equal runs, becomes "::" (RFC 5952 4.2).
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
        int start = pos;
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                dst[pos++] = ':';
                dst[pos++] = ':';
                i += bestLen - 1;
                continue;
            }
            if (pos > start && dst[pos - 1] != ':') {
                dst[pos++] = ':';
            }
            pos = hexGroup(group(b, off, i), dst, pos);
        }
        return pos;
    }

    /** {@code ::ffff:a.b.c.d} (RFC 4291 2.5.5.2). */
    private static boolean ipv4Mapped(byte[] b, int off) {
        for (int i = 0; i < 10; i++) {
            if (b[off + i] != 0) {
                return false;
            }
        }
        return b[off + 10] == (byte) 0xff && b[off + 11] == (byte) 0xff;
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

    private static int hex(byte[] b, int off, int len, byte[] dst, int pos) {
        for (int i = 0; i < len; i++) {
            int v = b[off + i] & 0xff;
            dst[pos++] = (byte) HEX[v >>> 4];
            dst[pos++] = (byte) HEX[v & 0xf];
        }
        return pos;
    }

    /** Decimal digits of a non-negative int. */
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
