package io.netcap.decoder.tls;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * JA4 TLS client fingerprint as published by FoxIO (JA4 technical details):
 * {@code <proto><version><sni><#ciphers><#extensions><alpn>_<cipher hash>_<extension hash>}.
 *
 * <ul>
 *   <li>proto: {@code t} (TLS over TCP; QUIC {@code q} and DTLS {@code d} are not decoded here);</li>
 *   <li>version: the highest non-GREASE value of supported_versions (43) if present, else the hello's
 *       protocol version: 0x0304 {@code 13}, 0x0303 {@code 12}, 0x0302 {@code 11}, 0x0301 {@code 10},
 *       0x0300 {@code s3}, 0x0002 {@code s2}, 0xfeff {@code d1}, 0xfefd {@code d2}, 0xfefc {@code d3},
 *       anything else {@code 00};</li>
 *   <li>sni: {@code d} when the server_name extension is present, else {@code i};</li>
 *   <li>counts: ciphers and extensions without GREASE, two digits, capped at 99;</li>
 *   <li>alpn: first and last character of the first ALPN value, {@code 00} without one; when either
 *       byte is not ASCII alphanumeric, the first and last hex digit of the value instead;</li>
 *   <li>cipher hash: first 12 hex digits of SHA-256 over the sorted 4-digit hex cipher list
 *       (comma-separated, GREASE removed), {@code 000000000000} when empty;</li>
 *   <li>extension hash: the same over the sorted extension list without GREASE, SNI (0000) and ALPN
 *       (0010), followed by {@code _} and the signature algorithms in wire order (no {@code _} when
 *       there are none); {@code 000000000000} when the extension list is empty.</li>
 * </ul>
 *
 * @param ja4  the fingerprint
 * @param raw  JA4_r: the same with the sorted lists instead of their hashes
 */
public record Ja4(String ja4, String raw) {
    public static final String EMPTY_HASH = "000000000000";

    public static Ja4 of(int helloVersion, List<Integer> ciphers, List<Integer> extensions,
                         List<Integer> supportedVersions, boolean hasSni, byte[] firstAlpn,
                         List<Integer> signatureAlgs) {
        int version = helloVersion;
        boolean sawSupported = false;
        int best = 0;
        for (int v : supportedVersions) {
            if (Grease.is(v)) continue;
            sawSupported = true;
            best = Math.max(best, v);
        }
        if (sawSupported) version = best;
        List<Integer> cs = ciphers.stream().filter(v -> !Grease.is(v)).sorted().toList();
        List<Integer> ex = extensions.stream().filter(v -> !Grease.is(v)).toList();
        List<Integer> exSorted = ex.stream().filter(v -> v != 0x0000 && v != 0x0010).sorted().toList();
        List<Integer> sig = signatureAlgs.stream().filter(v -> !Grease.is(v)).toList();
        String a = "t" + versionCode(version) + (hasSni ? 'd' : 'i') + two(cs.size()) + two(ex.size()) + alpn(firstAlpn);
        String cipherList = hexList(cs);
        String extList = hexList(exSorted) + (sig.isEmpty() ? "" : "_" + hexList(sig));
        String b = cs.isEmpty() ? EMPTY_HASH : sha256_12(cipherList);
        String c = exSorted.isEmpty() ? EMPTY_HASH : sha256_12(extList);
        return new Ja4(a + "_" + b + "_" + c, a + "_" + cipherList + "_" + extList);
    }

    static String versionCode(int v) {
        return switch (v) {
            case 0x0304 -> "13";
            case 0x0303 -> "12";
            case 0x0302 -> "11";
            case 0x0301 -> "10";
            case 0x0300 -> "s3";
            case 0x0002 -> "s2";
            case 0xfeff -> "d1";
            case 0xfefd -> "d2";
            case 0xfefc -> "d3";
            default -> "00";
        };
    }

    static String two(int n) {
        int c = Math.min(n, 99);
        return c < 10 ? "0" + c : Integer.toString(c);
    }

    static String alpn(byte[] v) {
        if (v == null || v.length == 0) return "00";
        int first = v[0] & 0xff, last = v[v.length - 1] & 0xff;
        if (alnum(first) && alnum(last)) return "" + (char) first + (char) last;
        String hex = Ja3.hex(v);
        return "" + hex.charAt(0) + hex.charAt(hex.length() - 1);
    }

    private static boolean alnum(int c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    static String hexList(List<Integer> values) {
        List<String> parts = new ArrayList<>(values.size());
        for (int v : values) parts.add(String.format("%04x", v));
        return String.join(",", parts);
    }

    static String sha256_12(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.US_ASCII));
            return Ja3.hex(d).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a mandatory JDK algorithm", e);
        }
    }
}
