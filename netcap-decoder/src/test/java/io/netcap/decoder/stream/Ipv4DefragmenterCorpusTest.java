package io.netcap.decoder.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.decoder.Protocols;
import io.netcap.decoder.app.Truth;
import io.netcap.packet.Packet;
import io.netcap.packet.layer.Ipv4View;
import io.netcap.packet.layer.LayerKind;
import io.netcap.packet.layer.LayerParser;
import io.netcap.packet.layer.Layers;
import io.netcap.testing.Corpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The corpus captures with IPv4 fragments (coverage.md of the corpus lists them): a datagram completes at
 * the frame where TShark dissects the reassembled upper layer, and its bytes are right (transport
 * checksum, or TShark's reassembled bytes).
 */
class Ipv4DefragmenterCorpusTest {
    /**
     * {@code ip.reassembled.data} of frame 5 as TShark 4.0.17 prints it. Frame 5 (offset 24, 48 bytes) overlaps
     * frame 3 (offset 48, 24 bytes) with other bytes; TShark shows frame 5's copy (the lower offset, arriving later), we keep the first
     * to arrive (frame 3, which completes the request line {@code GET /msadc/..%2f../..%2f../..%2f../winnt/system32/cmd.exe}), so payload bytes 48-71 differ.
     */
    private static final String TSHARK_FRAGMENTED_4_FRAME_5 = "1e6e005000e08925002d97f25000ffff4f690000474554202f6d736164632f"
            + "2e2e2532662e2e2f2e2e2532662e2e2f2e524b4e575572646f6f4d2b57736b4f324969414c51544900642e6578653f2f632b"
            + "6469722b633a5c0a";

    @ParameterizedTest
    @ValueSource(strings = {"chrissanders-packets__ip_frag_source.pcapng", "zeek__fragmented-3.pcap",
            "zeek__fragmented-4.pcap"})
    void completesWhereTSharkReassembles(String capture) throws IOException {
        List<Packet> packets = Corpus.packets(Corpus.pcaps().resolve(capture));
        LayerParser parser = new LayerParser(Protocols.routes(), false);
        Ipv4View ip = new Ipv4View();
        Ipv4Defragmenter defrag = new Ipv4Defragmenter();
        Map<Integer, byte[]> completed = new TreeMap<>();
        for (int n = 0; n < packets.size(); n++) {
            Layers layers = parser.parse(packets.get(n));
            int i = layers.indexOf(LayerKind.IPV4);
            if (i < 0 || !ip.wrap(layers, i).isFragment()) {
                continue;
            }
            int off = layers.offset(i);
            byte[] d = defrag.offer(layers.buffer(), off, layers.end() - off, packets.get(n).timestampNanos());
            if (d != null) {
                completed.put(n + 1, d);
            }
        }

        TreeSet<Integer> tsharkCompletes = new TreeSet<>();
        for (Map<String, String> row : Truth.fields(Corpus.truth(), capture)) {
            boolean fragment = !row.get("ip.frag_offset").isEmpty()
                    && (!row.get("ip.frag_offset").equals("0") || (Integer.decode(row.get("ip.flags")) & 1) != 0);
            if (fragment && !row.get("frame.protocols").endsWith(":ip:data")) {
                tsharkCompletes.add(Integer.parseInt(row.get("frame.number")));
            }
        }
        assertThat(completed.keySet()).as("frames completing a datagram").containsExactlyElementsOf(tsharkCompletes);
        assertThat(defrag.counters().reassembled()).isEqualTo(tsharkCompletes.size());

        for (byte[] d : completed.values()) {
            int hl = (d[0] & 0x0F) * 4;
            assertThat(Ipv4Fragments.onesComplementSum(d, hl)).as("IPv4 header checksum").isEqualTo(0xFFFF);
            if (d[9] == 1) {
                assertThat(Ipv4Fragments.onesComplementSum(Arrays.copyOfRange(d, hl, d.length), d.length - hl))
                        .as("ICMP checksum over the reassembled message").isEqualTo(0xFFFF);
            }
        }
        if (capture.equals("zeek__fragmented-4.pcap")) {
            byte[] d = completed.get(5);
            byte[] tshark = HexFormat.of().parseHex(TSHARK_FRAGMENTED_4_FRAME_5);
            byte[] ours = Arrays.copyOfRange(d, 20, d.length);
            assertThat(ours).hasSameSizeAs(tshark);
            assertThat(Arrays.copyOfRange(ours, 0, 48)).isEqualTo(Arrays.copyOfRange(tshark, 0, 48));
            assertThat(Arrays.copyOfRange(ours, 72, 89)).isEqualTo(Arrays.copyOfRange(tshark, 72, 89));
            assertThat(new String(ours, 48, 24, StandardCharsets.US_ASCII))
                    .isEqualTo(".%2f../winnt/system32/cm");
            assertThat(new String(tshark, 48, 24, StandardCharsets.US_ASCII))
                    .isEqualTo("RKNWUrdooM+WskO2IiALQTI\0");
            assertThat(defrag.counters().conflictingFragments()).isEqualTo(1);
            assertThat(defrag.counters().overlapBytes()).isEqualTo(24);
        }
        if (capture.equals("chrissanders-packets__ip_frag_source.pcapng")) {
            assertThat(completed.values()).allSatisfy(d -> assertThat(d).hasSize(20 + 3508));
        }
    }
}
