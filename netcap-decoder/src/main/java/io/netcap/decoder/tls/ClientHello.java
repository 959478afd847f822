package io.netcap.decoder.tls;

import com.google.protobuf.ByteString;
import io.netcap.decoder.app.AppErrors;
import io.netcap.decoder.app.Malformed;
import io.netcap.decoder.app.Wire;
import io.netcap.types.TLSClientHello;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP segment payload that starts with a TLS handshake record carrying a ClientHello
 * (RFC 8446 4.1.2) to a {@link TLSClientHello} record with JA3 and JA4, per packet, no reassembly
 * (decoders.md 9.1). The caller sets SrcIP, DstIP, SrcMAC, DstMAC, SrcPort and DstPort.
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
            return parse(new Wire(buf, off, len), tsNanos);
        } catch (Malformed m) {
            AppErrors.count("TLSClientHello." + m.reason());
            return null;
        } catch (RuntimeException e) {
            AppErrors.count("TLSClientHello.internal");
            return null;
        }
    }

    static TLSClientHello parse(Wire seg, long ts) throws Malformed {
        int recVersion = seg.u16(1), recLen = seg.u16(3);
        int hsLen = seg.u24(6);
        if (HANDSHAKE_HEADER + hsLen > recLen) throw new Malformed("handshakeExceedsRecord");
        if (!seg.has(RECORD_HEADER + HANDSHAKE_HEADER, hsLen)) throw new Malformed("handshakeExceedsSegment");
        Wire h = seg.slice(RECORD_HEADER + HANDSHAKE_HEADER, hsLen);
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
        List<Integer> ciphers = new ArrayList<>(csLen / 2);
        for (int i = 0; i < csLen; i += 2) ciphers.add(h.u16(p + 2 + i));
        b.addAllCipherSuites(ciphers);
        p += 2 + csLen;
        int compLen = h.u8(p);
        h.need(p + 1, compLen, "compressionMethodsExceedHandshake");
        for (int i = 0; i < compLen; i++) b.addCompressMethods(h.u8(p + 1 + i));
        p += 1 + compLen;

        List<Integer> extensions = new ArrayList<>();
        List<Integer> groups = new ArrayList<>();
        List<Integer> points = new ArrayList<>();
        List<Integer> sigAlgs = new ArrayList<>();
        List<Integer> versions = new ArrayList<>();
        byte[] firstAlpn = null;
        boolean hasSni = false;
        if (h.has(p, 2)) {
            int extLen = h.u16(p);
            if (!h.has(p + 2, extLen)) throw new Malformed("extensionsExceedHandshake");
            b.setExtensionLen(extLen);
            Wire ext = h.slice(p + 2, extLen);
            int q = 0;
            while (q < extLen) {
                if (!ext.has(q, 4)) throw new Malformed("extensionHeaderTruncated");
                int type = ext.u16(q), l = ext.u16(q + 2);
                if (!ext.has(q + 4, l)) throw new Malformed("extensionExceedsBlock");
                Wire e = ext.slice(q + 4, l);
                extensions.add(type);
                switch (type) {
                    case EXT_SERVER_NAME -> {
                        hasSni = true;
                        if (l > 0) b.setSNIBytes(ByteString.copyFrom(serverName(e)));
                    }
                    case EXT_STATUS_REQUEST -> {
                        if (l >= 1 && e.u8(0) == 1) b.setOSCP(true);
                    }
                    case EXT_SUPPORTED_GROUPS -> u16List(e, 2, e.u16(0), groups, "supportedGroups");
                    case EXT_EC_POINT_FORMATS -> {
                        int n = e.u8(0);
                        e.need(1, n, "pointFormatsExceedExtension");
                        for (int i = 0; i < n; i++) points.add(e.u8(1 + i));
                    }
                    case EXT_SIGNATURE_ALGORITHMS -> u16List(e, 2, e.u16(0), sigAlgs, "signatureAlgorithms");
                    case EXT_ALPN -> {
                        int listLen = e.u16(0);
                        e.need(2, listLen, "alpnExceedsExtension");
                        int r = 2;
                        while (r < 2 + listLen) {
                            int n = e.u8(r);
                            e.need(r + 1, n, "alpnProtocolTruncated");
                            if (firstAlpn == null) firstAlpn = e.bytes(r + 1, n);
                            b.addALPNsBytes(ByteString.copyFrom(a, e.abs(r + 1), n));
                            r += 1 + n;
                        }
                        if (r != 2 + listLen) throw new Malformed("alpnExceedsExtension");
                    }
                    case EXT_SUPPORTED_VERSIONS -> {
                        int n = e.u8(0);
                        u16List(e, 1, n, versions, "supportedVersions");
                    }
                    default -> { }
                }
                q += 4 + l;
            }
        }
        b.addAllExtensions(extensions).addAllSupportedGroups(groups).addAllSupportedPoints(points)
                .addAllSignatureAlgs(sigAlgs);
        b.setJa3(Ja3.md5(Ja3.clientString(version, ciphers, extensions, groups, points)));
        Ja4 ja4 = Ja4.of(version, ciphers, extensions, versions, hasSni, firstAlpn, sigAlgs);
        b.setJa4(ja4.ja4()).setJa4R(ja4.raw());
        return b.build();
    }

    /** The JA3 string (not hashed) of a decoded hello, as Wireshark's {@code tls.handshake.ja3_full}. */
    public static String ja3String(TLSClientHello h) {
        return Ja3.clientString(h.getHandshakeVersion(), h.getCipherSuitesList(), h.getExtensionsList(),
                h.getSupportedGroupsList(), h.getSupportedPointsList());
    }

    /** RFC 6066 3: the first host_name entry of the server name list. */
    private static byte[] serverName(Wire e) throws Malformed {
        int listLen = e.u16(0);
        e.need(2, listLen, "serverNameListExceedsExtension");
        e.need(2, 3, "serverNameTruncated");
        int n = e.u16(3);
        if (n + 3 > listLen) throw new Malformed("serverNameExceedsList");
        return e.bytes(5, n);
    }

    private static void u16List(Wire e, int start, int byteLen, List<Integer> out, String what) throws Malformed {
        if ((byteLen & 1) != 0) throw new Malformed(what + "OddLength");
        e.need(start, byteLen, what + "ExceedExtension");
        for (int i = 0; i < byteLen; i += 2) out.add(e.u16(start + i));
    }
}
