package io.netcap.decoder.app;

import com.google.protobuf.ByteString;
import io.netcap.types.RADIUS;
import io.netcap.types.RADIUSAttribute;

/**
 * RADIUS packet (RFC 2865 section 3: code, identifier, length, authenticator, attributes) to a {@link RADIUS}
 * record, one per datagram, every attribute (section 5: type, length, value) kept as on the wire. The Length
 * field must be 20 to 4096 and within the datagram; bytes beyond it are padding and ignored (section 3). An
 * attribute shorter than its own two header bytes or running past Length rejects the packet, as RFC 2865
 * asks ("silently discarded") and gopacket's RADIUS layer does.
 */
public final class Radius {
    static final int HEADER_LEN = 20;
    static final int MAX_LEN = 4096;
    static final int CODE = 0, IDENTIFIER = 1, LENGTH = 2, AUTHENTICATOR = 4, AUTHENTICATOR_LEN = 16;
    static final int ATTRIBUTE_HEADER_LEN = 2;

    private Radius() {}

    public static RADIUS decode(byte[] buf, int off, int len, long tsNanos) {
        try {
            ByteReader w = new ByteReader(buf, off, len);
            if (len < HEADER_LEN) throw new Malformed("tooShort");
            int length = w.u16(LENGTH);
            if (length < HEADER_LEN || length > MAX_LEN) throw new Malformed("badLength");
            if (length > len) throw new Malformed("lengthExceedsData");
            RADIUS.Builder b = RADIUS.newBuilder().setTimestamp(tsNanos).setCode(w.u8(CODE))
                    .setIdentifier(w.u8(IDENTIFIER)).setLength(length)
                    .setAuthenticator(ByteString.copyFrom(buf, off + AUTHENTICATOR, AUTHENTICATOR_LEN));
            for (int p = HEADER_LEN; p < length; ) {
                if (p + ATTRIBUTE_HEADER_LEN > length) throw new Malformed("attributeHeaderTruncated");
                int attrLen = w.u8(p + 1);
                if (attrLen < ATTRIBUTE_HEADER_LEN || p + attrLen > length) throw new Malformed("attributeLengthPastEnd");
                b.addAttributes(RADIUSAttribute.newBuilder().setType(w.u8(p)).setLength(attrLen)
                        .setValue(ByteString.copyFrom(buf, off + p + ATTRIBUTE_HEADER_LEN, attrLen - ATTRIBUTE_HEADER_LEN)));
                p += attrLen;
            }
            return b.build();
        } catch (Malformed m) {
            return AppErrors.reject("RADIUS", m);
        }
    }
}
