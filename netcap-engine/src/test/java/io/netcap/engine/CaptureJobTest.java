package io.netcap.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.netcap.io.FramedRecords;
import io.netcap.testing.Corpus;
import io.netcap.types.RecordType;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One capture run: the files besides the records, and that an earlier run's files are left alone. */
class CaptureJobTest {
    @TempDir
    Path tmp;

    @Test
    void malformedPacketsAreCountedAndLogged() throws Exception {
        Path pcap = Corpus.pcaps().resolve("zeek__geneve-truncated.pcapng");
        Path quiet = tmp.resolve("counted");
        Runs.capture(pcap, quiet);
        assertThat(Files.readString(quiet.resolve("summary.json"))).contains("\"TRUNCATED_HEADER\": 1");
        assertThat(quiet.resolve("errors.pcap")).doesNotExist();

        Path logged = tmp.resolve("logged");
        Runs.capture(TestConfig.of(pcap, logged).logErrors());
        byte[] errors = Files.readAllBytes(logged.resolve("errors.pcap"));
        // Global header (magic a1b2c3d4 little-endian, v2.4, snaplen 1024, Ethernet) plus one record.
        assertThat(errors[0] & 0xff).isEqualTo(0xd4);
        assertThat(errors[20]).isEqualTo((byte) 1);
        assertThat(errors[16] & 0xff | (errors[17] & 0xff) << 8).isEqualTo(1024);
        int caplen = errors[32] & 0xff | (errors[33] & 0xff) << 8;
        assertThat(errors.length).isEqualTo(24 + 16 + caplen);
        assertThat(Files.readString(logged.resolve("errors.log"))).contains("Error: TRUNCATED_HEADER").contains("Error summary");
    }

    /**
     * A record an application decoder rejects inside a frame it otherwise decodes is counted in
     * summary.json and logged: the eight EAPOL-Key frames with an RC4 descriptor of this capture
     * (TShark: {@code eapol.keydes.type == 1}) keep their EAPOL record and count as MALFORMED_EAPOL_KEY.
     */
    @Test
    void rejectedInnerRecordsAreCountedAndLogged() throws Exception {
        Path pcap = Corpus.pcaps().resolve("tcpdump__eapon1.pcap");
        Path out = tmp.resolve("eapol");
        Runs.capture(TestConfig.of(pcap, out).logErrors());
        String summary = Files.readString(out.resolve("summary.json"));
        assertThat(summary).contains("\"MALFORMED_EAPOL_KEY\": 8").doesNotContain("DECODER_FAILURE");
        assertThat(Files.readString(out.resolve("errors.log")))
                .contains("EAPOL message EAPOL_KEY record could not be decoded: keyTooShort");
        assertThat(Runs.records(out).get(RecordType.EAPOL)).hasSize(41);
    }

    /**
     * A stream parser's error is the conversation's, not a packet's: counted, and with -log-errors named in
     * errors.log with its reason and the packet that revealed it. The sample's response status line (frame 6,
     * "HTTP/1.1 200 OK", TShark) is damaged to "HTTP/x.1 200 OK", which RFC 9112's HTTP-version rejects; the
     * head it starts ends in frame 8, where TShark dissects the reassembled response.
     */
    @Test
    void streamErrorsNameTheirConversation() throws Exception {
        byte[] capture = Files.readAllBytes(Path.of("..", "samples", "http-get-gzip.pcap"));
        int status = new String(capture, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("HTTP/1.1 200 OK");
        assertThat(status).isPositive();
        capture[status + 5] = 'x';
        Path pcap = tmp.resolve("bad-status.pcap");
        Files.write(pcap, capture);

        Path counted = tmp.resolve("stream-counted");
        Runs.capture(pcap, counted);
        assertThat(Files.readString(counted.resolve("summary.json"))).contains("\"MALFORMED_HTTP\": 1");
        assertThat(counted.resolve("errors.log")).doesNotExist();

        Path logged = tmp.resolve("stream-logged");
        Runs.capture(TestConfig.of(pcap, logged).logErrors());
        assertThat(Files.readString(logged.resolve("errors.log")))
                .contains("Error: MALFORMED_HTTP: response: malformed HTTP version\n"
                        + "Conversation: TCP 141.142.228.5:50153->54.243.118.187:80, found at packet #8\n")
                .contains("Error summary:\n1\tMALFORMED_HTTP: response: malformed HTTP version");
        assertThat(logged.resolve("errors.pcap")).doesNotExist(); // no packet is to blame
    }

    @Test
    void unknownPcapOnlyWhenAskedFor() throws Exception {
        Path pcap = Corpus.pcaps().resolve("zeek__ipv6-hbh-routing0.pcap"); // IPv6Routing: no record type
        Path a = tmp.resolve("a");
        Runs.capture(pcap, a);
        assertThat(a.resolve("unknown.pcap")).doesNotExist();
        assertThat(Files.readString(a.resolve("summary.json"))).contains("\"IPv6Routing\": 1");
        Path b = tmp.resolve("b");
        Runs.capture(TestConfig.of(pcap, b).writeUnknown());
        assertThat(Files.size(b.resolve("unknown.pcap"))).isGreaterThan(24);
    }

    @Test
    void theEngineRemovesOnlyFilesItCreated() throws Exception {
        // Replacing an earlier run's records is the command line's decision (-overwrite), not the engine's.
        Path pcap = Corpus.pcaps().resolve("zeek__get-gzip.pcap");
        Path out = tmp.resolve("again");
        Runs.capture(TestConfig.of(pcap, out).include(RecordType.Ethernet, RecordType.TCP, RecordType.DNS));
        assertThat(out.resolve("TCP.ncap.gz")).exists();
        assertThat(out.resolve("DNS.ncap.gz")).doesNotExist(); // created by this run, left empty, removed
        Runs.capture(TestConfig.of(pcap, out).include(RecordType.Ethernet));
        assertThat(out.resolve("TCP.ncap.gz")).exists();
        assertThat(out.resolve("Ethernet.ncap.gz")).exists();
    }

    /**
     * A tap that replaces the files gets every record a run with files writes (chunks handed over every
     * millisecond as well as when full), and nothing is written: not even the output directory.
     */
    @Test
    void aTapInsteadOfFilesGetsTheRecordsAndNothingIsWritten() throws Exception {
        Path pcap = Corpus.pcaps().resolve("zeek__get-gzip.pcap");
        Path files = tmp.resolve("files");
        Summary withFiles = Runs.capture(TestConfig.of(pcap, files).workers(2));
        Map<RecordType, Map<ByteString, Integer>> tapped = new EnumMap<>(RecordType.class);
        RecordTap tap = new RecordTap() {
            @Override
            public void start(io.netcap.io.WriterOptions options) {}

            @Override
            public synchronized void accept(RecordType type, byte[] data, int length, int records) {
                Map<ByteString, Integer> m = tapped.computeIfAbsent(type, t -> new HashMap<>());
                FramedRecords.forEach(data, length, (d, off, len) -> m.merge(ByteString.copyFrom(d, off, len), 1, Integer::sum));
            }

            @Override
            public void close() {}

            @Override
            public boolean replacesFiles() {
                return true;
            }

            @Override
            public Duration handOverInterval() {
                return Duration.ofMillis(1);
            }

            @Override
            public String name() {
                return "test";
            }

            @Override
            public Map<String, Long> stats() {
                return Map.of();
            }
        };
        Path none = tmp.resolve("none");
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
        Summary withTap = new CaptureJob(RecordDecoding::new, discard, discard).onEngine(e -> e.tap(tap))
                .run(TestConfig.of(pcap, none).workers(2).logErrors().writeUnknown().build());
        assertThat(none).doesNotExist();
        assertThat(tapped).isEqualTo(Runs.multiset(files));
        assertThat(withTap.records()).isEqualTo(withFiles.records());
    }

    @Test
    void summaryKeys() throws Exception {
        Path out = tmp.resolve("s");
        Runs.capture(Corpus.pcaps().resolve("zeek__get-gzip.pcap"), out);
        String json = Files.readString(out.resolve("summary.json"));
        // 14 frames, 1365 bytes: truth/zeek__get-gzip.pcap.conv_tcp.txt
        assertThat(json).contains("\"packets\": 14,").contains("\"bytes\": 1365,").contains("\"TCP\": 14")
                .contains("\"errors\": {}").contains("\"elapsed_seconds\": ");
    }
}
