package io.netcap.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.engine.config.StreamConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code capture -debug} (docs/streams.md, "Debugging a conversation"): a line per conversation in
 * {@code debug.log}, its values checked against TShark's view of the bundled sample.
 */
class StreamDebugTest {
    private static final Path SAMPLE = Path.of("..", "samples", "http-get-gzip.pcap");

    @TempDir
    Path tmp;

    @Test
    void aLinePerConversationWithItsDecoderBytesAndFirstBytes() throws Exception {
        Path out = tmp.resolve("out");
        capture(out, StreamConfig.defaults().withDebug(true));
        List<String> lines = Files.readAllLines(out.resolve("debug.log"));
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("# first seen (UTC)\ttransport\tclient->server\tdecoder\tend\t");
        String[] f = lines.get(1).split("\t", -1);
        assertThat(f).hasSize(11);
        // tshark -r samples/http-get-gzip.pcap: the first frame at 1363624631.382875 s, the client's 79 bytes of TCP
        // payload and the server's 342 (sum of tcp.len per source), no segment missing
        assertThat(f[0]).isEqualTo("2013-03-18T16:37:11.382875Z");
        assertThat(f[1]).isEqualTo("TCP");
        assertThat(f[2]).isEqualTo("141.142.228.5:50153->54.243.118.187:80");
        assertThat(f[3]).isEqualTo("HTTP");
        assertThat(f[4]).isEqualTo("FIN");
        assertThat(List.of(f[5], f[6], f[7], f[8])).containsExactly("79", "0", "342", "0");
        assertThat(f[9]).isEqualTo("GET /gzip HTTP/1.1\\r\\nUser-Agent: "); // 32 bytes, CR LF escaped
        assertThat(f[10]).isEqualTo("HTTP/1.1 200 OK\\r\\nServer: gunicor");
    }

    @Test
    void noFileWithoutTheFlag() throws Exception {
        Path out = tmp.resolve("out");
        capture(out, StreamConfig.defaults());
        assertThat(out.resolve("debug.log")).doesNotExist();
        assertThat(out.resolve("TCP.ncap.gz")).exists();
    }

    private static void capture(Path out, StreamConfig streams) throws Exception {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        new CaptureJob(RecordDecoding::new, quiet, quiet).run(TestConfig.of(SAMPLE, out).workers(2).streams(streams).build());
    }
}
