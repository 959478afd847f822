package io.netcap.decoder.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** RFC 5952 text forms (section 4 examples) and MAC rendering. */
class AddrTest {
    static byte[] v6(int... groups) {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[2 * i] = (byte) (groups[i] >> 8);
            b[2 * i + 1] = (byte) groups[i];
        }
        return b;
    }

    @Test
    void ipv6Canonical() {
        assertThat(Addr.ipv6(v6(0x2001, 0xdb8, 0, 0, 0, 0, 2, 1), 0)).isEqualTo("2001:db8::2:1");
        assertThat(Addr.ipv6(v6(0x2001, 0xdb8, 0, 1, 1, 1, 1, 1), 0)).isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(Addr.ipv6(v6(0x2001, 0, 0, 1, 0, 0, 0, 1), 0)).isEqualTo("2001:0:0:1::1");
        assertThat(Addr.ipv6(v6(0x2001, 0xdb8, 0, 0, 1, 0, 0, 1), 0)).isEqualTo("2001:db8::1:0:0:1");
        assertThat(Addr.ipv6(v6(0, 0, 0, 0, 0, 0, 0, 0), 0)).isEqualTo("::");
        assertThat(Addr.ipv6(v6(0, 0, 0, 0, 0, 0, 0, 1), 0)).isEqualTo("::1");
        assertThat(Addr.ipv6(v6(0xfe80, 0, 0, 0, 0, 0, 0, 0), 0)).isEqualTo("fe80::");
        assertThat(Addr.ipv6(v6(0, 0, 0, 0, 0, 0xffff, 0xc000, 0x0280), 0)).isEqualTo("::ffff:192.0.2.128");
    }

    @Test
    void macAndNil() {
        assertThat(Addr.mac(new byte[] {0, 0x0c, 0x29, (byte) 0xbb, (byte) 0xec, (byte) 0x9b}, 0, 6)).isEqualTo("00:0c:29:bb:ec:9b");
        assertThat(Addr.mac(new byte[0], 0, 0)).isEmpty();
        assertThat(Addr.ip(new byte[0], 0, 0)).isEqualTo("<nil>");
    }
}
