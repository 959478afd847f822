package io.netcap.decoder.app;

import com.google.protobuf.ByteString;
import io.netcap.types.EAP;

/**
 * EAP packet (RFC 3748 4) to an {@link EAP} record. A packet longer than its 4-byte header carries a
 * type and type data; as in the original the type data runs to the end of the bytes handed in. A
 * length beyond the data or below 4 rejects the packet.
 */
public final class Eap {
    static final int HEADER_LEN = 4;

    private Eap() {}

    public static EAP decode(byte[] buf, int off, int len, long tsNanos) {
        try {
            ByteReader w = new ByteReader(buf, off, len);
            if (len < HEADER_LEN) throw new Malformed("tooShort");
            int code = w.u8(0), length = w.u16(2);
            if (length > len) throw new Malformed("lengthExceedsData");
            if (length < HEADER_LEN) throw new Malformed("lengthTooSmall");
            EAP.Builder b = EAP.newBuilder().setTimestamp(tsNanos).setCode(code).setId(w.u8(1)).setLength(length);
            if (length > HEADER_LEN) {
                // as in the original, the type data runs to the end of the bytes handed in, padding included
                b.setType(w.u8(4)).setTypeData(ByteString.copyFrom(buf, off + 5, len - 5));
            }
            return b.build();
        } catch (Malformed m) {
            return AppErrors.reject("EAP", m);
        }
    }
}
