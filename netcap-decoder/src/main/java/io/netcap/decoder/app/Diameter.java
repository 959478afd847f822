package io.netcap.decoder.app;

import com.google.protobuf.ByteString;
import io.netcap.types.AVP;

/**
 * Diameter message (RFC 6733 3, AVPs 4.1) to a {@link io.netcap.types.Diameter} record. Every AVP
 * keeps code, flags, header and total length, vendor id, value and padding; no AVP dictionary is
 * applied, so {@code AttributeName}, {@code AttributeFormat}, {@code VendorName} and
 * {@code DecodedValue} stay empty, and every AVP is read with RFC 6733's padding to 4 bytes. The
 * original looks every AVP up in its dictionary and rejects messages with unknown AVPs; here they are
 * kept. AVPs are read up to {@code MessageLen} (the original reads to the end of the segment). An AVP
 * running past the message rejects it.
 */
public final class Diameter {
    static final int HEADER_LEN = 20, AVP_VENDOR_BIT = 0x80;

    private Diameter() {}

    public static io.netcap.types.Diameter decode(byte[] buf, int off, int len, long tsNanos) {
        try {
            ByteReader w = new ByteReader(buf, off, len);
            if (len < HEADER_LEN) throw new Malformed("tooShort");
            int version = w.u8(0); // recorded, not checked, as in the original
            int msgLen = w.u24(1);
            if (msgLen < HEADER_LEN || msgLen > len) throw new Malformed("lengthExceedsData");
            io.netcap.types.Diameter.Builder b = io.netcap.types.Diameter.newBuilder().setTimestamp(tsNanos)
                    .setVersion(version).setMessageLen(msgLen).setFlags(w.u8(4)).setCommandCode(w.u24(5))
                    .setApplicationID(w.i32(8)).setHopByHopID(w.i32(12)).setEndToEndID(w.i32(16));
            int p = HEADER_LEN;
            while (p < msgLen) {
                if (!w.has(p, 8) || p + 8 > msgLen) throw new Malformed("avpHeaderTruncated");
                int flags = w.u8(p + 4), avpLen = w.u24(p + 5);
                int hdr = (flags & AVP_VENDOR_BIT) != 0 ? 12 : 8;
                if (avpLen < hdr || p + avpLen > msgLen) throw new Malformed("avpLengthPastEnd");
                int padded = (avpLen + 3) & ~3;
                int pad = Math.min(padded, msgLen - p) - avpLen;
                AVP.Builder a = AVP.newBuilder().setAttributeCode(w.i32(p)).setFlags(flags).setHeaderLen(hdr)
                        .setLen(avpLen).setPadding(pad).setValueLen(avpLen - hdr)
                        .setValue(ByteString.copyFrom(buf, off + p + hdr, avpLen - hdr));
                if (hdr == 12) {
                    int vendor = w.i32(p + 8);
                    a.setVendorCode(vendor).setVendorID(Integer.toUnsignedString(vendor));
                }
                b.addAVPs(a);
                p += avpLen + pad;
            }
            return b.build();
        } catch (Malformed m) {
            return AppErrors.reject("DIAMETER", m);
        }
    }
}
