package io.netcap.decoder.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.Message;
import io.netcap.packet.layer.LayerKind;
import io.netcap.types.DNS;

/**
 * DNS over UDP and TCP on arbitrary bytes: no internal failure, every input decoded or reported, and a
 * record always has all its sections.
 */
class DnsFuzzTest {
    private final Guarded guarded = new Guarded();

    @FuzzTest
    void dns(byte[] data) {
        for (Message m : guarded.decode(LayerKind.DNS, data, AppDecoder.Options.UDP)) {
            sections((DNS) m);
            assertThat(((DNS) m).getID()).isEqualTo((data[0] & 0xff) << 8 | data[1] & 0xff);
        }
        for (Message m : guarded.decode(LayerKind.DNS, data, AppDecoder.Options.TCP)) {
            sections((DNS) m);
        }
    }

    private static void sections(DNS d) {
        assertThat(d.getQuestionsCount()).isEqualTo(d.getQDCount());
        assertThat(d.getAnswersCount()).isEqualTo(d.getANCount());
        assertThat(d.getAuthoritiesCount()).isEqualTo(d.getNSCount());
        assertThat(d.getAdditionalsCount()).isEqualTo(d.getARCount());
    }
}
