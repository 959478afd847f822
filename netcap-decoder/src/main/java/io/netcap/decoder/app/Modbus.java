package io.netcap.decoder.app;

import com.google.protobuf.ByteString;


/**
 * Modbus/TCP ADU (Modbus Messaging on TCP/IP v1.0b 3.1.3) to a {@link Modbus} record, one per TCP
 * segment (the first ADU in it), as the original's parser reads it: {@code FunctionCode} is the
 * function code without the exception bit, {@code Exception} that bit (0x80), {@code Payload} the
 * request/response data after the function code (stored only with the payload option). The protocol
 * identifier is recorded, not checked.
 */
public final class Modbus {
    static final int MBAP_LEN = 7;

    private Modbus() {}

    public static io.netcap.types.Modbus decode(byte[] buf, int off, int len, long tsNanos, boolean payload) {
        try {
            ByteReader w = new ByteReader(buf, off, len);
            if (len < MBAP_LEN + 1) throw new Malformed("tooShort");
            int length = w.u16(4);
            int end = length + 6; // MBAP length counts the unit id and the PDU
            if (end < MBAP_LEN + 1) throw new Malformed("lengthTooSmall");
            if (end > len) throw new Malformed("lengthExceedsSegment");
            int fc = w.u8(MBAP_LEN);
            io.netcap.types.Modbus.Builder b = io.netcap.types.Modbus.newBuilder().setTimestamp(tsNanos)
                    .setTransactionID(w.u16(0)).setProtocolID(w.u16(2)).setLength(length).setUnitID(w.u8(6))
                    .setFunctionCode(fc & 0x7f).setException((fc & 0x80) != 0);
            if (payload) b.setPayload(ByteString.copyFrom(buf, off + MBAP_LEN + 1, end - MBAP_LEN - 1));
            return b.build();
        } catch (Malformed m) {
            return AppErrors.reject("MODBUS", m);
        }
    }
}
