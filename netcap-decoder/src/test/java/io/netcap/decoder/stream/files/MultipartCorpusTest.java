package io.netcap.decoder.stream.files;

import static io.netcap.decoder.stream.files.Extraction.always;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netcap.decoder.stream.Conversation;
import io.netcap.testing.Corpus;
import io.netcap.types.File;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The truncated upload of suricata-verify's {@code http-mime-truncated} test, against that test's expectation:
 * one file part of 101,422 bytes with SHA-256 {@code 0adad785...}, state TRUNCATED. Suricata stops at its
 * default {@code request-body-limit} of 100 KiB of body, which ends inside the part; cut at the same limit, the
 * splitter yields the same part, incomplete. The client's bytes come from TShark's own reassembly
 * ({@code -z follow,tcp,raw}); the body is what follows the second POST's header block.
 */
class MultipartCorpusTest {
    static final String CAPTURE = "suricata-verify__http-mime-truncated_input.pcap";
    /** Suricata's default {@code request-body-limit}: 100 KiB. */
    static final long SURICATA_REQUEST_BODY_LIMIT = 100 * 1024;

    @TempDir
    Path out;

    @Test
    void theTruncatedUploadYieldsSuricatasFilePart() throws Exception {
        Path pcap = Corpus.pcaps().resolve(CAPTURE);
        assumeTrue(Files.exists(pcap), CAPTURE + " not in the corpus");
        byte[] client = clientStream(pcap);
        int post = indexOf(client, "POST / HTTP/1.1".getBytes(StandardCharsets.US_ASCII), 0);
        int body = indexOf(client, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), post) + 4;
        String head = new String(client, post, body - post, StandardCharsets.ISO_8859_1);
        String boundary = head.replaceAll("(?s).*boundary=([^\r\n;]+).*", "$1");
        assertThat(boundary).isEqualTo("1BEF0A57BE110FD467A");

        Extraction x = new Extraction(out, true, always("application/zip"),
                new FileStore.Limits(8, SURICATA_REQUEST_BODY_LIMIT, 32 * 1024));
        Conversation c = new Conversation(Conversation.Transport.TCP, "1.8.31.101", 49160, "194.32.78.251", 80, 0);
        FileOrigin o = new FileOrigin(c, "HTTP POST REQUEST to /", "unknown", "multipart/form-data; boundary="
                + boundary, "194.32.78.251", boundary, 0);
        FileExtraction.BodySink sink = x.store.open(o);
        for (int i = body; i < client.length; i += 1460) {
            sink.write(client, i, Math.min(1460, client.length - i));
        }
        sink.close(true);

        assertThat(x.files).hasSize(1);
        File f = x.files.getFirst();
        assertThat(f.getName()).isEqualTo("US_b6a20f7b-65fe-4514-b5e1-bc5ca5f55b786602772428.zip");
        assertThat(f.getContentType()).isEqualTo("zip");
        assertThat(f.getLength()).isEqualTo(101_422);
        assertThat(f.getSHA256()).isEqualTo("0adad78526c1b9c35f349a2cc7014c458aa87adcb9ec86f052fd8a9a80584e39");
        assertThat(Path.of(f.getLocation()).getFileName().toString()).startsWith("incomplete-");
        assertThat(x.counters.bodyLimitCuts()).isEqualTo(1);
    }

    /** The client-to-server bytes of TCP stream 0 as TShark reassembles them; skips when TShark is absent. */
    static byte[] clientStream(Path pcap) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("tshark", "-r", pcap.toString(), "-q", "-z", "follow,tcp,raw,0")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            System.err.println("SKIPPED: tshark not installed; " + CAPTURE + " is not checked");
            assumeTrue(false, "tshark not installed");
            throw e;
        }
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).lines().toList();
        p.waitFor();
        ByteArrayOutputStream client = new ByteArrayOutputStream();
        boolean data = false;
        for (String line : lines) {
            if (line.startsWith("Node 1:")) {
                data = true;
            } else if (data && line.startsWith("====")) {
                break;
            } else if (data && !line.startsWith("\t") && !line.isEmpty()) {
                client.writeBytes(HexFormat.of().parseHex(line.strip()));
            }
        }
        return client.toByteArray();
    }

    static int indexOf(byte[] hay, byte[] needle, int from) {
        for (int i = from; i + needle.length <= hay.length; i++) {
            if (Arrays.equals(hay, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found: " + new String(needle, StandardCharsets.ISO_8859_1));
    }
}
