package io.netcap.decoder.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.packet.Packet;
import io.netcap.testing.Corpus;
import io.netcap.types.ENIP;
import io.netcap.types.RecordType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Several EtherNet/IP encapsulated messages in one TCP segment each yield an ENIP record. The messages
 * are counted here from the bytes (Ethernet/IPv4/TCP to port 44818, then 24-byte headers and their
 * little-endian Length), independently of the decoder; TShark ({@code -Y enip -e enip.command}) finds
 * the same: 75 messages in 68 frames, seven in frame 3 and two in frame 5.
 */
class EnipCorpusTest {
    private static final String CAPTURE = "gopacket__ethernetIP.pcap";
    private static final int ENIP_PORT = 44818, ENIP_HEADER = 24;

    @Test
    void everyMessageOfASegmentIsARecord() throws IOException {
        Path capture = Corpus.pcaps().resolve(CAPTURE);
        Assumptions.assumeTrue(Files.exists(capture), "corpus capture " + CAPTURE);
        Map<Integer, Integer> expected = new TreeMap<>();
        int number = 0;
        for (Packet p : Corpus.packets(capture)) {
            number++;
            int messages = messages(p.bytes());
            if (messages > 0) expected.put(number, messages);
        }
        assertThat(expected.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(75);
        assertThat(expected).hasSize(68).containsEntry(3, 7).containsEntry(5, 2);

        Map<Integer, Integer> ours = PipelineRecords.of(capture, EnumSet.of(RecordType.ENIP)).stream()
                .filter(f -> f.record() instanceof ENIP)
                .collect(Collectors.toMap(PipelineRecords.Framed::frame, f -> 1, Integer::sum, TreeMap::new));
        assertThat(ours).isEqualTo(expected);
        assertThat(PipelineRecords.errors(capture)).noneMatch(e -> e.kind().endsWith("ENIP"));
    }

    /** Encapsulated messages in an Ethernet/IPv4/TCP frame to or from port 44818 (0 for anything else). */
    private static int messages(byte[] f) {
        if (f.length < 14 + 20 || f[12] != 0x08 || f[13] != 0x00 || f[14 + 9] != 6) return 0;
        int ip = 14, ihl = (f[ip] & 0x0f) * 4, tcp = ip + ihl;
        int total = (f[ip + 2] & 0xff) << 8 | f[ip + 3] & 0xff;
        int src = (f[tcp] & 0xff) << 8 | f[tcp + 1] & 0xff, dst = (f[tcp + 2] & 0xff) << 8 | f[tcp + 3] & 0xff;
        if (src != ENIP_PORT && dst != ENIP_PORT) return 0;
        int p = tcp + ((f[tcp + 12] & 0xff) >> 4) * 4, end = ip + total, n = 0;
        while (p + ENIP_HEADER <= end) {
            n++;
            p += ENIP_HEADER + ((f[p + 2] & 0xff) | (f[p + 3] & 0xff) << 8);
        }
        return n;
    }
}
