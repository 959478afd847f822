package io.netcap.decoder.app;

import com.google.protobuf.ByteString;
import io.netcap.types.NTP;

/**
 * NTP packet (RFC 5905 7.3) to an {@link NTP} record. All header fields are copied unchanged; the four
 * timestamps are the raw 64-bit fixed-point values and bytes after the 48-byte header are
 * {@code ExtensionBytes} (docs/original.md, "Value conventions").
 */
public final class Ntp {
    static final int HEADER_LEN = 48;

    private Ntp() {}

    public static NTP decode(byte[] buf, int off, int len, long tsNanos) {
        try {
            ByteReader w = new ByteReader(buf, off, len);
            if (len < HEADER_LEN) throw new Malformed("tooShort");
            int b0 = w.u8(0);
            return NTP.newBuilder().setTimestamp(tsNanos)
                    .setLeapIndicator(b0 >> 6).setVersion((b0 >> 3) & 7).setMode(b0 & 7)
                    .setStratum(w.u8(1)).setPoll((byte) w.u8(2)).setPrecision((byte) w.u8(3))
                    .setRootDelay(w.i32(4)).setRootDispersion(w.i32(8)).setReferenceID(w.i32(12))
                    .setReferenceTimestamp(w.u64(16)).setOriginTimestamp(w.u64(24))
                    .setReceiveTimestamp(w.u64(32)).setTransmitTimestamp(w.u64(40))
                    .setExtensionBytes(ByteString.copyFrom(buf, off + HEADER_LEN, len - HEADER_LEN))
                    .build();
        } catch (Malformed m) {
            return AppErrors.reject("NTP", m);
        }
    }
}
