package io.netcap.label;

import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.testing.Corpus;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The alert files shipped with the corpus (alerts/README.md), labeled onto our records of their captures. */
class ShippedAlertsTest {
    private static final String PCAP = "suricata-verify__flowbit-oring_input.pcap";

    @TempDir
    Path tmp;

    @Test
    void alertLandsOnItsPacketAndItsConnection() throws Exception {
        Path corpus = Corpus.require();
        Path records = Captures.run(corpus.resolve("pcaps").resolve(PCAP), tmp.resolve("records"));
        AlertFile alerts;
        try (Reader r = Files.newBufferedReader(corpus.resolve("alerts").resolve(PCAP + ".fast.log"))) {
            // the sensor ran in UTC: suricata-verify runs its tests so
            alerts = FastLog.read(r, "fast.log", ZoneOffset.UTC);
        }
        assertThat(alerts.alerts()).hasSize(1);
        assertThat(alerts.problems()).isEmpty();
        LabelSummary summary = LabelRun.run(List.of(alerts), records, tmp.resolve("out"), LabelOptions.defaults());
        assertThat(summary.damagedFiles()).isZero();

        // TShark's frames at the alert's time with its addresses (truth/*.fields.tsv): the packet the alert names
        List<Truth.Frame> named = Truth.frames(corpus, PCAP).stream()
                .filter(f -> f.epochNanos() == alerts.alerts().getFirst().time()).toList();
        assertThat(named).singleElement().satisfies(f -> {
            assertThat(f.ipSrc()).isEqualTo("82.165.177.154");
            assertThat(f.tcpSrcPort()).isEqualTo("80");
            assertThat(f.ipDst()).isEqualTo("10.16.1.11");
            assertThat(f.tcpDstPort()).isEqualTo("54186");
        });
        Truth.Frame frame = named.getFirst();
        String cls = "Potentially Bad Traffic";

        List<Map<String, String>> tcp = Captures.rows(tmp.resolve("out/TCP_labeled.csv"));
        assertThat(tcp).hasSize(Truth.frames(corpus, PCAP).size());
        for (Map<String, String> row : tcp) {
            boolean isFrame = row.get("Timestamp").equals(Long.toString(frame.epochNanos()))
                    && row.get("SrcPort").equals(frame.tcpSrcPort()) && row.get("DstPort").equals(frame.tcpDstPort());
            assertThat(row.get("result")).as(row.toString()).isEqualTo(isFrame ? cls : "normal");
        }
        for (String type : List.of("Ethernet", "IPv4")) {
            List<Map<String, String>> rows = Captures.rows(tmp.resolve("out/" + type + "_labeled.csv"));
            assertThat(rows.stream().filter(r -> r.get("result").equals(cls)).map(r -> r.get("Timestamp")).toList())
                    .as(type).containsExactly(Long.toString(frame.epochNanos()));
        }
        // the one TCP conversation of TShark's table is the one Connection, and the alert is inside it
        assertThat(Captures.labels(tmp.resolve("out/Connection_labeled.csv"))).containsExactly(cls);
        assertThat(summary.files()).filteredOn(f -> f.type().equals("TCP")).singleElement()
                .satisfies(f -> assertThat(f.perLabel()).containsExactlyInAnyOrderEntriesOf(Map.of(cls, 1L, "normal", 9L)));
    }

    /** The shipped eve.json holds one fileinfo event and no alert: nothing to label with, nothing skipped. */
    @Test
    void shippedEveHasOnlyAFileinfoEvent() throws Exception {
        Path eve = Corpus.require().resolve("alerts/suricata-verify__output-eve-fileinfo_input.pcap.eve.json");
        try (Reader r = Files.newBufferedReader(eve)) {
            AlertFile f = Eve.read(r, "eve.json");
            assertThat(f.alerts()).isEmpty();
            assertThat(f.otherEvents()).isEqualTo(1);
            assertThat(f.problemCount()).isZero();
        }
    }
}
