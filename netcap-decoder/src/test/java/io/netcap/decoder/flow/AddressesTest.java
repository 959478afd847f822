package io.netcap.decoder.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class AddressesTest {
    private static String v6(String s) throws Exception {
        return Addresses.ip(InetAddress.getByName(s).getAddress(), 0, 16);
    }

    @Test
    void ipv6CanonicalText() throws Exception {
        // RFC 5952 section 4 examples.
        assertThat(v6("2001:db8:0:0:0:0:2:1")).isEqualTo("2001:db8::2:1");
        assertThat(v6("2001:db8:0:1:1:1:1:1")).isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(v6("2001:0:0:1:0:0:0:1")).isEqualTo("2001:0:0:1::1");
        assertThat(v6("2001:db8:0:0:1:0:0:1")).isEqualTo("2001:db8::1:0:0:1");
        assertThat(v6("0:0:0:0:0:0:0:0")).isEqualTo("::");
        assertThat(v6("0:0:0:0:0:0:0:1")).isEqualTo("::1");
        assertThat(v6("fe80:0:0:0:0:0:0:0")).isEqualTo("fe80::");
    }

    @Test
    void ipv4AndMac() {
        assertThat(Addresses.ip(new byte[] {(byte) 192, (byte) 168, 0, 1}, 0, 4)).isEqualTo("192.168.0.1");
        assertThat(Addresses.mac(new byte[] {0, 0x1b, (byte) 0xAC, 0, 0x0f, (byte) 0xff}, 0)).isEqualTo("00:1b:ac:00:0f:ff");
    }
}
