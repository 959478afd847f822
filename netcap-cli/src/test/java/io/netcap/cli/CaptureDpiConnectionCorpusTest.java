package io.netcap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.io.RecordReader;
import io.netcap.testing.Corpus;
import io.netcap.types.Connection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -dpi} on Connection records against {@code ndpiReader}: for every TCP and UDP flow of the corpus
 * captures that ndpiReader reads completely, the {@code ApplicationProto} of the flow's Connection records
 * is the protocol ndpiReader detected ("Confidence: DPI"), and a flow ndpiReader did not decide by DPI has
 * no nDPI protocol ({@code ApplicationCategory} empty). Flows are matched by transport protocol and
 * endpoints in either order (docs/enrichment.md, "DPI").
 */
class CaptureDpiConnectionCorpusTest {
    @TempDir
    Path tmp;

    @Test
    void applicationProtoPerFlowEqualsNdpiReader() throws Exception {
        Corpus.require();
        CaptureDpiCorpusTest.requireNdpi();
        int compared = 0;
        int flows = 0;
        int agree = 0;
        List<String> differences = new ArrayList<>();
        List<String> explained = new ArrayList<>();
        for (Path pcap : Corpus.captures()) {
            String name = pcap.getFileName().toString();
            CaptureDpiCorpusTest.Both both = CaptureDpiCorpusTest.captureAndNdpiReader(tmp, pcap, tmp.resolve(name), "Connection");
            if (both == null) {
                continue;
            }
            String reader = both.reader();
            boolean unknownLayers = both.unknownLayers();
            compared++;
            Map<String, String> expected = new TreeMap<>();
            for (Matcher m = CaptureDpiCorpusTest.FLOW.matcher(reader); m.find(); ) {
                String transport = m.group().trim().split("\\s+")[1];
                if (transport.equals("TCP") || transport.equals("UDP")) {
                    expected.put(flow(transport, endpoint(m.group(1)), endpoint(m.group(2))),
                            m.group(4).equals("DPI") ? m.group(3) : "");
                }
            }
            Map<String, Set<String>> actual = new TreeMap<>();
            Path conns = tmp.resolve(name).resolve("Connection.ncap.gz");
            if (Files.exists(conns)) {
                try (RecordReader rr = RecordReader.open(conns)) {
                    for (var m = rr.next(); m != null; m = rr.next()) {
                        Connection c = (Connection) m;
                        String t = c.getTransportProto();
                        if (t.equals("TCP") || t.equals("UDP")) {
                            String key = flow(t, CaptureDpiCorpusTest.normal(c.getSrcIP()) + ":" + c.getSrcPort(),
                                    CaptureDpiCorpusTest.normal(c.getDstIP()) + ":" + c.getDstPort());
                            actual.computeIfAbsent(key, k -> new TreeSet<>())
                                    .add(c.getApplicationCategory().isEmpty() ? "" : c.getApplicationProto());
                        }
                    }
                }
            }
            Set<String> all = new TreeSet<>(expected.keySet());
            all.addAll(actual.keySet());
            for (String f : all) {
                String e = expected.getOrDefault(f, "");
                Set<String> a = actual.getOrDefault(f, Set.of(""));
                if (!expected.containsKey(f) && a.equals(Set.of(""))) {
                    continue; // a flow neither side classified
                }
                flows++;
                if (a.equals(Set.of(e))) {
                    agree++;
                } else {
                    (unknownLayers ? explained : differences).add(name + " " + f + ": ndpiReader [" + e + "], netcap " + a);
                }
            }
        }
        System.out.printf("DPI on Connection: %d captures, %d TCP/UDP flows, %d agree with ndpiReader;"
                + " differences where netcap left packets undecoded: %s; other differences: %s%n",
                compared, flows, agree, explained, differences);
        assertThat(compared).isGreaterThan(30);
        assertThat(differences).isEmpty();
    }

    private static String endpoint(String printed) {
        int colon = printed.lastIndexOf(':');
        String ip = printed.substring(0, colon).replace("[", "").replace("]", "");
        return CaptureDpiCorpusTest.normal(ip) + printed.substring(colon);
    }

    /** The transport protocol and the two endpoints, ordered, so both directions give one key. */
    private static String flow(String transport, String a, String b) {
        return transport + " " + (a.compareTo(b) <= 0 ? a + " " + b : b + " " + a);
    }
}
