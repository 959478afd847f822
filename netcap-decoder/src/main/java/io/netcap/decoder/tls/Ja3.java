package io.netcap.decoder.tls;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * JA3 and JA3S as Salesforce's reference defines them: decimal values joined with {@code -}, fields
 * with {@code ,}; GREASE values removed from ciphers, extensions and groups (not from point formats).
 *
 * <p>Deviation from the original tool, on purpose: when the last element of a list is GREASE the
 * original leaves a trailing {@code -} behind (e.g. {@code 4865-4866-}); here the element is simply
 * dropped, so hashes match JA3 databases, Wireshark and Zeek.
 */
public final class Ja3 {
    private Ja3() {}

    public static String clientString(int version, List<Integer> ciphers, List<Integer> extensions,
                                      List<Integer> groups, List<Integer> points) {
        StringBuilder sb = new StringBuilder(256);
        sb.append(version).append(',');
        join(sb, ciphers, true).append(',');
        join(sb, extensions, true).append(',');
        join(sb, groups, true).append(',');
        join(sb, points, false);
        return sb.toString();
    }

    public static String serverString(int version, int cipher, List<Integer> extensions) {
        StringBuilder sb = new StringBuilder(64);
        sb.append(version).append(',').append(cipher).append(',');
        return join(sb, extensions, true).toString();
    }

    static StringBuilder join(StringBuilder sb, List<Integer> values, boolean dropGrease) {
        boolean first = true;
        for (int v : values) {
            if (dropGrease && Grease.is(v)) continue;
            if (!first) sb.append('-');
            sb.append(v);
            first = false;
        }
        return sb;
    }

    /** Lower-case hex MD5 of the string's UTF-8 bytes (ASCII here). */
    public static String md5(String s) {
        try {
            return hex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is a mandatory JDK algorithm", e);
        }
    }

    static String hex(byte[] d) {
        StringBuilder sb = new StringBuilder(d.length * 2);
        for (byte x : d) sb.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
        return sb.toString();
    }
}
