package io.netcap.decoder.app;

import com.google.protobuf.ByteString;
import io.netcap.types.CIP;

/**
 * CIP message router request/response (ODVA CIP Vol. 1, 2-4) to a {@link CIP} record, as the
 * original's parser reads it. Requests: service, path size, then one class segment (0x20 8-bit,
 * 0x21 16-bit little-endian read right after the segment byte) and one instance segment (0x24 / 0x25
 * likewise); everything after them is {@code Data}. Responses (service bit 0x80): reserved byte,
 * general status, additional status words, then {@code Data}. {@code Data} is stored only with the
 * payload option.
 */
public final class Cip {
    static final int RESPONSE_BIT = 0x80;
    static final int BASE_LEN = 2;

    private Cip() {}

    public static CIP decode(byte[] buf, int off, int len, long tsNanos, boolean payload) {
        try {
            ByteReader w = new ByteReader(buf, off, len);
            int service = w.u8(0);
            CIP.Builder b = CIP.newBuilder().setTimestamp(tsNanos).setServiceID(service & 0x7f);
            int p;
            if ((service & RESPONSE_BIT) != 0) {
                if (len < BASE_LEN + 2) throw new Malformed("responseTooShort");
                int n = w.u8(3);
                if (len < BASE_LEN + 2 + 2 * n) throw new Malformed("additionalStatusPastEnd");
                b.setResponse(true).setStatus(w.u8(2));
                for (int i = 0; i < n; i++) b.addAdditionalStatus(w.u16le(4 + 2 * i));
                p = 4 + 2 * n;
            } else {
                int pathWords = w.u8(1);
                if (len < BASE_LEN + 2 * pathWords) throw new Malformed("pathPastEnd");
                p = 2;
                int classSeg = w.u8(p++);
                if (classSeg == 0x20) {
                    b.setClassID(w.u8(p));
                    p += 1;
                } else if (classSeg == 0x21) {
                    b.setClassID(w.u16le(p));
                    p += 2;
                }
                int instanceSeg = w.u8(p++);
                if (instanceSeg == 0x24) {
                    b.setInstanceID(w.u8(p));
                    p += 1;
                } else if (instanceSeg == 0x25) {
                    b.setInstanceID(w.u16le(p));
                    p += 2;
                }
            }
            if (payload && p < len) b.setData(ByteString.copyFrom(buf, off + p, len - p));
            return b.build();
        } catch (Malformed m) {
            return AppErrors.reject("CIP", m);
        }
    }
}
