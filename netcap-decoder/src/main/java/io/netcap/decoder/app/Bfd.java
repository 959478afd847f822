package io.netcap.decoder.app;

import com.google.protobuf.ByteString;
import io.netcap.types.BFD;
import io.netcap.types.BFDAuthHeader;

/**
 * BFD control packet (RFC 5880 4.1) to a {@link BFD} record, with the authentication section
 * (4.2–4.4) when the A bit is set: simple password keeps the password as {@code Data}; keyed MD5/SHA1
 * keep the sequence number and the digest. As in the original, the length field must equal the
 * datagram's length and the authentication data runs to its end.
 */
public final class Bfd {
    static final int HEADER_LEN = 24;
    static final int AUTH_SIMPLE_PASSWORD = 1, AUTH_KEYED_MD5 = 2, AUTH_METICULOUS_KEYED_SHA1 = 5;

    private Bfd() {}

    public static BFD decode(byte[] buf, int off, int len, long tsNanos) {
        try {
            ByteReader w = new ByteReader(buf, off, len);
            if (len < HEADER_LEN) throw new Malformed("tooShort");
            if (w.u8(3) != len) throw new Malformed("lengthMismatch");
            int b0 = w.u8(0), b1 = w.u8(1);
            boolean auth = (b1 & 0x04) != 0;
            BFD.Builder b = BFD.newBuilder().setTimestamp(tsNanos)
                    .setVersion(b0 >> 5).setDiagnostic(b0 & 0x1f).setState(b1 >> 6)
                    .setPoll((b1 & 0x20) != 0).setFinal((b1 & 0x10) != 0).setControlPlaneIndependent((b1 & 0x08) != 0)
                    .setAuthPresent(auth).setDemand((b1 & 0x02) != 0).setMultipoint((b1 & 0x01) != 0)
                    .setDetectMultiplier(w.u8(2)).setMyDiscriminator(w.i32(4)).setYourDiscriminator(w.i32(8))
                    .setDesiredMinTxInterval(w.i32(12)).setRequiredMinRxInterval(w.i32(16))
                    .setRequiredMinEchoRxInterval(w.i32(20));
            // like the original: the section is read when more than 2 bytes follow, its data runs to the end
            if (auth && len - HEADER_LEN > 2) {
                int type = w.u8(24);
                BFDAuthHeader.Builder a = BFDAuthHeader.newBuilder().setAuthType(type).setKeyID(w.u8(26));
                if (type == AUTH_SIMPLE_PASSWORD) {
                    a.setData(ByteString.copyFrom(buf, off + 27, len - 27));
                } else if (type >= AUTH_KEYED_MD5 && type <= AUTH_METICULOUS_KEYED_SHA1) {
                    if (len < 32) throw new Malformed("authTooShort");
                    a.setSequenceNumber(w.i32(28)).setData(ByteString.copyFrom(buf, off + 32, len - 32));
                }
                b.setAuthHeader(a);
            }
            return b.build();
        } catch (Malformed m) {
            return AppErrors.reject("BFD", m);
        }
    }
}
