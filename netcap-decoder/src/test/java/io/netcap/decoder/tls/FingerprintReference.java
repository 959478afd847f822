package io.netcap.decoder.tls;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/** The straightforward String forms of JA3 and JA4 (streams, String.format), the oracle for {@link Fingerprints}. */
final class FingerprintReference {
    private FingerprintReference() {}

    static String ja3Client(int version, List<Integer> ciphers, List<Integer> extensions, List<Integer> groups,
                            List<Integer> points) {
        return String.join(",", Integer.toString(version), join(ciphers, true), join(extensions, true),
                join(groups, true), join(points, false));
    }

    static String ja3Server(int version, int cipher, List<Integer> extensions) {
        return version + "," + cipher + "," + join(extensions, true);
    }

    private static String join(List<Integer> values, boolean dropGrease) {
        List<String> parts = new ArrayList<>();
        for (int v : values) {
            if (!dropGrease || !Grease.is(v)) parts.add(Integer.toString(v));
        }
        return String.join("-", parts);
    }

    static String md5(String s) throws Exception {
        return hex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.US_ASCII)));
    }

    static String hex(byte[] d) {
        StringBuilder sb = new StringBuilder();
        for (byte x : d) sb.append(String.format("%02x", x));
        return sb.toString();
    }

    static String[] ja4(int helloVersion, List<Integer> ciphers, List<Integer> extensions,
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
        String b = cs.isEmpty() ? "000000000000" : sha256_12(cipherList);
        String c = exSorted.isEmpty() ? "000000000000" : sha256_12(extList);
        return new String[] {a + "_" + b + "_" + c, a + "_" + cipherList + "_" + extList};
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
        String hex = hex(v);
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
            return hex(d).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a mandatory JDK algorithm", e);
        }
    }
}
