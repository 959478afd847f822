package io.netcap.label;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** eve.json events as Suricata writes them; expected values worked out by hand. */
class EveTest {
    private static AlertFile read(String text) throws IOException {
        return Eve.read(new StringReader(text), "eve.json");
    }

    @Test
    void alertWithOffsetAndCommunityId() throws IOException {
        AlertFile f = read("""
                {"timestamp":"2016-07-13T18:42:07.573103-0400","flow_id":1,"event_type":"alert","src_ip":"82.165.177.154","src_port":80,"dest_ip":"10.16.1.11","dest_port":54186,"proto":"TCP","community_id":"1:vmuKZFV6IfYF/3WMVJdtUQygRUs=","alert":{"action":"allowed","gid":1,"signature_id":2100498,"rev":7,"signature":"GPL ATTACK_RESPONSE id check returned root","category":"Potentially Bad Traffic","severity":2}}
                {"timestamp":"2016-06-08T20:01:52.875791+0000","event_type":"fileinfo","src_ip":"188.40.238.250"}
                """);
        assertThat(f.problems()).isEmpty();
        assertThat(f.otherEvents()).isEqualTo(1);
        Alert a = f.alerts().getFirst();
        // 18:42:07 at -04:00 is 22:42:07 UTC = 1468449727 s
        assertThat(a.time()).isEqualTo(1468449727573103000L);
        assertThat(a).extracting(Alert::proto, Alert::srcIp, Alert::srcPort, Alert::dstIp, Alert::dstPort,
                        Alert::classification, Alert::signature, Alert::signatureId, Alert::communityId)
                .containsExactly("TCP", "82.165.177.154", 80, "10.16.1.11", 54186, "Potentially Bad Traffic",
                        "GPL ATTACK_RESPONSE id check returned root", 2100498L, "1:vmuKZFV6IfYF/3WMVJdtUQygRUs=");
    }

    @Test
    void icmpWithoutPortsAndCompressedIpv6() throws IOException {
        AlertFile f = read("""
                {"timestamp":"2020-01-01T00:00:00.000001+00:00","event_type":"alert","src_ip":"2001:0db8::0001","dest_ip":"::ffff:10.0.0.1","proto":"IPv6-ICMP","alert":{"signature":"s","category":"c"}}
                """);
        assertThat(f.problems()).isEmpty();
        Alert a = f.alerts().getFirst();
        assertThat(a).extracting(Alert::proto, Alert::srcIp, Alert::srcPort, Alert::dstIp, Alert::dstPort)
                .containsExactly("IPV6-ICMP", "2001:db8::1", -1, "10.0.0.1", -1);
    }

    @Test
    void truncatedAndBrokenLinesAreReported() throws IOException {
        AlertFile f = read("""
                {"timestamp":"2020-01-01T00:00:00.000001+0000","event_type":"alert","src_ip":"1.2.3.4","src_port":1,"dest_ip":"5.6.7.8","dest_port":2,"proto":"TCP","alert":{"signature":"s","category":"c"}}
                {"timestamp":"yesterday","event_type":"alert","src_ip":"1.2.3.4","dest_ip":"5.6.7.8"}
                {"timestamp":"2020-01-01T00:00:00.000001+0000","event_type":"alert","src_ip":"host.example","dest_ip":"5.6.7.8"}
                [1,2]
                {"timestamp":"2020-01-01T00:00:00.000001+0000","event_type":"alert","src_ip":"1.2.3.4","src_po""");
        assertThat(f.alerts()).hasSize(1);
        assertThat(f.problems()).extracting(AlertFile.Problem::line).containsExactly(2L, 3L, 4L, 5L);
        assertThat(f.problems().get(3).message()).startsWith("not a JSON object");
    }
}
