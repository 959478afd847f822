package io.netcap.decoder.tls;

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

    /** JA4 of the given lists (the decoders compute it in {@link Fingerprints#ja4} from their own lists). */
    public static Ja4 of(int helloVersion, List<Integer> ciphers, List<Integer> extensions,
                         List<Integer> supportedVersions, boolean hasSni, byte[] firstAlpn,
                         List<Integer> signatureAlgs) {
        Fingerprints f = Fingerprints.get();
        ciphers.forEach(f.ciphers::add);
        extensions.forEach(f.extensions::add);
        supportedVersions.forEach(f.versions::add);
        signatureAlgs.forEach(f.sigAlgs::add);
        f.ja4(helloVersion, hasSni, firstAlpn, 0, firstAlpn == null ? 0 : firstAlpn.length);
        return new Ja4(f.string(f.ja4From, f.ja4To), f.string(f.rawFrom, f.rawTo));
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

    /** The ALPN part of JA4 for one ALPN value. */
    static String alpn(byte[] v) {
        return of(0, List.of(), List.of(), List.of(), false, v, List.of()).ja4().substring(8, 10);
    }

    /** First 12 hex digits of SHA-256 over the string's bytes (ASCII here). */
    static String sha256_12(String s) {
        Fingerprints f = Fingerprints.get();
        for (int i = 0; i < s.length(); i++) f.ch(s.charAt(i));
        int to = f.len;
        f.sha256Hex(0, to, 12);
        return f.string(to, f.len);
    }
}
