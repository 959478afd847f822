package io.netcap.label;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** fast.log lines as Suricata writes them; expected values worked out by hand from the lines. */
class FastLogTest {
    private static AlertFile read(String text, ZoneId zone) throws IOException {
        return FastLog.read(new StringReader(text), "fast.log", zone);
    }

    @Test
    void tcpAlertOfTheSpecification() throws IOException {
        AlertFile f = read("03/27/2021-14:05:09.123456  [**] [1:2019401:3] ET POLICY Vulnerable Java Version Detected [**]"
                + " [Classification: Potentially Bad Traffic] [Priority: 2] {TCP} 192.168.56.101:49210 -> 203.0.113.7:80\n",
                ZoneOffset.UTC);
        assertThat(f.problems()).isEmpty();
        Alert a = f.alerts().getFirst();
        // 2021-03-27T14:05:09.123456Z = 1616853909 s
        assertThat(a.time()).isEqualTo(1616853909123456000L);
        assertThat(a).extracting(Alert::proto, Alert::srcIp, Alert::srcPort, Alert::dstIp, Alert::dstPort,
                        Alert::classification, Alert::signature, Alert::signatureId, Alert::line)
                .containsExactly("TCP", "192.168.56.101", 49210, "203.0.113.7", 80, "Potentially Bad Traffic",
                        "ET POLICY Vulnerable Java Version Detected", 2019401L, 1L);
    }

    @Test
    void localTimeIsReadInTheGivenZone() throws IOException {
        String line = "07/13/2016-18:42:07.573103  [**] [1:1:1] x [**] [Classification: c] [Priority: 2] {6} 1.2.3.4:80 -> 5.6.7.8:1\n";
        // New York is UTC-4 in July: 18:42 there is 22:42 UTC
        assertThat(read(line, ZoneId.of("America/New_York")).alerts().getFirst().time()).isEqualTo(1468449727573103000L);
    }

    @Test
    void numericProtocolAndPortlessIcmp() throws IOException {
        AlertFile f = read("""
                01/01/2020-00:00:00.000001  [**] [1:2:3] ping [**] [Classification: Misc activity] [Priority: 3] {ICMP} 10.0.0.1 -> 10.0.0.2
                01/01/2020-00:00:00.000002  [**] [1:2:3] ping6 [**] [Classification: Misc activity] [Priority: 3] {IPv6-ICMP} fe80:0000:0000:0000:0000:0000:0000:0001 -> ff02:0000:0000:0000:0000:0000:0000:0001
                01/01/2020-00:00:00.000003  [**] [1:2:3] dns6 [**] [Classification: Misc activity] [Priority: 3] {UDP} 2001:0db8:0000:0000:0000:0000:0000:0001:53 -> 2001:0db8:0000:0000:0000:0000:0000:0002:4444
                01/01/2020-00:00:00.000004  [**] [1:2:3] gre [**] [Classification: (null)] [Priority: 3] {PROTO:047} 10.0.0.1 -> 10.0.0.2
                """, ZoneOffset.UTC);
        assertThat(f.problems()).isEmpty();
        assertThat(f.alerts()).extracting(Alert::proto, Alert::srcIp, Alert::srcPort, Alert::dstIp, Alert::dstPort, Alert::classification)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ICMP", "10.0.0.1", -1, "10.0.0.2", -1, "Misc activity"),
                        org.assertj.core.groups.Tuple.tuple("IPV6-ICMP", "fe80::1", -1, "ff02::1", -1, "Misc activity"),
                        org.assertj.core.groups.Tuple.tuple("UDP", "2001:db8::1", 53, "2001:db8::2", 4444, "Misc activity"),
                        org.assertj.core.groups.Tuple.tuple("GRE", "10.0.0.1", -1, "10.0.0.2", -1, ""));
    }

    @Test
    void malformedLinesAreReportedWithTheirNumberAndSkipped() throws IOException {
        AlertFile f = read("""
                garbage
                
                13/45/2020-00:00:00.000001  [**] [1:2:3] x [**] [Classification: c] [Priority: 3] {TCP} 1.2.3.4:1 -> 5.6.7.8:2
                01/01/2020-00:00:00.000001  [**] [1:2:3] x [**] [Classification: c] [Priority: 3] {TCP} 1.2.3.4:99999 -> 5.6.7.8:2
                01/01/2020-00:00:00.000001  [**] [1:2:3] x [**] [Classification: c] [Priority: 3] {TCP} 1.2.3.4:1 -> 5.6.7.8:2
                """, ZoneOffset.UTC);
        assertThat(f.alerts()).hasSize(1);
        assertThat(f.alerts().getFirst().line()).isEqualTo(5);
        assertThat(f.problems()).extracting(AlertFile.Problem::line).containsExactly(1L, 3L, 4L);
        assertThat(f.problems().get(2).message()).startsWith("invalid source address");
        assertThat(f.problems().get(0).toString()).startsWith("fast.log:1: not a fast.log alert line");
    }
}
