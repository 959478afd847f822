package io.netcap.decoder.app;

import com.google.protobuf.ByteString;
import io.netcap.types.EAPOL;
import io.netcap.types.EAPOLKey;

/**
 * EAPOL (IEEE 802.1X-2010 11.3) to an {@link EAPOL} record, and its EAPOL-Key body
 * (IEEE 802.11-2016 12.7.2) to an {@link EAPOLKey} record. The packet body (EAP for type 0, key
 * descriptor for type 3) is what {@link #body} returns for the next decoder.
 */
public final class Eapol {
    static final int HEADER_LEN = 4, TYPE_EAP = 0, TYPE_KEY = 3;
    static final int KEY_FIXED_LEN = 95;

    private Eapol() {}

    public static EAPOL decode(byte[] buf, int off, int len, long tsNanos) {
        try {
            ByteReader w = new ByteReader(buf, off, len);
            if (len < HEADER_LEN) throw new Malformed("tooShort");
            return EAPOL.newBuilder().setTimestamp(tsNanos).setVersion(w.u8(0)).setType(w.u8(1)).setLength(w.u16(2)).build();
        } catch (Malformed m) {
            return AppErrors.reject("EAPOL", m);
        }
    }

    /**
     * Length of the body handed to EAP / EAPOL-Key: as in the original, everything after the 4-byte
     * header (Ethernet padding included), not the EAPOL {@code Length}.
     */
    public static int bodyLength(byte[] buf, int off, int len) {
        return Math.max(0, len - HEADER_LEN);
    }

    public static EAPOLKey decodeKey(byte[] buf, int off, int len, long tsNanos) {
        try {
            ByteReader w = new ByteReader(buf, off, len);
            if (len < KEY_FIXED_LEN) throw new Malformed("keyTooShort");
            int info = w.u16(1);
            int dataLen = w.u16(93);
            if (!w.has(KEY_FIXED_LEN, dataLen)) throw new Malformed("keyDataPastEnd");
            return EAPOLKey.newBuilder().setTimestamp(tsNanos)
                    .setKeyDescriptorType(w.u8(0)).setKeyDescriptorVersion(info & 0x7)
                    .setKeyType((info >> 3) & 1).setKeyIndex((info >> 4) & 3)
                    .setInstall((info & 0x0040) != 0).setKeyACK((info & 0x0080) != 0).setKeyMIC((info & 0x0100) != 0)
                    .setSecure((info & 0x0200) != 0).setMICError((info & 0x0400) != 0).setRequest((info & 0x0800) != 0)
                    .setHasEncryptedKeyData((info & 0x1000) != 0).setSMKMessage((info & 0x2000) != 0)
                    .setKeyLength(w.u16(3)).setReplayCounter(w.u64(5))
                    .setNonce(ByteString.copyFrom(buf, off + 13, 32)).setIV(ByteString.copyFrom(buf, off + 45, 16))
                    .setRSC(w.u64(61)).setID(w.u64(69)).setMIC(ByteString.copyFrom(buf, off + 77, 16))
                    .setKeyDataLength(dataLen)
                    // the original keeps the key data only when the encrypted-key-data flag is set
                    .setEncryptedKeyData((info & 0x1000) != 0 ? ByteString.copyFrom(buf, off + KEY_FIXED_LEN, dataLen)
                            : ByteString.EMPTY)
                    .build();
        } catch (Malformed m) {
            return AppErrors.reject("EAPOL_KEY", m);
        }
    }
}
