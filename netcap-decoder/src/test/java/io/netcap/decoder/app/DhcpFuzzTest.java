package io.netcap.decoder.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netcap.types.DHCPv4;
import io.netcap.types.DHCPv6;

/** DHCPv4 and DHCPv6 on arbitrary bytes: never an exception; the fingerprint lists every option. */
class DhcpFuzzTest {
    @FuzzTest
    void dhcp(byte[] data) {
        DHCPv4 d = DhcpV4.decode(data, 0, data.length, 0);
        if (d != null) {
            assertThat(d.getFingerprint().isEmpty() ? 0 : d.getFingerprint().split(",").length).isEqualTo(d.getOptionsCount());
        }
        DHCPv6 d6 = DhcpV6.decode(data, 0, data.length, 0);
        if (d6 != null) {
            assertThat(d6.getFingerprint().isEmpty() ? 0 : d6.getFingerprint().split(",").length).isEqualTo(d6.getOptionsCount());
        }
    }
}
