package io.netcap.decoder.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reassembly log's trace (docs/streams.md, "Tracing the reassembly"): its hex dump and its lines. */
class ReassemblyTraceTest {
    @TempDir
    Path tmp;

    @Test
    void hexDumpIsGosHexDump() {
        // the example of Go's encoding/hex documentation for Dump, which the original's -hexdump called
        byte[] b = "Go is an open source programming language.".getBytes(StandardCharsets.US_ASCII);
        StringBuilder sb = new StringBuilder();
        ReassemblyTrace.hexdump(sb, b, 0, b.length);
        assertThat(sb.toString()).isEqualTo(
                "00000000  47 6f 20 69 73 20 61 6e  20 6f 70 65 6e 20 73 6f  |Go is an open so|\n"
                + "00000010  75 72 63 65 20 70 72 6f  67 72 61 6d 6d 69 6e 67  |urce programming|\n"
                + "00000020  20 6c 61 6e 67 75 61 67  65 2e                    | language.|\n");
    }

    @Test
    void hexDumpShowsOnlyPrintableAsciiAndHonoursTheOffset() {
        byte[] b = {9, 9, 0x00, 0x7F, (byte) 0x80, (byte) 0xFF, 'A', 0x20, 0x7E};
        StringBuilder sb = new StringBuilder();
        ReassemblyTrace.hexdump(sb, b, 2, 7);
        assertThat(sb.toString()).isEqualTo(
                "00000000  00 7f 80 ff 41 20 7e                              |....A ~|\n");
        sb.setLength(0);
        ReassemblyTrace.hexdump(sb, b, 0, 0);
        assertThat(sb.toString()).isEmpty();
    }

    @Test
    void aSegmentsLineComesBeforeWhatItDeliveredAndEnded() throws Exception {
        Path file = tmp.resolve("reassembly.log");
        ReassemblyTrace.Worker w;
        ReassemblyCounters counts = new ReassemblyCounters();
        Conversation c = new Conversation(Conversation.Transport.TCP, "10.0.0.1", 1234, "10.0.0.2", 80, 1_000_000_000L);
        try (ReassemblyTrace trace = ReassemblyTrace.open(file, new ReassemblyTrace.Options(true, true, true))) {
            w = trace.worker();
            w.begin(counts);
            counts.segments++;
            counts.reassembledBytes += 3;
            w.data(c, Direction.SERVER_TO_CLIENT, "xGETy".getBytes(StandardCharsets.US_ASCII), 1, 3, 2_500_000_000L);
            w.end(c, EndReason.RST);
            w.segment(2_500_000_000L, "10.0.0.2", 80, "10.0.0.1", 1234, 0xFFFFFFFF, 0x14, 3, counts);
            w.gap(c, Direction.CLIENT_TO_SERVER, 7); // outside a segment (a timeout, the end): a line of its own
            w.begin(counts);
            w.segment(3_000_000_000L, "10.0.0.1", 1234, "10.0.0.2", 80, 5, 0, 0, counts);
        }
        assertThat(Files.readAllLines(file)).containsExactly(
                "1970-01-01T00:00:02.500Z segment 10.0.0.2:80->10.0.0.1:1234 seq=4294967295 flags=R. len=3:"
                        + " tcp_segments+1 reassembled_bytes+3",
                "1970-01-01T00:00:02.500Z data 10.0.0.1:1234->10.0.0.2:80 server->client 3 bytes",
                "00000000  47 45 54                                          |GET|",
                "end 10.0.0.1:1234->10.0.0.2:80 RST: client->server 0 bytes, missed 0; server->client 0 bytes,"
                        + " missed 0; first packet 1970-01-01T00:00:01Z",
                "gap 10.0.0.1:1234->10.0.0.2:80 client->server 7 bytes skipped",
                "1970-01-01T00:00:03Z segment 10.0.0.1:1234->10.0.0.2:80 seq=5 flags=none len=0: -");
    }

    @Test
    void everyFlagHasItsLetter() throws Exception {
        Path file = tmp.resolve("reassembly.log");
        ReassemblyCounters counts = new ReassemblyCounters();
        try (ReassemblyTrace trace = ReassemblyTrace.open(file, new ReassemblyTrace.Options(true, false, false))) {
            ReassemblyTrace.Worker w = trace.worker();
            for (int flags : List.of(0x02, 0x12, 0x18, 0x11, 0x04, 0x20 | 0x40 | 0x80 | 0x10, 0x08)) {
                w.begin(counts);
                w.segment(0, "a", 1, "b", 2, 0, flags, 0, counts);
            }
        }
        assertThat(Files.readAllLines(file)).extracting(l -> l.replaceAll(".*flags=(\\S+) .*", "$1"))
                .containsExactly("S", "S.", "P.", "F.", "R", "UEW.", "P");
    }
}
