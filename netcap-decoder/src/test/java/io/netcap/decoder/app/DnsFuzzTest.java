package io.netcap.decoder.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netcap.types.DNS;

/** DNS over UDP and TCP on arbitrary bytes: never an exception; a record always has all its sections. */
class DnsFuzzTest {
    @FuzzTest
    void dns(byte[] data) {
        DNS d = Dns.decode(data, 0, data.length, 0);
        if (d != null) {
            assertThat(d.getQuestionsCount()).isEqualTo(d.getQDCount());
            assertThat(d.getAnswersCount()).isEqualTo(d.getANCount());
            assertThat(d.getAuthoritiesCount()).isEqualTo(d.getNSCount());
            assertThat(d.getAdditionalsCount()).isEqualTo(d.getARCount());
        }
        Dns.decodeTcp(data, 0, data.length, 0);
    }
}
