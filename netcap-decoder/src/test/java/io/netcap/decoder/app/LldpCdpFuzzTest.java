package io.netcap.decoder.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.Message;
import io.netcap.packet.layer.LayerKind;
import io.netcap.types.CiscoDiscovery;
import io.netcap.types.CiscoDiscoveryInfo;
import io.netcap.types.EAPOL;
import io.netcap.types.LinkLayerDiscovery;
import io.netcap.types.LinkLayerDiscoveryInfo;
import io.netcap.types.NortelDiscovery;
import java.util.List;

/**
 * LLDP, CDP, Nortel discovery and EAPOL on arbitrary bytes: no internal failure, every input decoded or
 * reported, and the records in layer order with header fields read from the bytes.
 */
class LldpCdpFuzzTest {
    private final Guarded guarded = new Guarded();

    @FuzzTest
    void linkDiscovery(byte[] data) {
        List<Message> lldp = guarded.decode(LayerKind.LLDP, data);
        if (!lldp.isEmpty()) {
            assertThat(lldp).hasSize(2);
            assertThat(lldp.get(0)).isInstanceOf(LinkLayerDiscovery.class);
            assertThat(lldp.get(1)).isInstanceOf(LinkLayerDiscoveryInfo.class);
        }
        List<Message> cdp = guarded.decode(LayerKind.CDP, data);
        if (!cdp.isEmpty()) {
            assertThat(cdp).hasSize(2);
            assertThat(((CiscoDiscovery) cdp.get(0)).getVersion()).isEqualTo(data[0] & 0xff);
            assertThat(cdp.get(1)).isInstanceOf(CiscoDiscoveryInfo.class);
        }
        List<Message> nortel = guarded.decode(LayerKind.NORTEL_DISCOVERY, data);
        if (!nortel.isEmpty()) {
            assertThat(((NortelDiscovery) nortel.getFirst()).getNumLinks()).isEqualTo(data[10] & 0xff);
        }
        List<Message> eapol = guarded.decode(LayerKind.EAPOL, data);
        if (!eapol.isEmpty()) {
            EAPOL e = (EAPOL) eapol.getFirst();
            assertThat(e.getType()).isEqualTo(data[1] & 0xff);
            // a body the EAP or EAPOL-Key decoder rejects is reported, not dropped
            if (eapol.size() == 1 && (e.getType() == 0 || e.getType() == 3) && data.length > Eapol.HEADER_LEN) {
                assertThat(guarded.errors).anyMatch(k -> k.equals("MALFORMED_EAP") || k.equals("MALFORMED_EAPOL_KEY"));
            }
        }
    }
}
