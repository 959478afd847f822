package io.netcap.decoder.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.decoder.app.AppDispatch.Protocol;
import org.junit.jupiter.api.Test;

class AppDispatchTest {

    @Test
    void udpByDestinationThenSource() {
        assertThat(AppDispatch.udp(50000, 53)).isEqualTo(Protocol.DNS);
        assertThat(AppDispatch.udp(53, 50000)).isEqualTo(Protocol.DNS);
        assertThat(AppDispatch.udp(68, 67)).isEqualTo(Protocol.DHCPV4);
        assertThat(AppDispatch.udp(546, 547)).isEqualTo(Protocol.DHCPV6);
        assertThat(AppDispatch.udp(123, 123)).isEqualTo(Protocol.NTP);
        assertThat(AppDispatch.udp(5060, 40000)).isEqualTo(Protocol.SIP);
        assertThat(AppDispatch.udp(49152, 3784)).isEqualTo(Protocol.BFD);
        assertThat(AppDispatch.udp(7667, 7667)).isEqualTo(Protocol.LCM);
        // destination wins: 123 -> 53 goes to DNS
        assertThat(AppDispatch.udp(123, 53)).isEqualTo(Protocol.DNS);
        assertThat(AppDispatch.udp(1, 2)).isNull();
    }

    @Test
    void tcpOnlyWithDatagrams() {
        assertThat(AppDispatch.tcp(40000, 502, false)).isNull();
        assertThat(AppDispatch.tcp(40000, 502, true)).isEqualTo(Protocol.MODBUS);
        assertThat(AppDispatch.tcp(44818, 40000, true)).isEqualTo(Protocol.ENIP);
        assertThat(AppDispatch.tcp(40000, 53, true)).isEqualTo(Protocol.DNS);
        assertThat(AppDispatch.tcp(40000, 443, true)).isNull();
    }

    @Test
    void linkAndNetworkCarriers() {
        assertThat(AppDispatch.etherType(0x88cc)).isEqualTo(Protocol.LLDP);
        assertThat(AppDispatch.etherType(0x888e)).isEqualTo(Protocol.EAPOL);
        assertThat(AppDispatch.snap(0x00000c, 0x2000)).isEqualTo(Protocol.CDP);
        assertThat(AppDispatch.snap(0x000081, 0x01a2)).isEqualTo(Protocol.NORTEL_DISCOVERY);
        assertThat(AppDispatch.snap(0x000081, 0x01a1)).isNull();
        assertThat(AppDispatch.ipProtocol(2)).isEqualTo(Protocol.IGMP);
        assertThat(AppDispatch.ipProtocol(89)).isEqualTo(Protocol.OSPF);
        assertThat(AppDispatch.ipProtocol(112)).isEqualTo(Protocol.VRRP);
    }

    @Test
    void everyProtocolHasARouteAndRecordTypes() {
        for (Protocol p : Protocol.values()) {
            assertThat(AppDispatch.ROUTES).as(p.name()).anyMatch(r -> r.protocol() == p);
            assertThat(p.types()).isNotEmpty();
        }
    }

    @Test
    void decodeNeverThrowsOnGarbage() {
        java.util.Random rnd = new java.util.Random(1);
        for (int i = 0; i < 2000; i++) {
            byte[] b = new byte[rnd.nextInt(80)];
            rnd.nextBytes(b);
            for (Protocol p : Protocol.values()) {
                AppDispatch.decode(p, b, 0, b.length, 0, new AppDispatch.Options(true, rnd.nextBoolean()));
            }
        }
        assertThat(AppErrors.total("")).isGreaterThan(0);
    }
}
