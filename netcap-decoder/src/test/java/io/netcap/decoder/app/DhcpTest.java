package io.netcap.decoder.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.types.DHCPv4;
import io.netcap.types.DHCPv6;
import org.junit.jupiter.api.Test;

class DhcpTest {

    static Bytes v4Header(int hlen) {
        return Bytes.of().u8(1, 1, hlen, 0).u32(0x3903f326L).u16(3).u16(0x8000)
                .u8(0, 0, 0, 0).u8(192, 168, 0, 10).u8(192, 168, 0, 1).u8(0, 0, 0, 0)
                .u8(0x00, 0x05, 0x3c, 0x04, 0x8d, 0x59).zeros(10).ascii("srv").zeros(61).zeros(128).u32(0x63825363L);
    }

    static byte[] discover() {
        return v4Header(6).u8(53, 1, 1).u8(0).u8(61, 7, 1, 0x00, 0x05, 0x3c, 0x04, 0x8d, 0x59)
                .u8(55, 4, 1, 3, 6, 15).u8(255).zeros(8).get();
    }

    @Test
    void dhcpv4FieldsOptionsAndFingerprint() {
        byte[] m = discover();
        DHCPv4 d = DhcpV4.decode(m, 0, m.length, 9L);
        assertThat(d.getOperation()).isEqualTo(1);
        assertThat(d.getHardwareType()).isEqualTo(1);
        assertThat(d.getHardwareLen()).isEqualTo(6);
        assertThat(Integer.toUnsignedLong(d.getXid())).isEqualTo(0x3903f326L);
        assertThat(d.getSecs()).isEqualTo(3);
        assertThat(d.getFlags()).isEqualTo(0x8000);
        assertThat(d.getClientIP()).isEqualTo("0.0.0.0");
        assertThat(d.getYourClientIP()).isEqualTo("192.168.0.10");
        assertThat(d.getNextServerIP()).isEqualTo("192.168.0.1");
        assertThat(d.getRelayAgentIP()).isEqualTo("0.0.0.0");
        assertThat(d.getClientHWAddr()).isEqualTo("00:05:3c:04:8d:59");
        assertThat(d.getServerName().size()).isEqualTo(64);
        assertThat(d.getServerName().substring(0, 3).toStringUtf8()).isEqualTo("srv");
        assertThat(d.getFile().size()).isEqualTo(128);
        // Pad is an option of its own; End stops the list and is not included
        assertThat(d.getOptionsList()).extracting(o -> o.getType()).containsExactly(53, 0, 61, 55);
        assertThat(d.getFingerprint()).isEqualTo("53,0,61,55");
        assertThat(d.getOptions(3).getLength()).isEqualTo(4);
        assertThat(d.getOptions(3).getDataBytes().toByteArray()).containsExactly(1, 3, 6, 15);
        assertThat(DhcpV4.messageType(d)).isEqualTo(1);
    }

    @Test
    void dhcpv4MalformedInputIsCounted() {
        byte[] m = discover();
        assertRejected(java.util.Arrays.copyOf(m, 239), "DHCPV4.tooShort");
        byte[] badCookie = m.clone();
        badCookie[236] = 0;
        assertRejected(badCookie, "DHCPV4.badMagicCookie");
        byte[] longOpt = v4Header(6).u8(53, 1, 1).u8(55, 40, 1, 3).get();
        assertRejected(longOpt, "DHCPV4.optionLengthPastEnd");
        byte[] cut = v4Header(6).u8(53).get();
        assertRejected(cut, "DHCPV4.optionTruncated");
        // a hardware length above 16 reads on into sname, as the original does
        byte[] h17 = v4Header(17).u8(255).get();
        assertThat(DhcpV4.decode(h17, 0, h17.length, 0).getClientHWAddr()).hasSize(17 * 3 - 1);
        byte[] h255 = java.util.Arrays.copyOf(v4Header(255).u8(255).get(), 270);
        assertRejected(h255, "DHCPV4.badHardwareLen");
        for (int n = 0; n < m.length; n++) DhcpV4.decode(m, 0, n, 0);
    }

    @Test
    void dhcpv6SolicitAndRelay() {
        byte[] s = Bytes.of().u8(1, 0xab, 0xcd, 0xef).u16(1).u16(4).u8(0, 1, 2, 3).u16(8).u16(2).u16(0).get();
        DHCPv6 d = DhcpV6.decode(s, 0, s.length, 1L);
        assertThat(d.getMsgType()).isEqualTo(1);
        assertThat(d.getTransactionID().toByteArray()).containsExactly(0xab, 0xcd, 0xef);
        assertThat(d.getLinkAddr()).isEqualTo("<nil>");
        assertThat(d.getOptionsList()).extracting(o -> o.getCode()).containsExactly(1, 8);
        assertThat(d.getFingerprint()).isEqualTo("1,8");
        byte[] relay = Bytes.of().u8(12, 3).u8(0x20, 0x01, 0x0d, 0xb8).zeros(11).u8(1)
                .u8(0xfe, 0x80).zeros(13).u8(2).u16(9).u16(0).get();
        DHCPv6 r = DhcpV6.decode(relay, 0, relay.length, 1L);
        assertThat(r.getHopCount()).isEqualTo(3);
        assertThat(r.getLinkAddr()).isEqualTo("2001:db8::1");
        assertThat(r.getPeerAddr()).isEqualTo("fe80::2");
        assertThat(r.getTransactionID().isEmpty()).isTrue();
    }

    @Test
    void dhcpv6MalformedInputIsCounted() {
        long before = AppErrors.get("DHCPV6.optionLengthPastEnd");
        byte[] s = Bytes.of().u8(1, 0, 0, 1).u16(1).u16(40).u8(0, 1).get();
        assertThat(DhcpV6.decode(s, 0, s.length, 0)).isNull();
        assertThat(AppErrors.get("DHCPV6.optionLengthPastEnd")).isEqualTo(before + 1);
        byte[] relay = Bytes.of().u8(13, 0).zeros(20).get();
        assertThat(DhcpV6.decode(relay, 0, relay.length, 0)).isNull();
        assertThat(DhcpV6.decode(s, 0, 3, 0)).isNull();
    }

    private static void assertRejected(byte[] m, String counter) {
        long before = AppErrors.get(counter);
        assertThat(DhcpV4.decode(m, 0, m.length, 0)).isNull();
        assertThat(AppErrors.get(counter)).as(counter).isEqualTo(before + 1);
    }
}
