package io.netcap.decoder.tls;

import java.util.List;

/**
 * JA3 and JA3S as Salesforce's reference defines them: decimal values joined with {@code -}, fields
 * with {@code ,}; GREASE values removed from ciphers, extensions and groups (not from point formats).
 * The decoders build the strings and their MD5 in {@link Fingerprints}; this class gives the strings of
 * decoded records.
 *
 * <p>Deviation from the original tool, on purpose: when the last element of a list is GREASE the
 * original leaves a trailing {@code -} behind (e.g. {@code 4865-4866-}); here the element is simply
 * dropped, so hashes match JA3 databases, Wireshark and Zeek.
 */
public final class Ja3 {
    private Ja3() {}

    public static String clientString(int version, List<Integer> ciphers, List<Integer> extensions,
                                      List<Integer> groups, List<Integer> points) {
        Fingerprints f = Fingerprints.get();
        f.ja3ClientText(version, Fingerprints.Ints.of(ciphers), Fingerprints.Ints.of(extensions),
                Fingerprints.Ints.of(groups), Fingerprints.Ints.of(points));
        return f.string(0, f.len);
    }

    public static String serverString(int version, int cipher, List<Integer> extensions) {
        Fingerprints f = Fingerprints.get();
        f.ja3ServerText(version, cipher, Fingerprints.Ints.of(extensions));
        return f.string(0, f.len);
    }

    /** Lower-case hex MD5 of the string's bytes (ASCII here). */
    public static String md5(String s) {
        Fingerprints f = Fingerprints.get();
        for (int i = 0; i < s.length(); i++) f.ch(s.charAt(i));
        return f.md5Hex(0).toStringUtf8();
    }
}
