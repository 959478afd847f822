package io.netcap.decoder.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** Vectors of the Community ID specification's baseline (corelight community-id-spec, Zeek's btest). */
class CommunityIdTest {
    private static byte[] a(String s) throws Exception {
        return InetAddress.getByName(s).getAddress();
    }

    @Test
    void tcpAndUdpBothDirections() throws Exception {
        assertThat(CommunityId.v1(0, a("1.2.3.4"), a("5.6.7.8"), 6, 1122, 3344)).isEqualTo("1:wCb3OG7yAFWelaUydu0D+125CLM=");
        assertThat(CommunityId.v1(0, a("5.6.7.8"), a("1.2.3.4"), 6, 3344, 1122)).isEqualTo("1:wCb3OG7yAFWelaUydu0D+125CLM=");
        assertThat(CommunityId.v1(0, a("1.2.3.4"), a("5.6.7.8"), 17, 1122, 3344)).isEqualTo("1:0Mu9InQx6z4ZiCZM/7HXi2WMhOg=");
        assertThat(CommunityId.v1(0, a("5.6.7.8"), a("1.2.3.4"), 17, 3344, 1122)).isEqualTo("1:0Mu9InQx6z4ZiCZM/7HXi2WMhOg=");
    }

    @Test
    void icmpEchoAndReplyShareTheId() throws Exception {
        assertThat(CommunityId.v1(0, a("1.2.3.4"), a("5.6.7.8"), 1, 8, 0)).isEqualTo("1:crodRHL2FEsHjbv3UkRrfbs4bZ0=");
        assertThat(CommunityId.v1(0, a("5.6.7.8"), a("1.2.3.4"), 1, 0, 0)).isEqualTo("1:crodRHL2FEsHjbv3UkRrfbs4bZ0=");
    }

    @Test
    void icmpv6Echo() throws Exception {
        assertThat(CommunityId.v1(0, a("fe80:0001:0203:0405:0607:0809:0A0B:0C0D"),
                a("fe80:1011:1213:1415:1617:1819:1A1B:1C1D"), 58, 128, 0)).isEqualTo("1:0bf7hyMJUwt3fMED7z8LIfRpBeo=");
    }

    @Test
    void portlessProtocol() throws Exception {
        assertThat(CommunityId.v1(0, a("1.2.3.4"), a("5.6.7.8"), 46, 0, 0)).isEqualTo("1:ikv3kmf89luf73WPz1jOs49S768=");
    }

    @Test
    void seedOne() throws Exception {
        assertThat(CommunityId.v1(1, a("1.2.3.4"), a("5.6.7.8"), 6, 1122, 3344)).isEqualTo("1:HhA1B+6CoLbiKPEs5nhNYN4XWfk=");
        assertThat(CommunityId.v1(1, a("1.2.3.4"), a("5.6.7.8"), 17, 1122, 3344)).isEqualTo("1:OShq+iKDAMVouh/4bMxB9Sz4amw=");
        assertThat(CommunityId.v1(1, a("1.2.3.4"), a("5.6.7.8"), 1, 8, 0)).isEqualTo("1:9pr4ZGTICiuZoIh90RRYE2RyXpU=");
    }
}
