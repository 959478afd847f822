package io.netcap.decoder.app;

import io.netcap.packet.layer.Addresses;
import io.netcap.types.VRRPv2;

/**
 * VRRP advertisement (RFC 3768 5.1) to a {@link VRRPv2} record (file {@code VRRP}). As in the
 * original, only the type (1 = advertisement; RFC 3768 says to discard others) and a non-zero address
 * count are checked, not the version; the addresses are read as {@code CountIPAddr} IPv4 addresses after the 8-byte header.
 */
public final class Vrrp {
    static final int HEADER_LEN = 8, TYPE_ADVERTISEMENT = 1;

    private Vrrp() {}

    public static VRRPv2 decode(byte[] buf, int off, int len, long tsNanos) {
        try {
            ByteReader w = new ByteReader(buf, off, len);
            if (len < HEADER_LEN) throw new Malformed("tooShort");
            int b0 = w.u8(0);
            if ((b0 & 0x0f) != TYPE_ADVERTISEMENT) throw new Malformed("unknownType");
            int count = w.u8(3);
            if (count < 1) throw new Malformed("noAddresses");
            if (!w.has(HEADER_LEN, count * 4)) throw new Malformed("addressesExceedPacket");
            VRRPv2.Builder b = VRRPv2.newBuilder().setTimestamp(tsNanos).setVersion(b0 >> 4).setType(b0 & 0x0f)
                    .setVirtualRtrID(w.u8(1)).setPriority(w.u8(2)).setCountIPAddr(count).setAuthType(w.u8(4))
                    .setAdverInt(w.u8(5)).setChecksum(w.u16(6));
            for (int i = 0; i < count; i++) b.addIPAddress(Addresses.ipv4(buf, off + HEADER_LEN + 4 * i));
            return b.build();
        } catch (Malformed m) {
            return AppErrors.reject("VRRP", m);
        }
    }
}
