package io.netcap.decoder.tls;

import com.google.protobuf.ByteString;
import io.netcap.decoder.app.AppErrors;
import io.netcap.decoder.app.Malformed;
import io.netcap.decoder.app.ByteReader;
import io.netcap.types.TLSServerHello;

/**
 * A TCP segment payload that starts with a TLS handshake record carrying a ServerHello
 * (RFC 8446 4.1.3) to a {@link TLSServerHello} record with JA3S, per packet (docs/original.md, "TLS hellos").
 * The caller sets SrcIP, DstIP, SrcMAC, DstMAC, SrcPort and DstPort.
 *
 * <p>Unlike the original, the record type (22) and handshake type (2) are checked, so other
 * payloads whose bytes happen to parse never become ServerHello records. Extensions must fill the
 * handshake message exactly, and malformed data in a decoded extension rejects the hello, as in the
 * original. ServerHellos of TLS 1.3 drafts before 22 (version 0x7f00 | draft) have no session id and
 * compression method; they are read in that layout (the original fails on them).
 */
public final class ServerHello {
    static final int CONTENT_HANDSHAKE = 22, HANDSHAKE_SERVER_HELLO = 2;
    static final int EXT_STATUS_REQUEST = 5, EXT_ALPN = 16, EXT_SCT = 18, EXT_SESSION_TICKET = 35,
            EXT_PRE_SHARED_KEY = 41, EXT_SUPPORTED_VERSIONS = 43, EXT_COOKIE = 44, EXT_KEY_SHARE = 51,
            EXT_NPN = 13172, EXT_RENEGOTIATION_INFO = 0xff01;

    private ServerHello() {}

    public static boolean looksLike(byte[] buf, int off, int len) {
        return len >= 9 && buf[off] == CONTENT_HANDSHAKE && buf[off + 5] == HANDSHAKE_SERVER_HELLO;
    }

    public static TLSServerHello decode(byte[] buf, int off, int len, long tsNanos) {
        if (buf == null || off < 0 || len < 0 || off > buf.length - len || !looksLike(buf, off, len)) return null;
        try {
            return parse(new ByteReader(buf, off, len), tsNanos);
        } catch (Malformed m) {
            return AppErrors.reject("TLS_SERVER_HELLO", m);
        }
    }

    static TLSServerHello parse(ByteReader seg, long ts) throws Malformed {
        int recLen = seg.u16(3), hsLen = seg.u24(6);
        if (4 + hsLen > recLen) throw new Malformed("handshakeExceedsRecord");
        if (!seg.has(9, hsLen)) throw new Malformed("handshakeExceedsSegment");
        ByteReader h = seg.slice(9, hsLen);
        byte[] a = h.array();
        int version = h.u16(0);
        TLSServerHello.Builder b = TLSServerHello.newBuilder().setTimestamp(ts).setVersion(version);
        int p, cipher;
        if (earlyTls13Draft(version)) {
            // drafts before 22 of TLS 1.3 have neither legacy_session_id_echo nor legacy_compression_method
            if (hsLen < 36) throw new Malformed("helloTooShort");
            cipher = h.u16(34);
            b.setRandom(ByteString.copyFrom(a, h.abs(2), 32)).setCipherSuite(cipher);
            p = 36;
        } else {
            if (hsLen < 38) throw new Malformed("helloTooShort");
            int sidLen = h.u8(34);
            if (sidLen > 32) throw new Malformed("sessionIdTooLong");
            h.need(35, sidLen + 3, "sessionIdTruncated");
            p = 35 + sidLen;
            cipher = h.u16(p);
            b.setRandom(ByteString.copyFrom(a, h.abs(2), 32))
                    .setSessionID(ByteString.copyFrom(a, h.abs(35), sidLen))
                    .setCipherSuite(cipher).setCompressionMethod(h.u8(p + 2));
            p += 3;
        }
        Fingerprints f = Fingerprints.get();
        if (p < hsLen) {
            int extLen = h.u16(p);
            if (p + 2 + extLen != hsLen) throw new Malformed("extensionLengthDisagrees");
            int q = p + 2;
            while (q < hsLen) {
                if (!h.has(q, 4)) throw new Malformed("extensionHeaderTruncated");
                int type = h.u16(q), l = h.u16(q + 2);
                if (!h.has(q + 4, l)) throw new Malformed("extensionExceedsBlock");
                ByteReader e = h.slice(q + 4, l);
                f.extensions.add(type);
                b.addExtensions(type);
                extension(b, type, e, l);
                q += 4 + l;
            }
        }
        f.ja3ServerText(version, cipher, f.extensions);
        b.setJa3SBytes(f.md5Hex(0));
        return b.build();
    }

    /** 0x7f00 | n announces TLS 1.3 draft n; drafts before 22 use the short ServerHello layout. */
    static boolean earlyTls13Draft(int version) {
        return (version & 0xff00) == 0x7f00 && (version & 0xff) < 22;
    }

    private static void extension(TLSServerHello.Builder b, int type, ByteReader e, int l) throws Malformed {
        switch (type) {
            case EXT_NPN -> {
                b.setNextProtoNeg(true);
                int r = 0;
                while (r < l) {
                    int n = e.u8(r);
                    if (n == 0) throw new Malformed("npnEmptyProtocol");
                    e.need(r + 1, n, "npnTruncated");
                    b.addNextProtosBytes(ByteString.copyFrom(e.array(), e.abs(r + 1), n));
                    r += 1 + n;
                }
            }
            case EXT_STATUS_REQUEST -> {
                if (l != 0) throw new Malformed("statusRequestNotEmpty");
                b.setOCSPStapling(true);
            }
            case EXT_SESSION_TICKET -> {
                if (l != 0) throw new Malformed("sessionTicketNotEmpty");
                b.setTicketSupported(true);
            }
            case EXT_RENEGOTIATION_INFO -> {
                int n = e.u8(0);
                if (n + 1 != l) throw new Malformed("renegotiationInfoLength");
                b.setSecureRenegotiationSupported(true).setSecureRenegotiation(copy(e, 1, n));
            }
            case EXT_ALPN -> {
                int listLen = e.u16(0);
                if (listLen + 2 != l) throw new Malformed("alpnLength");
                int n = e.u8(2);
                if (n == 0 || n + 3 != l) throw new Malformed("alpnNotExactlyOneProtocol");
                b.setAlpnProtocolBytes(copy(e, 3, n));
            }
            case EXT_SCT -> {
                int listLen = e.u16(0);
                if (listLen + 2 != l) throw new Malformed("sctLength");
                int r = 2;
                while (r < l) {
                    int n = e.u16(r);
                    if (n == 0) throw new Malformed("sctEmpty");
                    e.need(r + 2, n, "sctTruncated");
                    b.addScts(copy(e, r + 2, n));
                    r += 2 + n;
                }
            }
            case EXT_SUPPORTED_VERSIONS -> {
                if (l != 2) throw new Malformed("supportedVersionLength");
                b.setSupportedVersion(e.u16(0));
            }
            case EXT_COOKIE -> {
                int n = e.u16(0);
                if (n == 0 || n + 2 != l) throw new Malformed("cookieLength");
                b.setCookie(copy(e, 2, n));
            }
            case EXT_KEY_SHARE -> {
                if (l == 2) {
                    b.setSelectedGroup(e.u16(0));
                } else {
                    int n = e.u16(2);
                    if (n + 4 != l) throw new Malformed("keyShareLength");
                }
            }
            case EXT_PRE_SHARED_KEY -> {
                if (l != 2) throw new Malformed("preSharedKeyLength");
                b.setSelectedIdentityPresent(true).setSelectedIdentity(e.u16(0));
            }
            default -> { }
        }
    }

    /** {@code n} bytes at {@code pos} of the extension, copied once. */
    private static ByteString copy(ByteReader e, int pos, int n) throws Malformed {
        e.need(pos, n, "truncated");
        return ByteString.copyFrom(e.array(), e.abs(pos), n);
    }

    /** The JA3S string (not hashed) of a decoded hello, as Wireshark's {@code tls.handshake.ja3s_full}. */
    public static String ja3sString(TLSServerHello h) {
        return Ja3.serverString(h.getVersion(), h.getCipherSuite(), h.getExtensionsList());
    }
}
