package io.netcap.decoder.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.decoder.Protocols;
import io.netcap.packet.layer.LayerKind;
import io.netcap.types.EAP;
import io.netcap.types.EAPOL;
import io.netcap.types.EAPOLKey;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinkDiscoveryTest {

    static Bytes tlv(Bytes b, int type, byte[] value) {
        return b.u16((type << 9) | value.length).raw(value);
    }

    static byte[] lldp() {
        Bytes b = Bytes.of();
        tlv(b, 1, Bytes.of().u8(4).u8(0x00, 0x01, 0x30, 0xf9, 0xad, 0xa0).get());
        tlv(b, 2, Bytes.of().u8(5).ascii("1/1").get());
        tlv(b, 3, Bytes.of().u16(120).get());
        tlv(b, 4, Bytes.of().ascii("uplink").get());
        tlv(b, 5, Bytes.of().ascii("switch1").get());
        tlv(b, 7, Bytes.of().u16(0x0014).u16(0x0004).get());
        tlv(b, 8, Bytes.of().u8(5, 1).u8(10, 0, 0, 1).u8(2).u32(1001).u8(0).get());
        tlv(b, 127, Bytes.of().u8(0x00, 0x12, 0x0f, 1).u8(3, 0x6c).get());
        tlv(b, 0, new byte[0]);
        return b.get();
    }

    @Test
    void lldpBothRecords() {
        byte[] m = lldp();
        Lldp l = Lldp.decode(m, 0, m.length, 4L);
        assertThat(l.discovery().getChassisID().getSubtype()).isEqualTo(4);
        assertThat(l.discovery().getChassisID().getID().toByteArray()).containsExactly(0x00, 0x01, 0x30, 0xf9, 0xad, 0xa0);
        assertThat(l.discovery().getPortID().getID().toStringUtf8()).isEqualTo("1/1");
        assertThat(l.discovery().getTTL()).isEqualTo(120);
        assertThat(l.discovery().getValuesList()).extracting(v -> v.getType()).containsExactly(4, 5, 7, 8, 127);
        assertThat(l.info().getPortDescription()).isEqualTo("uplink");
        assertThat(l.info().getSysName()).isEqualTo("switch1");
        assertThat(l.info().getSysCapabilities().getSystemCap().getBridge()).isTrue();
        assertThat(l.info().getSysCapabilities().getSystemCap().getRouter()).isTrue();
        assertThat(l.info().getSysCapabilities().getEnabledCap().getRouter()).isFalse();
        assertThat(l.info().getMgmtAddress().getSubtype()).isEqualTo(1);
        assertThat(l.info().getMgmtAddress().getAddress().toByteArray()).containsExactly(10, 0, 0, 1);
        assertThat(l.info().getMgmtAddress().getInterfaceNumber()).isEqualTo(1001);
        assertThat(l.info().getOrgTLVs(0).getOUI()).isEqualTo(0x00120f);
        assertThat(l.info().getOrgTLVs(0).getSubType()).isEqualTo(1);
    }

    @Test
    void lldpMalformed() {
        byte[] m = lldp();
        long before = AppErrors.get("LLDP.missingMandatoryTlv");
        assertThat(Lldp.decode(m, 0, m.length - 2, 0)).as("no End TLV").isNull();
        assertThat(AppErrors.get("LLDP.missingMandatoryTlv")).isEqualTo(before + 1);
        assertThat(Lldp.decode(m, 0, m.length - 3, 0)).isNull();
        byte[] bad = m.clone();
        bad[1] = (byte) 0xff; // chassis TLV length past the end
        assertThat(Lldp.decode(bad, 0, bad.length, 0)).isNull();
        // a management address TLV whose OID length is too long leaves the info record partial
        Bytes b = Bytes.of();
        tlv(b, 1, Bytes.of().u8(4, 1, 2, 3, 4, 5, 6).get());
        tlv(b, 2, Bytes.of().u8(5).ascii("x").get());
        tlv(b, 3, Bytes.of().u16(1).get());
        tlv(b, 5, Bytes.of().ascii("n").get());
        tlv(b, 8, Bytes.of().u8(5, 1).u8(10, 0, 0, 1).u8(2).u32(1).u8(9).get());
        tlv(b, 0, new byte[0]);
        byte[] p = b.get();
        Lldp partial = Lldp.decode(p, 0, p.length, 0);
        assertThat(partial.info().getSysName()).isEqualTo("n");
        assertThat(partial.info().getMgmtAddress().getInterfaceNumber()).isEqualTo(1);
        assertThat(partial.info().getMgmtAddress().getOID()).isEmpty();
    }

    static byte[] cdp() {
        return Bytes.of().u8(2, 180).u16(0xabcd)
                .u16(1).u16(4 + 6).ascii("switch")
                .u16(2).u16(4 + 4 + 9).u32(1).u8(1, 1, 0xcc).u16(4).u8(192, 168, 1, 1)
                .u16(3).u16(4 + 5).ascii("Gi0/1")
                .u16(4).u16(8).u32(0x29)
                .u16(0x0a).u16(6).u16(100)
                .u16(0x0b).u16(5).u8(1)
                .u16(0x07).u16(4 + 5).u8(10, 1, 2, 3, 24)
                .u16(0x99).u16(5).u8(7).get();
    }

    @Test
    void cdpBothRecords() {
        byte[] m = cdp();
        Cdp c = Cdp.decode(m, 0, m.length, 0);
        assertThat(c.discovery().getVersion()).isEqualTo(2);
        assertThat(c.discovery().getTTL()).isEqualTo(180);
        assertThat(c.discovery().getValuesList()).extracting(v -> v.getType()).containsExactly(1, 2, 3, 4, 0x0a, 0x0b, 7, 0x99);
        assertThat(c.info().getIPPrefixes(0).getIP()).isEqualTo("10.1.2.0");
        assertThat(c.info().getIPPrefixes(0).getIPMask()).isEqualTo("ffffff00");
        assertThat(c.info().getDeviceID()).isEqualTo("switch");
        assertThat(c.info().getAddressesList()).containsExactly("192.168.1.1");
        assertThat(c.info().getPortID()).isEqualTo("Gi0/1");
        assertThat(c.info().getCapabilities().getL3Router()).isTrue();
        assertThat(c.info().getCapabilities().getL2Switch()).isTrue();
        assertThat(c.info().getCapabilities().getIGMPFilter()).isTrue();
        assertThat(c.info().getNativeVLAN()).isEqualTo(100);
        assertThat(c.info().getFullDuplex()).isTrue();
        assertThat(c.info().getUnknownList()).extracting(v -> v.getType()).containsExactly(0x99);
        // a value too short for its type ends the info record there, both records stay
        byte[] shortMtu = Bytes.of().u8(2, 180).u16(0).u16(1).u16(5).ascii("a").u16(0x11).u16(6).u16(1)
                .u16(0x14).u16(5).ascii("n").get();
        Cdp partial = Cdp.decode(shortMtu, 0, shortMtu.length, 0);
        assertThat(partial.info().getDeviceID()).isEqualTo("a");
        assertThat(partial.info().getSysName()).isEmpty();
        assertThat(partial.discovery().getValuesCount()).isEqualTo(3);
        byte[] v3 = m.clone();
        v3[0] = 3;
        assertThat(Cdp.decode(v3, 0, v3.length, 0)).as("version 3").isNull();
        byte[] bad = m.clone();
        bad[7] = 2; // first TLV length below the 4-byte header
        long before = AppErrors.get("CDP.tlvLengthPastEnd");
        assertThat(Cdp.decode(bad, 0, bad.length, 0)).isNull();
        assertThat(AppErrors.get("CDP.tlvLengthPastEnd")).isEqualTo(before + 1);
    }

    @Test
    void nortelDiscovery() {
        byte[] m = Bytes.of().u8(10, 1, 1, 2).u8(0, 0, 3).u8(12, 6, 3, 1).get();
        var n = NortelDiscovery.decode(m, 0, m.length, 0);
        assertThat(n.getIPAddress()).isEqualTo("10.1.1.2");
        assertThat(n.getSegmentID().toByteArray()).containsExactly(0, 0, 3);
        assertThat(n.getChassis()).isEqualTo(12);
        assertThat(n.getBackplane()).isEqualTo(6);
        assertThat(n.getState()).isEqualTo(3);
        assertThat(n.getNumLinks()).isEqualTo(1);
        assertThat(NortelDiscovery.decode(m, 0, 10, 0)).isNull();
    }

    @Test
    void eapolWithEapAndKey() {
        byte[] eapReq = Bytes.of().u8(1, 0, 0, 5).u8(1, 7).u16(5).u8(1).get();
        List<com.google.protobuf.Message> r = Protocols.appDecoder(LayerKind.EAPOL).decode(eapReq, 0, eapReq.length, 0,
                AppDecoder.Options.UDP);
        assertThat(r).hasSize(2);
        assertThat(((EAPOL) r.get(0)).getType()).isZero();
        EAP eap = (EAP) r.get(1);
        assertThat(eap.getCode()).isEqualTo(1);
        assertThat(eap.getId()).isEqualTo(7);
        assertThat(eap.getType()).isEqualTo(1);
        assertThat(eap.getTypeData().isEmpty()).isTrue();

        byte[] key = Bytes.of().u8(2).u16(0x108a).u16(16).u32(0).u32(1).u8(0xaa).zeros(31).zeros(16).zeros(8).zeros(8)
                .zeros(16).u16(2).u8(0xdd, 0x00).get();
        byte[] frame = Bytes.of().u8(2, 3).u16(key.length).raw(key).get();
        List<com.google.protobuf.Message> k = Protocols.appDecoder(LayerKind.EAPOL).decode(frame, 0, frame.length, 0,
                AppDecoder.Options.UDP);
        EAPOLKey ek = (EAPOLKey) k.get(1);
        assertThat(ek.getKeyDescriptorType()).isEqualTo(2);
        assertThat(ek.getKeyDescriptorVersion()).isEqualTo(2);
        assertThat(ek.getKeyType()).isEqualTo(1);
        assertThat(ek.getKeyACK()).isTrue();
        assertThat(ek.getKeyMIC()).isFalse();
        assertThat(ek.getKeyLength()).isEqualTo(16);
        assertThat(ek.getReplayCounter()).isEqualTo(1);
        assertThat(ek.getNonce().byteAt(0)).isEqualTo((byte) 0xaa);
        assertThat(ek.getKeyDataLength()).isEqualTo(2);
        assertThat(ek.getHasEncryptedKeyData()).isTrue();
        assertThat(ek.getEncryptedKeyData().toByteArray()).containsExactly(0xdd, 0x00);
        byte[] cut = java.util.Arrays.copyOf(frame, frame.length - 1);
        assertThat(Protocols.appDecoder(LayerKind.EAPOL).decode(cut, 0, cut.length, 0, AppDecoder.Options.UDP)).hasSize(1);
    }
}
