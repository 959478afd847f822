package io.netcap.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Message;
import io.netcap.testing.Corpus;
import io.netcap.types.RecordType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Application records reach the files through the engine with the packet context applied: endpoints
 * compared with TShark's per-frame fields (truth/*.fields.tsv, *.ja3.tsv).
 */
class AppRecordsTest {
    @TempDir
    Path tmp;

    /** "src:port>dst:port" of the truth frames that {@code keep} selects, with the ports of {@code transport} (tcp, udp). */
    private static List<String> truthEndpoints(String capture, String transport, Predicate<Function<String, String>> keep)
            throws IOException {
        List<String> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(Corpus.truth().resolve(capture + ".fields.tsv"));
        List<String> header = Arrays.asList(lines.getFirst().split("\t", -1));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            Function<String, String> field = name -> f[header.indexOf(name)];
            if (keep.test(field)) {
                out.add(field.apply("ip.src") + ":" + field.apply(transport + ".srcport") + ">"
                        + field.apply("ip.dst") + ":" + field.apply(transport + ".dstport"));
            }
        }
        return out;
    }

    @Test
    void dnsOverUdpAndTcpWithContext() throws Exception {
        String capture = "suricata-verify__dns-frames_input.pcap";
        List<String> expected = new ArrayList<>(truthEndpoints(capture, "udp",
                f -> !f.apply("dns.id").isEmpty() && !f.apply("udp.srcport").isEmpty()));
        // the messages over TCP come from the stream layer (docs/streams.md), one record per DNS message
        expected.addAll(truthEndpoints(capture, "tcp",
                f -> !f.apply("dns.id").isEmpty() && !f.apply("tcp.srcport").isEmpty()));
        assertThat(expected).hasSizeGreaterThan(2);
        Path out = tmp.resolve("dns");
        Runs.capture(TestConfig.of(Corpus.pcaps().resolve(capture), out).workers(1));
        assertThat(endpoints(Runs.records(out).get(RecordType.DNS))).containsExactlyInAnyOrderElementsOf(expected);

        Path none = tmp.resolve("nocontext");
        Runs.capture(TestConfig.of(Corpus.pcaps().resolve(capture), none).workers(1).context(false));
        assertThat(endpoints(Runs.records(none).get(RecordType.DNS))).allMatch(s -> s.equals(":0>:0"));
    }

    /** DNS over TCP on an FDDI link: the records carry the addresses and ports of the frames. */
    @Test
    void dnsOverFddiWithContext() throws Exception {
        String capture = "zeek__dns-inverse-query.pcap";
        // The query (an inverse query) is a message the DNS decoder rejects (AppCorpusDifferentialTest).
        List<String> expected = truthEndpoints(capture, "tcp", f -> f.apply("dns.flags.response").equals("1"));
        assertThat(expected).hasSize(1);
        for (int workers = 1; workers <= 2; workers++) {
            Path out = tmp.resolve("fddi" + workers);
            Runs.capture(TestConfig.of(Corpus.pcaps().resolve(capture), out).workers(workers).datagrams());
            assertThat(endpoints(Runs.records(out).get(RecordType.DNS))).as(workers + " workers")
                    .containsExactlyElementsOf(expected);
        }
    }

    @Test
    void tlsHellosOnAnyTcpPayload() throws Exception {
        String capture = "suricata-verify__tls-certs-alert_input.pcap";
        List<String> lines = Files.readAllLines(Corpus.truth().resolve(capture + ".ja3.tsv"));
        List<String> header = Arrays.asList(lines.getFirst().split("\t", -1));
        List<String> clients = new ArrayList<>();
        List<String> servers = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            String src = f[header.indexOf("ip.src")] + f[header.indexOf("ipv6.src")];
            String dst = f[header.indexOf("ip.dst")] + f[header.indexOf("ipv6.dst")];
            String e = src + ":" + f[header.indexOf("tcp.srcport")] + ">" + dst + ":" + f[header.indexOf("tcp.dstport")];
            (f[header.indexOf("tls.handshake.type")].equals("1") ? clients : servers).add(e);
        }
        Path out = tmp.resolve("tls");
        Runs.capture(TestConfig.of(Corpus.pcaps().resolve(capture), out).workers(1));
        Map<RecordType, List<Message>> r = Runs.records(out);
        assertThat(endpoints(r.get(RecordType.TLSClientHello))).containsExactlyElementsOf(clients);
        assertThat(endpoints(r.get(RecordType.TLSServerHello))).containsExactlyElementsOf(servers);
    }

    private static List<String> endpoints(List<Message> records) {
        assertThat(records).isNotNull();
        return records.stream().map(m -> {
            Descriptor d = m.getDescriptorForType();
            return m.getField(d.findFieldByName("SrcIP")) + ":" + m.getField(d.findFieldByName("SrcPort")) + ">"
                    + m.getField(d.findFieldByName("DstIP")) + ":" + m.getField(d.findFieldByName("DstPort"));
        }).toList();
    }
}
