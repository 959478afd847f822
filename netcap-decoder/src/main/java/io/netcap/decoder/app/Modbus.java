package io.netcap.decoder.app;

import io.netcap.decoder.WireSink;
import io.netcap.decoder.WireWriter;
import io.netcap.types.RecordType;

/**
 * Modbus/TCP ADU (Modbus Messaging on TCP/IP v1.0b 3.1.3) to a {@link io.netcap.types.Modbus} record, one per TCP
 * segment (the first ADU in it), as the original's parser reads it: {@code FunctionCode} is the
 * function code without the exception bit, {@code Exception} that bit (0x80), {@code Payload} the
 * request/response data after the function code (stored only with the payload option). The protocol
 * identifier is recorded, not checked.
 *
 * <p>The record is written straight in wire format ({@link #encode}), its only writer, as DNS's: building the
 * message, copying it to add the packet context and serialising it cost more than reading the eight header bytes.
 * {@link #decode} parses those bytes back for callers that take messages.
 */
public final class Modbus {
    static final int MBAP_LEN = 7;

    private Modbus() {}

    /** The record as a message: {@link #encode}'s bytes parsed back. Null when malformed. */
    public static io.netcap.types.Modbus decode(byte[] buf, int off, int len, long tsNanos, boolean payload) {
        WireWriter w = new WireWriter();
        return encode(buf, off, len, tsNanos, payload, w)
                ? (io.netcap.types.Modbus) WireSink.parse(RecordType.Modbus, w.buffer(), w.length()) : null;
    }

    /**
     * The record of the ADU at {@code buf[off .. off+len)} in wire format (without packet context), written into
     * {@code out} after a {@link WireWriter#reset}. False (counted under {@code MODBUS.*}) when malformed;
     * {@code out} then holds nothing.
     */
    public static boolean encode(byte[] buf, int off, int len, long tsNanos, boolean payload, WireWriter out) {
        out.reset();
        try {
            ByteReader w = new ByteReader(buf, off, len);
            if (len < MBAP_LEN + 1) throw new Malformed("tooShort");
            int length = w.u16(4);
            int end = length + 6; // MBAP length counts the unit id and the PDU
            if (end < MBAP_LEN + 1) throw new Malformed("lengthTooSmall");
            if (end > len) throw new Malformed("lengthExceedsSegment");
            int fc = w.u8(MBAP_LEN);
            // fields in field-number order, as the generated serialisation writes them
            out.int64(io.netcap.types.Modbus.TIMESTAMP_FIELD_NUMBER, tsNanos);
            out.int32(io.netcap.types.Modbus.TRANSACTIONID_FIELD_NUMBER, w.u16(0));
            out.int32(io.netcap.types.Modbus.PROTOCOLID_FIELD_NUMBER, w.u16(2));
            out.int32(io.netcap.types.Modbus.LENGTH_FIELD_NUMBER, length);
            out.int32(io.netcap.types.Modbus.UNITID_FIELD_NUMBER, w.u8(6));
            if (payload) {
                out.bytes(io.netcap.types.Modbus.PAYLOAD_FIELD_NUMBER, buf, off + MBAP_LEN + 1, end - MBAP_LEN - 1);
            }
            out.bool(io.netcap.types.Modbus.EXCEPTION_FIELD_NUMBER, (fc & 0x80) != 0);
            out.int32(io.netcap.types.Modbus.FUNCTIONCODE_FIELD_NUMBER, fc & 0x7f);
            return true;
        } catch (Malformed m) {
            AppErrors.reject("MODBUS", m);
        }
        out.reset();
        return false;
    }
}
