package io.netcap.decoder.tls;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;

/**
 * Per-thread working state of the hello decoders: the value lists of the hello being decoded, an ASCII
 * text buffer for the JA3/JA4 strings and the MD5 and SHA-256 digests. C1 does no escape analysis, so
 * boxed list values, a String per formatted number and a digest looked up per record would all really
 * be allocated; here a record costs only its output strings.
 */
final class Fingerprints {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final ThreadLocal<Fingerprints> CURRENT = ThreadLocal.withInitial(Fingerprints::new);

    /** A growable list of ints. */
    static final class Ints {
        int[] v = new int[32];
        int n;

        void clear() {
            n = 0;
        }

        void add(int x) {
            if (n == v.length) v = Arrays.copyOf(v, n * 2);
            v[n++] = x;
        }

        static Ints of(List<Integer> values) {
            Ints i = new Ints();
            for (int x : values) i.add(x);
            return i;
        }
    }

    final Ints ciphers = new Ints(), extensions = new Ints(), groups = new Ints(), points = new Ints(),
            sigAlgs = new Ints(), versions = new Ints();
    /** Scratch for sorted and filtered copies. */
    private final Ints work = new Ints();

    /** The text being built: {@code text[0 .. len)}. */
    byte[] text = new byte[1024];
    int len;

    private final MessageDigest md5 = digest("MD5");
    private final MessageDigest sha256 = digest("SHA-256");
    private final byte[] hash = new byte[32];

    static Fingerprints get() {
        Fingerprints f = CURRENT.get();
        f.ciphers.clear();
        f.extensions.clear();
        f.groups.clear();
        f.points.clear();
        f.sigAlgs.clear();
        f.versions.clear();
        f.len = 0;
        return f;
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is a mandatory JDK algorithm", e);
        }
    }

    private void room(int n) {
        if (len + n > text.length) text = Arrays.copyOf(text, Math.max(text.length * 2, len + n));
    }

    void ch(char c) {
        room(1);
        text[len++] = (byte) c;
    }

    /** Decimal text of a value (uint8 and uint16 values here). */
    void dec(int v) {
        if (v < 0) {
            String s = Integer.toString(v);
            for (int i = 0; i < s.length(); i++) ch(s.charAt(i));
            return;
        }
        room(10);
        int start = len;
        do {
            text[len++] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v > 0);
        for (int i = start, j = len - 1; i < j; i++, j--) {
            byte t = text[i];
            text[i] = text[j];
            text[j] = t;
        }
    }

    /** Four lower-case hex digits ({@code %04x} of a uint16). */
    void hex4(int v) {
        room(4);
        text[len++] = HEX[(v >> 12) & 0xf];
        text[len++] = HEX[(v >> 8) & 0xf];
        text[len++] = HEX[(v >> 4) & 0xf];
        text[len++] = HEX[v & 0xf];
    }

    /** Values in decimal joined with {@code -}, GREASE left out when asked (JA3). */
    void joinDec(Ints values, boolean dropGrease) {
        boolean first = true;
        for (int i = 0; i < values.n; i++) {
            int v = values.v[i];
            if (dropGrease && Grease.is(v)) continue;
            if (!first) ch('-');
            dec(v);
            first = false;
        }
    }

    /** Values as 4-digit hex joined with {@code ,}. */
    void joinHex(int[] v, int n) {
        for (int i = 0; i < n; i++) {
            if (i > 0) ch(',');
            hex4(v[i]);
        }
    }

    /** Lower-case hex MD5 of {@code text[from .. len)}. */
    ByteString md5Hex(int from) {
        md5.update(text, from, len - from);
        finish(md5, 16);
        return hexOf(16, 32);
    }

    /** The first {@code digits} hex digits of SHA-256 over {@code text[from .. to)}, appended to the text. */
    void sha256Hex(int from, int to, int digits) {
        sha256.update(text, from, to - from);
        finish(sha256, 32);
        room(digits);
        for (int i = 0; i < digits; i++) {
            int b = hash[i >> 1];
            text[len++] = HEX[(i & 1) == 0 ? (b >> 4) & 0xf : b & 0xf];
        }
    }

    private void finish(MessageDigest d, int n) {
        try {
            d.digest(hash, 0, n);
        } catch (DigestException e) {
            throw new IllegalStateException("digest buffer too small", e);
        }
    }

    private ByteString hexOf(int bytes, int digits) {
        byte[] out = new byte[digits];
        for (int i = 0; i < bytes; i++) {
            out[2 * i] = HEX[(hash[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[hash[i] & 0xf];
        }
        // the array is not touched again, so it can back the ByteString without a second copy
        return com.google.protobuf.UnsafeByteOperations.unsafeWrap(out);
    }

    ByteString bytes(int from, int to) {
        return ByteString.copyFrom(text, from, to - from);
    }

    String string(int from, int to) {
        return new String(text, from, to - from, StandardCharsets.ISO_8859_1);
    }

    /** JA3 of a ClientHello from the lists of this object; the string is left in {@code text[from .. len)}. */
    ByteString ja3Client(int version) {
        int from = len;
        ja3ClientText(version, ciphers, extensions, groups, points);
        return md5Hex(from);
    }

    void ja3ClientText(int version, Ints cs, Ints ex, Ints gs, Ints ps) {
        dec(version);
        ch(',');
        joinDec(cs, true);
        ch(',');
        joinDec(ex, true);
        ch(',');
        joinDec(gs, true);
        ch(',');
        joinDec(ps, false);
    }

    void ja3ServerText(int version, int cipher, Ints ex) {
        dec(version);
        ch(',');
        dec(cipher);
        ch(',');
        joinDec(ex, true);
    }

    /** Where {@link #ja4} left JA4_r ({@code text[rawFrom .. rawTo)}) and JA4 ({@code text[ja4From .. ja4To)}). */
    int rawFrom, rawTo, ja4From, ja4To;

    /** JA4 and JA4_r (see {@link Ja4}) from the lists of this object, appended to the text buffer. */
    void ja4(int helloVersion, boolean hasSni, byte[] alpn, int alpnOff, int alpnLen) {
        int version = helloVersion;
        boolean sawSupported = false;
        int best = 0;
        for (int i = 0; i < versions.n; i++) {
            int v = versions.v[i];
            if (Grease.is(v)) continue;
            sawSupported = true;
            best = Math.max(best, v);
        }
        if (sawSupported) version = best;
        int exCount = 0;
        for (int i = 0; i < extensions.n; i++) {
            if (!Grease.is(extensions.v[i])) exCount++;
        }
        // JA4_r: a _ sorted ciphers _ sorted extensions [_ signature algorithms]
        rawFrom = len;
        ch('t');
        String vc = Ja4.versionCode(version);
        ch(vc.charAt(0));
        ch(vc.charAt(1));
        ch(hasSni ? 'd' : 'i');
        int cipherCount = sortedWithout(ciphers, false);
        two(cipherCount);
        two(exCount);
        alpn(alpn, alpnOff, alpnLen);
        int aTo = len;
        ch('_');
        int csFrom = len;
        joinHex(work.v, cipherCount);
        int csTo = len;
        ch('_');
        int exFrom = len;
        int exSorted = sortedWithout(extensions, true);
        joinHex(work.v, exSorted);
        boolean anySig = false;
        for (int i = 0; i < sigAlgs.n; i++) {
            int v = sigAlgs.v[i];
            if (Grease.is(v)) continue;
            ch(anySig ? ',' : '_');
            hex4(v);
            anySig = true;
        }
        int exTo = len;
        rawTo = len;
        // JA4: a _ hash of the cipher list _ hash of the extension list
        ja4From = len;
        room(aTo - rawFrom);
        System.arraycopy(text, rawFrom, text, len, aTo - rawFrom);
        len += aTo - rawFrom;
        ch('_');
        if (cipherCount == 0) emptyHash();
        else sha256Hex(csFrom, csTo, 12);
        ch('_');
        if (exSorted == 0) emptyHash();
        else sha256Hex(exFrom, exTo, 12);
        ja4To = len;
    }

    private void emptyHash() {
        for (int i = 0; i < 12; i++) ch('0');
    }

    /** Non-GREASE values of {@code in} (also without SNI and ALPN when asked) sorted into {@code work}. */
    private int sortedWithout(Ints in, boolean sniAndAlpn) {
        work.clear();
        for (int i = 0; i < in.n; i++) {
            int v = in.v[i];
            if (Grease.is(v) || (sniAndAlpn && (v == 0x0000 || v == 0x0010))) continue;
            work.add(v);
        }
        Arrays.sort(work.v, 0, work.n);
        return work.n;
    }

    private void two(int n) {
        int c = Math.min(n, 99);
        ch((char) ('0' + c / 10));
        ch((char) ('0' + c % 10));
    }

    /** First and last character of the first ALPN value, or the first and last hex digit of its bytes. */
    private void alpn(byte[] v, int off, int n) {
        if (v == null || n == 0) {
            ch('0');
            ch('0');
            return;
        }
        int first = v[off] & 0xff, last = v[off + n - 1] & 0xff;
        if (alnum(first) && alnum(last)) {
            ch((char) first);
            ch((char) last);
        } else {
            ch((char) HEX[first >> 4]);
            ch((char) HEX[last & 0xf]);
        }
    }

    private static boolean alnum(int c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }
}
