package io.netcap.decoder.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.Message;
import io.netcap.packet.layer.LayerKind;
import io.netcap.types.DHCPv4;
import io.netcap.types.DHCPv6;

/**
 * DHCPv4 and DHCPv6 on arbitrary bytes: no internal failure, every input decoded or reported, and the
 * fingerprint lists every option.
 */
class DhcpFuzzTest {
    private final Guarded guarded = new Guarded();

    @FuzzTest
    void dhcp(byte[] data) {
        for (Message m : guarded.decode(LayerKind.DHCPV4, data)) {
            DHCPv4 d = (DHCPv4) m;
            assertThat(d.getFingerprint().isEmpty() ? 0 : d.getFingerprint().split(",").length).isEqualTo(d.getOptionsCount());
        }
        for (Message m : guarded.decode(LayerKind.DHCPV6, data)) {
            DHCPv6 d6 = (DHCPv6) m;
            assertThat(d6.getFingerprint().isEmpty() ? 0 : d6.getFingerprint().split(",").length).isEqualTo(d6.getOptionsCount());
        }
    }
}
