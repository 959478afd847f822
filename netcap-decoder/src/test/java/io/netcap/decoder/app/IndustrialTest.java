package io.netcap.decoder.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import io.netcap.decoder.Protocols;
import io.netcap.packet.layer.LayerKind;
import io.netcap.types.CIP;
import io.netcap.types.ENIP;
import io.netcap.types.LCM;
import java.util.List;
import org.junit.jupiter.api.Test;

class IndustrialTest {

    @Test
    void modbusReadHoldingRegisters() {
        byte[] m = Bytes.of().u16(0x0001).u16(0).u16(6).u8(0x11).u8(0x03).u16(0x006b).u16(0x0003).get();
        var r = Modbus.decode(m, 0, m.length, 0, true);
        assertThat(r.getTransactionID()).isEqualTo(1);
        assertThat(r.getLength()).isEqualTo(6);
        assertThat(r.getUnitID()).isEqualTo(0x11);
        assertThat(r.getFunctionCode()).isEqualTo(3);
        assertThat(r.getException()).isFalse();
        assertThat(r.getPayload().toByteArray()).containsExactly(0x00, 0x6b, 0x00, 0x03);
        assertThat(Modbus.decode(m, 0, m.length, 0, false).getPayload().isEmpty()).isTrue();
        byte[] ex = Bytes.of().u16(2).u16(0).u16(3).u8(1).u8(0x83).u8(2).get();
        var e = Modbus.decode(ex, 0, ex.length, 0, false);
        assertThat(e.getException()).isTrue();
        assertThat(e.getFunctionCode()).isEqualTo(3);
        long before = AppErrors.get("MODBUS.lengthExceedsSegment");
        assertThat(Modbus.decode(m, 0, m.length - 1, 0, false)).isNull();
        assertThat(AppErrors.get("MODBUS.lengthExceedsSegment")).isEqualTo(before + 1);
    }

    static byte[] enipSendRRData() {
        byte[] cip = Bytes.of().u8(0x0e, 3).u8(0x20, 0x01, 0x24, 0x01, 0x30, 0x07).get(); // Get_Attribute_Single 1/1/7
        // CPF: interface handle 0, timeout, 2 items: null address (0x0000) and unconnected data (0x00b2)
        Bytes cpf = Bytes.of().u32le(0).u16le(0).u16le(2).u16le(0).u16le(0).u16le(0xb2).u16le(cip.length).raw(cip);
        byte[] d = cpf.get();
        return Bytes.of().u16le(0x6f).u16le(d.length).u32le(0x11223344L).u32le(0).u8(1, 2, 3, 4, 5, 6, 7, 8).u32le(0)
                .raw(d).get();
    }

    @Test
    void enipCarriesCip() {
        byte[] m = enipSendRRData();
        List<Message> r = Protocols.appDecoder(LayerKind.ENIP).decode(m, 0, m.length, 0, new AppDecoder.Options(true, true));
        ENIP e = (ENIP) r.get(0);
        assertThat(e.getCommand()).isEqualTo(0x6f);
        assertThat(e.getLength()).isEqualTo(m.length - 24);
        // command-specific data: the CPF header up to the data item's payload (16 bytes), as in the original
        assertThat(e.getCommandSpecific().getData().size()).isEqualTo(16);
        assertThat(e.getSessionHandle()).isEqualTo(0x11223344);
        assertThat(e.getSenderContext().toByteArray()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(e.getCommandSpecific().getCmd()).isEqualTo(0x6f);
        CIP c = (CIP) r.get(1);
        assertThat(c.getResponse()).isFalse();
        assertThat(c.getServiceID()).isEqualTo(0x0e);
        assertThat(c.getClassID()).isEqualTo(1);
        assertThat(c.getInstanceID()).isEqualTo(1);
        assertThat(c.getData().toByteArray()).containsExactly(0x30, 0x07);
        long before = AppErrors.get("ENIP.sendDataTooShort");
        assertThat(Enip.decode(m, 0, 35, 0)).isNull();
        assertThat(AppErrors.get("ENIP.sendDataTooShort")).isEqualTo(before + 1);
        byte[] items = m.clone();
        items[36] = (byte) 0xa1; // the data item becomes an address item of 200 bytes, past the end
        items[38] = (byte) 200;
        long past = AppErrors.get("ENIP.itemsPastEnd");
        assertThat(Enip.decode(items, 0, items.length, 0)).isNull();
        assertThat(AppErrors.get("ENIP.itemsPastEnd")).isEqualTo(past + 1);
    }

    /** Two SendRRData messages and a ListIdentity request (no data) back to back in one segment. */
    @Test
    void everyEncapsulatedMessageOfASegmentIsDecoded() {
        byte[] rr = enipSendRRData();
        byte[] listIdentity = Bytes.of().u16le(0x63).u16le(0).u32le(0).u32le(0).u8(0, 0, 0, 0, 0, 0, 0, 0).u32le(0).get();
        byte[] segment = Bytes.of().raw(rr).raw(listIdentity).raw(rr).get();
        List<Message> r = Protocols.appDecoder(LayerKind.ENIP).decode(segment, 0, segment.length, 0,
                new AppDecoder.Options(true, true));
        assertThat(r).extracting(m -> m.getDescriptorForType().getName())
                .containsExactly("ENIP", "CIP", "ENIP", "ENIP", "CIP");
        assertThat(((ENIP) r.get(2)).getCommand()).isEqualTo(0x63);
        assertThat(((ENIP) r.get(2)).getCommandSpecific().getData().isEmpty()).isTrue();
        assertThat(((CIP) r.get(4)).getData().toByteArray()).containsExactly(0x30, 0x07);

        long before = AppErrors.get("ENIP.trailingMessageTruncated");
        byte[] cut = java.util.Arrays.copyOf(segment, rr.length + 10);
        assertThat(Protocols.appDecoder(LayerKind.ENIP).decode(cut, 0, cut.length, 0, new AppDecoder.Options(true, true)))
                .hasSize(2);
        assertThat(AppErrors.get("ENIP.trailingMessageTruncated")).isEqualTo(before + 1);
    }

    @Test
    void cipResponseWithAdditionalStatus() {
        byte[] m = Bytes.of().u8(0x8e, 0, 0x05, 1).u16le(0x1234).u8(9, 9).get();
        CIP c = Cip.decode(m, 0, m.length, 0, true);
        assertThat(c.getResponse()).isTrue();
        assertThat(c.getServiceID()).isEqualTo(0x0e);
        assertThat(c.getStatus()).isEqualTo(5);
        assertThat(c.getAdditionalStatusList()).containsExactly(0x1234);
        assertThat(c.getData().toByteArray()).containsExactly(9, 9);
        m[3] = 10;
        assertThat(Cip.decode(m, 0, m.length, 0, true)).isNull();
    }

    @Test
    void lcmShortAndFragment() {
        byte[] s = Bytes.of().u32(0x4c433032L).u32(7).ascii("POSE").u8(0).u8(1, 2, 3, 4, 5, 6, 7, 8).u8(9).get();
        LCM l = Lcm.decode(s, 0, s.length, 0);
        assertThat(l.getSequenceNumber()).isEqualTo(7);
        assertThat(l.getChannelName()).isEqualTo("POSE");
        assertThat(l.getFragmented()).isFalse();
        byte[] f = Bytes.of().u32(0x4c433033L).u32(8).u32(100000).u32(0).u16(0).u16(3).ascii("CAM").u8(0).zeros(8).get();
        LCM lf = Lcm.decode(f, 0, f.length, 0);
        assertThat(lf.getFragmented()).isTrue();
        assertThat(lf.getPayloadSize()).isEqualTo(100000);
        assertThat(lf.getTotalFragments()).isEqualTo(3);
        assertThat(lf.getChannelName()).isEqualTo("CAM");
        assertThat(Lcm.decode(s, 0, 12, 0)).as("unterminated channel").isNull();
        long before = AppErrors.get("LCM.fingerprintTruncated");
        assertThat(Lcm.decode(s, 0, 16, 0)).as("no 8-byte fingerprint after the name").isNull();
        assertThat(AppErrors.get("LCM.fingerprintTruncated")).isEqualTo(before + 1);
        s[0] = 'X';
        assertThat(Lcm.decode(s, 0, s.length, 0)).isNull();
    }

    @Test
    void diameterWithAvps() {
        byte[] origin = Bytes.of().u32(264).u8(0x40).u8(0, 0, 8 + 9).ascii("host.test").zeros(3).get(); // Origin-Host
        byte[] vendor = Bytes.of().u32(1).u8(0xc0).u8(0, 0, 16).u32(10415).u32(42).get();
        int len = 20 + origin.length + vendor.length;
        byte[] m = Bytes.of().u8(1).u8(0, (len >> 8) & 0xff, len & 0xff).u8(0x80).u8(0, 1, 0x01).u32(0).u32(0xaabbccddL)
                .u32(0x11223344L).raw(origin).raw(vendor).get();
        var d = Diameter.decode(m, 0, m.length, 0);
        assertThat(d.getVersion()).isEqualTo(1);
        assertThat(d.getMessageLen()).isEqualTo(len);
        assertThat(d.getFlags()).isEqualTo(0x80);
        assertThat(d.getCommandCode()).isEqualTo(257);
        assertThat(d.getHopByHopID()).isEqualTo(0xaabbccdd);
        assertThat(d.getAVPsCount()).isEqualTo(2);
        assertThat(d.getAVPs(0).getAttributeCode()).isEqualTo(264);
        assertThat(d.getAVPs(0).getLen()).isEqualTo(17);
        assertThat(d.getAVPs(0).getPadding()).isEqualTo(3);
        assertThat(d.getAVPs(0).getValue().toStringUtf8()).isEqualTo("host.test");
        assertThat(d.getAVPs(1).getHeaderLen()).isEqualTo(12);
        assertThat(d.getAVPs(1).getVendorCode()).isEqualTo(10415);
        byte[] bad = m.clone();
        bad[20 + 7] = 100; // first AVP length past the message
        long before = AppErrors.get("DIAMETER.avpLengthPastEnd");
        assertThat(Diameter.decode(bad, 0, bad.length, 0)).isNull();
        assertThat(AppErrors.get("DIAMETER.avpLengthPastEnd")).isEqualTo(before + 1);
    }
}
