package io.netcap.decoder.app;

import com.google.protobuf.ByteString;
import io.netcap.packet.layer.Addresses;

/**
 * Nortel/SynOptics Network Management Protocol (SONMP) hello, SNAP OUI 00:00:81 PID 0x01a2, to a
 * {@link io.netcap.types.NortelDiscovery} record: IP address, 3-byte segment id, chassis and backplane
 * type, state and number of links (11 bytes). SrcMac/DstMac come from the frame and are set by the caller.
 */
public final class NortelDiscovery {
    static final int LEN = 11;

    private NortelDiscovery() {}

    public static io.netcap.types.NortelDiscovery decode(byte[] buf, int off, int len, long tsNanos) {
        try {
            ByteReader w = new ByteReader(buf, off, len);
            if (len < LEN) throw new Malformed("tooShort");
            return io.netcap.types.NortelDiscovery.newBuilder().setTimestamp(tsNanos)
                    .setIPAddress(Addresses.ipv4(buf, off)).setSegmentID(ByteString.copyFrom(buf, off + 4, 3))
                    .setChassis(w.u8(7)).setBackplane(w.u8(8)).setState(w.u8(9)).setNumLinks(w.u8(10)).build();
        } catch (Malformed m) {
            return AppErrors.reject("NORTEL_DISCOVERY", m);
        }
    }
}
