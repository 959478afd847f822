package io.netcap.decoder.stream.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netcap.decoder.stream.EndReason;
import io.netcap.decoder.stream.StreamEnv;
import io.netcap.decoder.stream.StreamFeeder;
import io.netcap.decoder.stream.http.Http;
import io.netcap.decoder.stream.http.MimeSniffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Arbitrary HTTP conversations through the HTTP parser into a real file store on disk, as {@code -fileStorage}
 * runs it: response bodies, POST bodies and multipart uploads, cut by gaps, caps and the conversation's end,
 * with and without {@code -writeincomplete}, under a small and no body cap, one or several bodies open at once.
 * The other HTTP targets record bodies in memory; this one checks what lands on disk. Nothing escapes, no write
 * fails, every body is closed, and the files on disk are exactly those the File records name: each under the
 * storage directory, of the length and MD5 and SHA-256 its record gives, no temporary file left.
 *
 * <p>Input: a first byte (bit 0: {@code -writeincomplete}; bit 1: bodies cut after 300 bytes; bit 2: one body
 * open at most), then the conversation as {@link StreamFeeder#replay(byte[], Runnable)} reads it. Seeds:
 * {@code HttpFilesFuzzTestInputs/conversations/}.
 */
class HttpFilesFuzzTest {
    private static final Path OUT = temporary();
    private static final Http.Limits LIMITS = new Http.Limits(1024, 32, 4096, 256, 8);

    private static Path temporary() {
        try {
            Path p = Files.createTempDirectory("netcap-files-fuzz");
            p.toFile().deleteOnExit();
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void conversations(byte[] data) throws IOException {
        if (data.length < 1) {
            return;
        }
        int first = data[0] & 0xff;
        Extraction x = new Extraction(OUT, (first & 1) != 0, MimeSniffer::detect,
                new FileStore.Limits((first & 4) != 0 ? 1 : 16, (first & 2) != 0 ? 300 : 0, 512));
        StreamEnv env = new StreamEnv((type, record) -> { }, x.store, (kind, c, message) -> { });
        StreamFeeder feed = new StreamFeeder(Extraction.CONVERSATION, new Http(Extraction.CONVERSATION, env, LIMITS));
        try {
            feed.replay(data, 1, () -> { });
            feed.end(EndReason.FIN);

            assertThat(x.store.openBodies()).as("bodies left open").isZero();
            assertThat(x.counters.writeFailures()).isZero();
            Path root = x.store.root().toAbsolutePath().normalize();
            for (io.netcap.types.File f : x.files) {
                Path p = Path.of(f.getLocation()).toAbsolutePath().normalize();
                assertThat(p.startsWith(root)).as(f.getLocation()).isTrue();
                byte[] content = Files.readAllBytes(p);
                assertThat(content).hasSize((int) f.getLength());
                assertThat(f.getHash()).isEqualTo(Extraction.hex("MD5", content));
                assertThat(f.getSHA256()).isEqualTo(Extraction.hex("SHA-256", content));
            }
            List<Path> named = x.files.stream().map(f -> OUT.relativize(Path.of(f.getLocation()))).sorted().toList();
            assertThat(Extraction.tree(OUT)).as("files on disk").isEqualTo(named);
        } finally {
            clear(OUT);
        }
    }

    /** Empties the output directory for the next input. */
    private static void clear(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(dir)) {
                    Files.delete(p);
                }
            }
        }
    }
}
