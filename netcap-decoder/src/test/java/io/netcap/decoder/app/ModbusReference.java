package io.netcap.decoder.app;

import com.google.protobuf.ByteString;

/**
 * The Modbus record built with the generated builder, as the decoder built it before it wrote wire format: the
 * oracle {@link Modbus#encode} is compared with.
 */
public final class ModbusReference {
    private ModbusReference() {}

    public static io.netcap.types.Modbus decode(byte[] buf, int off, int len, long tsNanos, boolean payload) {
        if (len < Modbus.MBAP_LEN + 1) {
            return null;
        }
        int length = ((buf[off + 4] & 0xff) << 8) | (buf[off + 5] & 0xff);
        int end = length + 6;
        if (end < Modbus.MBAP_LEN + 1 || end > len) {
            return null;
        }
        int fc = buf[off + Modbus.MBAP_LEN] & 0xff;
        io.netcap.types.Modbus.Builder b = io.netcap.types.Modbus.newBuilder().setTimestamp(tsNanos)
                .setTransactionID(((buf[off] & 0xff) << 8) | (buf[off + 1] & 0xff))
                .setProtocolID(((buf[off + 2] & 0xff) << 8) | (buf[off + 3] & 0xff)).setLength(length)
                .setUnitID(buf[off + 6] & 0xff).setFunctionCode(fc & 0x7f).setException((fc & 0x80) != 0);
        if (payload) {
            b.setPayload(ByteString.copyFrom(buf, off + Modbus.MBAP_LEN + 1, end - Modbus.MBAP_LEN - 1));
        }
        return b.build();
    }
}
