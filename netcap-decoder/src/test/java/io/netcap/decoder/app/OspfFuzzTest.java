package io.netcap.decoder.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.Message;
import io.netcap.packet.layer.LayerKind;
import io.netcap.types.BFD;
import io.netcap.types.IGMP;
import io.netcap.types.OSPFv2;
import io.netcap.types.OSPFv3;
import io.netcap.types.VRRPv2;
import java.util.List;

/**
 * OSPF and the other IP-protocol decoders (IGMP, VRRP) plus BFD on arbitrary bytes: no internal
 * failure, every input decoded or reported, and the header fields read from the bytes the record names.
 */
class OspfFuzzTest {
    private final Guarded guarded = new Guarded();

    @FuzzTest
    void ospf(byte[] data) {
        for (Message m : guarded.decode(LayerKind.OSPF, data)) {
            int version = m instanceof OSPFv2 v2 ? v2.getVersion() : ((OSPFv3) m).getVersion();
            assertThat(version).isEqualTo(data[0] & 0xff).isEqualTo(m instanceof OSPFv2 ? 2 : 3);
        }
        List<Message> igmp = guarded.decode(LayerKind.IGMP, data);
        if (!igmp.isEmpty()) {
            assertThat(((IGMP) igmp.getFirst()).getType()).isEqualTo(data[0] & 0xff);
        }
        List<Message> vrrp = guarded.decode(LayerKind.VRRP, data);
        if (!vrrp.isEmpty()) {
            VRRPv2 v = (VRRPv2) vrrp.getFirst();
            assertThat(v.getIPAddressCount()).isEqualTo(v.getCountIPAddr()).isEqualTo(data[3] & 0xff);
        }
        List<Message> bfd = guarded.decode(LayerKind.BFD, data);
        if (!bfd.isEmpty()) {
            assertThat(((BFD) bfd.getFirst()).getVersion()).isEqualTo((data[0] & 0xff) >> 5);
        }
    }
}
