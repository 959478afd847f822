package io.netcap.decoder.app;

import io.netcap.types.LCM;

/**
 * LCM datagram (Lightweight Communications and Marshalling UDP multicast protocol) to an {@link LCM}
 * record: short messages ({@code LC02}: magic, sequence number, channel name NUL-terminated) and
 * fragments ({@code LC03}: plus payload size, fragment offset, number and count; the channel name is
 * only in fragment 0).
 */
public final class Lcm {
    static final int MAGIC_SHORT = 0x4c433032, MAGIC_FRAGMENT = 0x4c433033;
    /** The 8-byte type fingerprint that starts every LCM message body; the original requires it. */
    static final int FINGERPRINT_LEN = 8;

    private Lcm() {}

    public static LCM decode(byte[] buf, int off, int len, long tsNanos) {
        try {
            ByteReader w = new ByteReader(buf, off, len);
            int magic = w.i32(0);
            LCM.Builder b = LCM.newBuilder().setTimestamp(tsNanos).setMagic(magic).setSequenceNumber(w.i32(4));
            int nameAt;
            if (magic == MAGIC_SHORT) {
                nameAt = 8;
            } else if (magic == MAGIC_FRAGMENT) {
                b.setFragmented(true).setPayloadSize(w.i32(8)).setFragmentOffset(w.i32(12))
                        .setFragmentNumber(w.u16(16)).setTotalFragments(w.u16(18));
                nameAt = w.u16(16) == 0 ? 20 : -1;
            } else {
                throw new Malformed("badMagic");
            }
            int p = magic == MAGIC_SHORT ? 8 : 20;
            if (nameAt >= 0) {
                int end = nameAt;
                while (end < len && buf[off + end] != 0) end++;
                if (end >= len) throw new Malformed("channelNameUnterminated");
                b.setChannelNameBytes(com.google.protobuf.ByteString.copyFrom(buf, off + nameAt, end - nameAt));
                p = end + 1;
            }
            w.need(p, FINGERPRINT_LEN, "fingerprintTruncated");
            return b.build();
        } catch (Malformed m) {
            return AppErrors.reject("LCM", m);
        }
    }
}
