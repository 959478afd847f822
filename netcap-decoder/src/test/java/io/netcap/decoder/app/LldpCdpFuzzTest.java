package io.netcap.decoder.app;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netcap.decoder.Protocols;
import io.netcap.packet.layer.LayerKind;

/** LLDP, CDP, Nortel discovery and EAPOL on arbitrary bytes: never an exception. */
class LldpCdpFuzzTest {
    @FuzzTest
    void linkDiscovery(byte[] data) {
        Lldp.decode(data, 0, data.length, 0);
        Cdp.decode(data, 0, data.length, 0);
        NortelDiscovery.decode(data, 0, data.length, 0);
        Protocols.appDecoder(LayerKind.EAPOL).decode(data, 0, data.length, 0, AppDecoder.Options.UDP);
    }
}
