package io.netcap.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netcap.testing.Corpus;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * -strict, -collect, -exclude, -description and -disable-layers on the ten packets of the flowbit-oring
 * capture. The alerts are written here for three of TShark's frames (truth fields: frame 4, the request,
 * 10.16.1.11:54186 -> 82.165.177.154:80 at 1468449727.199844; frame 6, the response, back at
 * 1468449727.388030); the expected labels are worked out by hand from that frame list: one TCP conversation,
 * so one Connection spanning all ten frames.
 */
class LabelOptionsTest {
    private static final String LEAK = "Attempted Information Leak";
    private static final String BAD = "Potentially Bad Traffic";
    private static final String MISC = "Misc activity";
    /** Frame 4 (A), frame 6 twice with two rules of different classes (B, C). */
    private static final String FAST_LOG = """
            07/13/2016-22:42:07.199844  [**] [1:1:1] request seen [**] [Classification: %s] [Priority: 2] {TCP} 10.16.1.11:54186 -> 82.165.177.154:80
            07/13/2016-22:42:07.388030  [**] [1:2:1] response seen [**] [Classification: %s] [Priority: 2] {TCP} 82.165.177.154:80 -> 10.16.1.11:54186
            07/13/2016-22:42:07.388030  [**] [1:3:1] response again [**] [Classification: %s] [Priority: 3] {TCP} 82.165.177.154:80 -> 10.16.1.11:54186
            """.formatted(LEAK, BAD, MISC);

    @TempDir
    static Path tmp;
    private static Path records;

    @BeforeAll
    static void capture() throws IOException {
        records = Captures.run(Corpus.pcaps().resolve("suricata-verify__flowbit-oring_input.pcap"), tmp.resolve("records"));
    }

    private static Path label(String fastLog, LabelOptions options, String out) throws Exception {
        AlertFile alerts = FastLog.read(new StringReader(fastLog), "fast.log", ZoneOffset.UTC);
        assertThat(alerts.problems()).isEmpty();
        Path dir = tmp.resolve(out);
        LabelRun.run(List.of(alerts), records, dir, options);
        return dir;
    }

    private static LabelOptions options(boolean description, boolean collect, boolean strict, Set<String> excluded,
                                        boolean disableLayers) {
        return new LabelOptions(description, collect, strict, excluded, disableLayers, "normal", ",");
    }

    /** Frames 1..10 in order (one worker's records keep the capture order; the TCP file is sorted by time here). */
    private static List<String> tcpByFrame(Path dir) throws IOException {
        return Captures.rows(dir.resolve("TCP_labeled.csv")).stream()
                .sorted(java.util.Comparator.comparing(r -> Long.parseLong(r.get("Timestamp"))))
                .map(r -> r.get("result")).toList();
    }

    private static List<String> framesLabeled(String frame4, String frame6) {
        return List.of("normal", "normal", "normal", frame4, "normal", frame6, "normal", "normal", "normal", "normal");
    }

    @Test
    void firstMatchingAlertLabels() throws Exception {
        Path dir = label(FAST_LOG, LabelOptions.defaults(), "first");
        assertThat(tcpByFrame(dir)).isEqualTo(framesLabeled(LEAK, BAD));
        assertThat(Captures.labels(dir.resolve("Connection_labeled.csv"))).containsExactly(LEAK);
        assertThat(Captures.labels(dir.resolve("Ethernet_labeled.csv")).stream().filter(l -> !l.equals("normal")))
                .containsExactlyInAnyOrder(LEAK, BAD);
    }

    @Test
    void collectJoinsEveryClass() throws Exception {
        Path dir = label(FAST_LOG, options(false, true, false, Set.of(), false), "collect");
        assertThat(tcpByFrame(dir)).isEqualTo(framesLabeled(LEAK, BAD + " | " + MISC));
        assertThat(Captures.labels(dir.resolve("Connection_labeled.csv"))).containsExactly(LEAK + " | " + BAD + " | " + MISC);
    }

    @Test
    void strictStopsOnlyOnAConflict() throws Exception {
        // frame 6 (B and C) and the Connection (A, B, C) each have several classes
        assertThatThrownBy(() -> label(FAST_LOG, options(false, false, true, Set.of(), false), "strict"))
                .isInstanceOf(LabelConflictException.class).hasMessageContaining("classes");
        // one class for all three alerts: no conflict, the same labels as without -strict
        String oneClass = FAST_LOG.replace(BAD, LEAK).replace(MISC, LEAK);
        Path dir = label(oneClass, options(false, false, true, Set.of(), false), "strict-ok");
        assertThat(tcpByFrame(dir)).isEqualTo(framesLabeled(LEAK, LEAK));
        assertThat(Captures.labels(dir.resolve("Connection_labeled.csv"))).containsExactly(LEAK);
    }

    @Test
    void excludedClassesDoNotLabel() throws Exception {
        Path dir = label(FAST_LOG, options(false, false, false, Set.of(BAD, LEAK), false), "exclude");
        assertThat(tcpByFrame(dir)).isEqualTo(framesLabeled("normal", MISC));
        assertThat(Captures.labels(dir.resolve("Connection_labeled.csv"))).containsExactly(MISC);
    }

    @Test
    void descriptionLabelsWithTheRuleMessage() throws Exception {
        Path dir = label(FAST_LOG, options(true, false, false, Set.of(LEAK), false), "description");
        assertThat(tcpByFrame(dir)).isEqualTo(framesLabeled("normal", "response seen"));
    }

    @Test
    void disableLayersKeepsOnlyAddressMatchedTypes() throws Exception {
        Path dir = label(FAST_LOG, options(false, false, false, Set.of(), true), "no-layers");
        assertThat(tcpByFrame(dir)).isEqualTo(framesLabeled(LEAK, BAD));
        assertThat(Captures.labels(dir.resolve("IPv4_labeled.csv")).stream().filter(l -> !l.equals("normal")))
                .containsExactlyInAnyOrder(LEAK, BAD);
        assertThat(Captures.labels(dir.resolve("Ethernet_labeled.csv"))).containsOnly("normal").hasSize(10);
        assertThat(Captures.labels(dir.resolve("DeviceProfile_labeled.csv"))).containsOnly("normal");
    }

    @Test
    void communityIdAloneDecidesTheConnection() throws Exception {
        // 1:vmuKZFV6IfYF/3WMVJdtUQygRUs= is the Community ID v1 of TCP 10.16.1.11:54186 <-> 82.165.177.154:80,
        // computed with a separate implementation of the definition (SHA-1 over seed 0, the ordered
        // endpoints, protocol 6 and the ports)
        String eve = """
                {"timestamp":"2016-07-13T22:42:07.199844+0000","event_type":"alert","src_ip":"10.16.1.11","src_port":54186,"dest_ip":"82.165.177.154","dest_port":80,"proto":"TCP","community_id":"%s","alert":{"signature":"s","category":"%s"}}
                """;
        for (var c : List.of(List.of("1:vmuKZFV6IfYF/3WMVJdtUQygRUs=", LEAK), List.of("1:AAAAAAAAAAAAAAAAAAAAAAAAAAA=", "normal"))) {
            AlertFile alerts = Eve.read(new StringReader(eve.formatted(c.get(0), LEAK)), "eve.json");
            Path dir = tmp.resolve("cid-" + c.get(1));
            LabelRun.run(List.of(alerts), records, dir, LabelOptions.defaults());
            assertThat(Captures.labels(dir.resolve("Connection_labeled.csv"))).containsExactly(c.get(1));
            // the packet itself is matched by time and ports, whatever the flow hash says
            assertThat(tcpByFrame(dir)).isEqualTo(framesLabeled(LEAK, "normal"));
        }
    }
}
