package io.netcap.decoder.tls;

import com.google.protobuf.ByteString;
import io.netcap.decoder.app.AppErrors;
import io.netcap.decoder.app.Malformed;
import io.netcap.decoder.app.ByteReader;
import io.netcap.types.TLSClientHello;

/**
 * A TCP segment payload that starts with a TLS handshake record carrying a ClientHello
 * (RFC 8446 4.1.2) to a {@link TLSClientHello} record with JA3 and JA4, per packet, no reassembly
 * (docs/original.md, "TLS hellos"). The caller sets SrcIP, DstIP, SrcMAC, DstMAC, SrcPort and DstPort.
 *
 * <p>Lengths are checked layer by layer: the handshake must lie inside the record and the segment,
 * the extensions inside the handshake, every extension's body inside the extension block. The
 * original instead runs its extension loop to the end of the TCP payload and validates the SNI list
 * length against a wrong value; both are defects and not reproduced (see docs/app-decoders.md).
 */
public final class ClientHello {
    static final int CONTENT_HANDSHAKE = 22, HANDSHAKE_CLIENT_HELLO = 1;
    static final int RECORD_HEADER = 5, HANDSHAKE_HEADER = 4, RANDOM_LEN = 32;
    static final int EXT_SERVER_NAME = 0, EXT_STATUS_REQUEST = 5, EXT_SUPPORTED_GROUPS = 10,
            EXT_EC_POINT_FORMATS = 11, EXT_SIGNATURE_ALGORITHMS = 13, EXT_ALPN = 16, EXT_SUPPORTED_VERSIONS = 43;
    /** Shortest payload the original looks at. */
    static final int MIN_PAYLOAD = 11;

    private ClientHello() {}

    /** True when the payload starts like a handshake record with a ClientHello (cheap pre-check). */
    public static boolean looksLike(byte[] buf, int off, int len) {
        return len >= MIN_PAYLOAD && buf[off] == CONTENT_HANDSHAKE && buf[off + 5] == HANDSHAKE_CLIENT_HELLO;
    }

    /** Null when the payload is not a ClientHello (not counted) or is malformed (counted). */
    public static TLSClientHello decode(byte[] buf, int off, int len, long tsNanos) {
        if (buf == null || off < 0 || len < 0 || off > buf.length - len || !looksLike(buf, off, len)) return null;
        try {
            return parse(new ByteReader(buf, off, len), tsNanos);
        } catch (Malformed m) {
            return AppErrors.reject("TLS_CLIENT_HELLO", m);
        }
    }

    static TLSClientHello parse(ByteReader seg, long ts) throws Malformed {
        int recVersion = seg.u16(1), recLen = seg.u16(3);
        int hsLen = seg.u24(6);
        if (HANDSHAKE_HEADER + hsLen > recLen) throw new Malformed("handshakeExceedsRecord");
        if (!seg.has(RECORD_HEADER + HANDSHAKE_HEADER, hsLen)) throw new Malformed("handshakeExceedsSegment");
        ByteReader h = seg.slice(RECORD_HEADER + HANDSHAKE_HEADER, hsLen);
        byte[] a = h.array();
        int version = h.u16(0);
        h.need(2, RANDOM_LEN, "randomTruncated");
        int p = 2 + RANDOM_LEN;
        int sidLen = h.u8(p);
        if (sidLen > 32) throw new Malformed("sessionIdTooLong");
        h.need(p + 1, sidLen, "sessionIdTruncated");
        TLSClientHello.Builder b = TLSClientHello.newBuilder()
                .setTimestamp(ts).setType(CONTENT_HANDSHAKE).setVersion(recVersion).setMessageLen(recLen)
                .setHandshakeType(HANDSHAKE_CLIENT_HELLO).setHandshakeLen(hsLen).setHandshakeVersion(version)
                .setRandom(ByteString.copyFrom(a, h.abs(2), RANDOM_LEN))
                .setSessionIDLen(sidLen).setSessionID(ByteString.copyFrom(a, h.abs(p + 1), sidLen));
        p += 1 + sidLen;
        int csLen = h.u16(p);
        if ((csLen & 1) != 0) throw new Malformed("oddCipherSuiteLength");
        h.need(p + 2, csLen, "cipherSuitesExceedHandshake");
        b.setCipherSuiteLen(csLen);
        // the lists go straight into the builder's int lists and into f for the fingerprints (no boxing)
        Fingerprints f = Fingerprints.get();
        for (int i = 0; i < csLen; i += 2) {
            int c = h.u16(p + 2 + i);
            f.ciphers.add(c);
            b.addCipherSuites(c);
        }
        p += 2 + csLen;
        int compLen = h.u8(p);
        h.need(p + 1, compLen, "compressionMethodsExceedHandshake");
        for (int i = 0; i < compLen; i++) b.addCompressMethods(h.u8(p + 1 + i));
        p += 1 + compLen;

        int alpnAt = 0, alpnLen = -1; // the first ALPN protocol name: a[alpnAt .. alpnAt+alpnLen)
        boolean hasSni = false;
        if (h.has(p, 2)) {
            int extLen = h.u16(p);
            if (!h.has(p + 2, extLen)) throw new Malformed("extensionsExceedHandshake");
            b.setExtensionLen(extLen);
            ByteReader ext = h.slice(p + 2, extLen);
            int q = 0;
            while (q < extLen) {
                if (!ext.has(q, 4)) throw new Malformed("extensionHeaderTruncated");
                int type = ext.u16(q), l = ext.u16(q + 2);
                if (!ext.has(q + 4, l)) throw new Malformed("extensionExceedsBlock");
                ByteReader e = ext.slice(q + 4, l);
                f.extensions.add(type);
                b.addExtensions(type);
                switch (type) {
                    case EXT_SERVER_NAME -> {
                        hasSni = true;
                        if (l > 0) b.setSNIBytes(serverName(e));
                    }
                    case EXT_STATUS_REQUEST -> {
                        if (l >= 1 && e.u8(0) == 1) b.setOSCP(true);
                    }
                    case EXT_SUPPORTED_GROUPS -> u16List(e, 2, e.u16(0), f.groups, "supportedGroups");
                    case EXT_EC_POINT_FORMATS -> {
                        int n = e.u8(0);
                        e.need(1, n, "pointFormatsExceedExtension");
                        for (int i = 0; i < n; i++) f.points.add(e.u8(1 + i));
                    }
                    case EXT_SIGNATURE_ALGORITHMS -> u16List(e, 2, e.u16(0), f.sigAlgs, "signatureAlgorithms");
                    case EXT_ALPN -> {
                        int listLen = e.u16(0);
                        e.need(2, listLen, "alpnExceedsExtension");
                        int r = 2;
                        while (r < 2 + listLen) {
                            int n = e.u8(r);
                            e.need(r + 1, n, "alpnProtocolTruncated");
                            if (alpnLen < 0) {
                                alpnAt = e.abs(r + 1);
                                alpnLen = n;
                            }
                            b.addALPNsBytes(ByteString.copyFrom(a, e.abs(r + 1), n));
                            r += 1 + n;
                        }
                        if (r != 2 + listLen) throw new Malformed("alpnExceedsExtension");
                    }
                    case EXT_SUPPORTED_VERSIONS -> {
                        int n = e.u8(0);
                        u16List(e, 1, n, f.versions, "supportedVersions");
                    }
                    default -> { }
                }
                q += 4 + l;
            }
        }
        for (int i = 0; i < f.groups.n; i++) b.addSupportedGroups(f.groups.v[i]);
        for (int i = 0; i < f.points.n; i++) b.addSupportedPoints(f.points.v[i]);
        for (int i = 0; i < f.sigAlgs.n; i++) b.addSignatureAlgs(f.sigAlgs.v[i]);
        b.setJa3Bytes(f.ja3Client(version));
        f.ja4(version, hasSni, alpnLen < 0 ? null : a, alpnAt, Math.max(alpnLen, 0));
        b.setJa4Bytes(f.bytes(f.ja4From, f.ja4To)).setJa4RBytes(f.bytes(f.rawFrom, f.rawTo));
        return b.build();
    }

    /** The JA3 string (not hashed) of a decoded hello, as Wireshark's {@code tls.handshake.ja3_full}. */
    public static String ja3String(TLSClientHello h) {
        return Ja3.clientString(h.getHandshakeVersion(), h.getCipherSuitesList(), h.getExtensionsList(),
                h.getSupportedGroupsList(), h.getSupportedPointsList());
    }

    /** RFC 6066 3: the first host_name entry of the server name list. */
    private static ByteString serverName(ByteReader e) throws Malformed {
        int listLen = e.u16(0);
        e.need(2, listLen, "serverNameListExceedsExtension");
        e.need(2, 3, "serverNameTruncated");
        int n = e.u16(3);
        if (n + 3 > listLen) throw new Malformed("serverNameExceedsList");
        e.need(5, n, "truncated");
        return ByteString.copyFrom(e.array(), e.abs(5), n);
    }

    private static void u16List(ByteReader e, int start, int byteLen, Fingerprints.Ints out, String what) throws Malformed {
        if ((byteLen & 1) != 0) throw new Malformed(what + "OddLength");
        e.need(start, byteLen, what + "ExceedExtension");
        for (int i = 0; i < byteLen; i += 2) out.add(e.u16(start + i));
    }
}
