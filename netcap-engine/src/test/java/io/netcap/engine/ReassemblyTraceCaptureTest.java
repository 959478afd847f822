package io.netcap.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.decoder.stream.ReassemblyTrace;
import io.netcap.engine.config.StreamConfig;
import io.netcap.testing.Corpus;
import io.netcap.testing.Tshark;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code capture -tcp-debug -reassembly-debug -hexdump} (docs/streams.md, "Tracing the reassembly"): the trace in
 * {@code reassembly.log} against TShark's view of the same packets.
 */
class ReassemblyTraceCaptureTest {
    private static final Path SAMPLE = Path.of("..", "samples", "http-get-gzip.pcap");
    private static final Pattern SEGMENT = Pattern.compile(
            "(\\S+) segment (\\S+):(\\d+)->(\\S+):(\\d+) seq=(\\d+) flags=\\S+ len=(\\d+): (.*)");
    private static final Pattern DATA = Pattern.compile("\\S+ data (\\S+) (client->server|server->client) (\\d+) bytes");

    @TempDir
    Path tmp;

    @Test
    void aLinePerSegmentAsTsharkSeesItAndTheDeliveredBytesAsItFollowsThem() throws Exception {
        Tshark.require();
        Path out = tmp.resolve("out");
        capture(SAMPLE, out, new ReassemblyTrace.Options(true, true, true));
        List<String> lines = Files.readAllLines(out.resolve("reassembly.log"));

        List<String> ours = new ArrayList<>();
        long delivered = 0;
        for (String line : lines) {
            Matcher m = SEGMENT.matcher(line);
            if (m.matches()) {
                Instant t = Instant.parse(m.group(1));
                ours.add(new BigDecimal(t.getEpochSecond()).add(BigDecimal.valueOf(t.getNano(), 9)).setScale(6)
                        + " " + m.group(2) + " " + m.group(3) + " " + m.group(4) + " " + m.group(5) + " " + m.group(6)
                        + " " + m.group(7));
                Matcher r = Pattern.compile("reassembled_bytes\\+(\\d+)").matcher(m.group(8));
                delivered += r.find() ? Long.parseLong(r.group(1)) : 0;
            }
        }
        List<String> theirs = new ArrayList<>();
        for (String row : Tshark.run("-r", SAMPLE.toString(), "-Y", "tcp", "-T", "fields", "-e", "frame.time_epoch",
                "-e", "ip.src", "-e", "tcp.srcport", "-e", "ip.dst", "-e", "tcp.dstport", "-e", "tcp.seq_raw",
                "-e", "tcp.len").strip().split("\n")) {
            String[] f = row.split("\t");
            theirs.add(new BigDecimal(f[0]).setScale(6) + " " + String.join(" ", List.of(f).subList(1, f.length)));
        }
        assertThat(ours).hasSize(14).containsExactlyElementsOf(theirs);

        // the hex dumps under the data lines, put together per direction, are TShark's follow of the stream
        ByteArrayOutputStream client = new ByteArrayOutputStream();
        ByteArrayOutputStream server = new ByteArrayOutputStream();
        ByteArrayOutputStream into = null;
        for (String line : lines) {
            Matcher d = DATA.matcher(line);
            if (d.matches()) {
                assertThat(d.group(1)).isEqualTo("141.142.228.5:50153->54.243.118.187:80");
                into = d.group(2).equals("client->server") ? client : server;
            } else if (line.matches("[0-9a-f]{8}  .*\\|.*\\|")) {
                into.write(HexFormat.of().parseHex(line.substring(10, 58).replace(" ", "")));
            }
        }
        Tshark.Followed f = Tshark.follow(SAMPLE, List.of(0)).getFirst();
        assertThat(client.toByteArray()).isEqualTo(f.data0());
        assertThat(server.toByteArray()).isEqualTo(f.data1());
        assertThat(delivered).isEqualTo(f.data0().length + f.data1().length);

        assertThat(lines).contains("end 141.142.228.5:50153->54.243.118.187:80 FIN: client->server 79 bytes, missed 0;"
                + " server->client 342 bytes, missed 0; first packet 2013-03-18T16:37:11.382875Z");
        // the statistics follow the trace
        int stats = lines.indexOf(lines.stream().filter(l -> l.startsWith("tcp_segments:")).findFirst().orElseThrow());
        assertThat(lines.get(stats)).isEqualTo("tcp_segments:                14");
        assertThat(lines.subList(0, stats)).noneMatch(l -> l.contains(":  "));
    }

    @Test
    void eachRetransmissionTsharkFlagsIsADuplicateInItsLine() throws Exception {
        Corpus.require();
        Tshark.require();
        Path capture = Corpus.pcaps().resolve("chrissanders-packets__tcp_retransmissions.pcapng");
        Path out = tmp.resolve("out");
        capture(capture, out, new ReassemblyTrace.Options(true, false, false));
        List<String> segments = Files.readAllLines(out.resolve("reassembly.log")).stream()
                .filter(l -> SEGMENT.matcher(l).matches()).toList();
        String[] flagged = Tshark.run("-r", capture.toString(), "-Y", "tcp", "-T", "fields",
                "-e", "tcp.analysis.retransmission").split("\n", -1);
        assertThat(segments).hasSize(6);
        int retransmissions = 0;
        for (int i = 0; i < segments.size(); i++) {
            boolean retransmission = !flagged[i].isBlank();
            retransmissions += retransmission ? 1 : 0;
            assertThat(segments.get(i).contains(" duplicate_segments+1"))
                    .as("frame %d: %s", i + 1, segments.get(i)).isEqualTo(retransmission);
        }
        assertThat(retransmissions).isEqualTo(5);
    }

    @Test
    void withoutTheFlagsTheLogHoldsTheStatisticsOnly() throws Exception {
        Path out = tmp.resolve("out");
        capture(SAMPLE, out, ReassemblyTrace.Options.OFF);
        List<String> lines = Files.readAllLines(out.resolve("reassembly.log"));
        assertThat(lines.getFirst()).isEqualTo("tcp_segments:                14");
        assertThat(lines).noneMatch(l -> l.contains(" segment ") || l.contains(" data "));
    }

    private static void capture(Path pcap, Path out, ReassemblyTrace.Options trace) throws Exception {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        new CaptureJob(RecordDecoding::new, quiet, quiet).run(TestConfig.of(pcap, out).workers(2)
                .streams(StreamConfig.defaults().withTrace(trace)).build());
    }
}
