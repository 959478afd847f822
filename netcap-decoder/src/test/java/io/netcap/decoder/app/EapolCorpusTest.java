package io.netcap.decoder.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.packet.Packet;
import io.netcap.testing.Corpus;
import io.netcap.types.EAPOL;
import io.netcap.types.EAPOLKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * EAPOL-Key frames whose descriptor the decoder does not read (RC4, type 1, IEEE 802.1X-2004 7.6.1:
 * shorter than the 95-byte IEEE 802.11 descriptor) still yield their EAPOL record, and the rejected key
 * body is reported as {@code MALFORMED_EAPOL_KEY}, once per such frame. The frames are found by their
 * bytes here, independently of the decoder; TShark's filter {@code eapol.keydes.type == 1} finds the
 * same eight frames of this capture (25, 26, 38, 39, 64, 65, 113, 114).
 */
class EapolCorpusTest {
    private static final String CAPTURE = "tcpdump__eapon1.pcap";
    private static final int ETHERTYPE_EAPOL = 0x888e, TYPE_KEY = 3, DESCRIPTOR_RC4 = 1;

    @Test
    void rc4KeyDescriptorsAreReportedNotDropped() throws IOException {
        Path capture = Corpus.pcaps().resolve(CAPTURE);
        Assumptions.assumeTrue(Files.exists(capture), "corpus capture " + CAPTURE);
        List<Integer> rc4 = new ArrayList<>();
        List<Integer> eapol = new ArrayList<>();
        int number = 0;
        for (Packet p : Corpus.packets(capture)) {
            number++;
            byte[] b = p.bytes();
            if (b.length >= 19 && ((b[12] & 0xff) << 8 | b[13] & 0xff) == ETHERTYPE_EAPOL) {
                eapol.add(number);
                if (b[15] == TYPE_KEY && b[18] == DESCRIPTOR_RC4) rc4.add(number);
            }
        }
        assertThat(rc4).containsExactly(25, 26, 38, 39, 64, 65, 113, 114);

        List<PipelineRecords.Framed> records = PipelineRecords.of(capture);
        assertThat(records.stream().filter(f -> f.record() instanceof EAPOL).map(PipelineRecords.Framed::frame))
                .containsExactlyElementsOf(eapol);
        assertThat(records).noneMatch(f -> f.record() instanceof EAPOLKey);
        List<PipelineRecords.Reported> errors = PipelineRecords.errors(capture);
        assertThat(errors.stream().filter(e -> e.kind().equals("MALFORMED_EAPOL_KEY")).map(PipelineRecords.Reported::frame))
                .containsExactlyElementsOf(rc4);
        assertThat(errors).noneMatch(e -> e.kind().startsWith(DecoderGuard.FAILURE));
    }
}
