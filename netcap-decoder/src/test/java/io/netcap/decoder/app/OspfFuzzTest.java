package io.netcap.decoder.app;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** OSPF and the other IP-protocol decoders (IGMP, VRRP) plus BFD on arbitrary bytes: never an exception. */
class OspfFuzzTest {
    @FuzzTest
    void ospf(byte[] data) {
        Ospf.decode(data, 0, data.length, 0);
        Igmp.decode(data, 0, data.length, 0);
        Vrrp.decode(data, 0, data.length, 0);
        Bfd.decode(data, 0, data.length, 0);
    }
}
