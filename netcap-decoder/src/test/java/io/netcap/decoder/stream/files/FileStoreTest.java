package io.netcap.decoder.stream.files;

import static io.netcap.decoder.stream.files.Extraction.FLOW;
import static io.netcap.decoder.stream.files.Extraction.always;
import static io.netcap.decoder.stream.files.Extraction.hex;
import static io.netcap.decoder.stream.files.Extraction.origin;
import static io.netcap.decoder.stream.files.Extraction.tree;
import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.types.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStoreTest {
    /** The EICAR anti-virus test file: 68 bytes with well-known digests. */
    static final byte[] EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
            .getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path out;

    @Test
    void aResponseBodyGoesToItsTypeDirectoryWithTheOriginalsRecord() throws IOException {
        Extraction x = new Extraction(out, false, always("text/html; charset=utf-8"));
        byte[] body = "<html><body>hello</body></html>".getBytes(StandardCharsets.US_ASCII);
        x.store(origin("index.html", "text/html"), body, true);

        Path expected = out.resolve("files/text/html/index.html-" + FLOW + ".html");
        assertThat(tree(out)).containsExactly(out.relativize(expected));
        assertThat(Files.readAllBytes(expected)).isEqualTo(body);
        File f = x.files.getFirst();
        assertThat(f.getTimestamp()).isEqualTo(1_234_000_000L);
        assertThat(f.getName()).isEqualTo("index.html");
        assertThat(f.getLength()).isEqualTo(body.length);
        assertThat(f.getHash()).isEqualTo(hex("MD5", body));
        assertThat(f.getSHA256()).isEqualTo(hex("SHA-256", body));
        assertThat(f.getLocation()).isEqualTo(expected.toString());
        assertThat(f.getIdent()).isEqualTo("10.0.0.1:40000->10.0.0.2:80");
        assertThat(f.getSource()).isEqualTo("HTTP RESPONSE from example.com/index.html");
        assertThat(f.getContentType()).isEqualTo("text/html");
        assertThat(f.getContentTypeDetected()).isEqualTo("text/html");
        assertThat(f.getHost()).isEqualTo("example.com");
        // client and server IPs, but the server's port first: the original swaps them
        assertThat(f.getSrcIP()).isEqualTo("10.0.0.1");
        assertThat(f.getDstIP()).isEqualTo("10.0.0.2");
        assertThat(f.getSrcPort()).isEqualTo(80);
        assertThat(f.getDstPort()).isEqualTo(40000);
        assertThat(x.counters.filesWritten()).isEqualTo(1);
        assertThat(x.counters.bytesWritten()).isEqualTo(body.length);
    }

    @Test
    void eicarHasItsWellKnownDigests() {
        Extraction x = new Extraction(out, false, always("text/plain; charset=utf-8"));
        x.store(origin("eicar.com", ""), EICAR, true);
        File f = x.files.getFirst();
        assertThat(f.getLength()).isEqualTo(68);
        assertThat(f.getHash()).isEqualTo("44d88612fea8a8f36de82e1278abb02f");
        assertThat(f.getSHA256()).isEqualTo("275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f");
        // no declared type: the sniffed one, as in the original
        assertThat(f.getContentType()).isEqualTo("text/plain");
        assertThat(f.getLocation()).endsWith("files/text/plain/eicar.com-" + FLOW + ".txt");
    }

    @Test
    void aNameWithoutExtensionGetsTheTypesOneInTheRecord() {
        Extraction x = new Extraction(out, false, always("application/octet-stream"));
        x.store(origin("download", ""), new byte[] {1, 2, 3}, true);
        x.store(origin("unknown", ""), new byte[] {1, 2, 3}, true);
        assertThat(x.files).extracting(File::getName).containsExactly("download.bin", "unknown.bin");
        assertThat(x.files.getFirst().getLocation()).endsWith("files/application/octet-stream/download-" + FLOW + ".bin");
    }

    @Test
    void aTypeOutsideTheTableGivesNoExtension() {
        Extraction x = new Extraction(out, false, always("application/x-unheard-of"));
        x.store(origin("a", ""), new byte[] {1}, true);
        assertThat(x.files.getFirst().getLocation()).endsWith("files/application/x-unheard-of/a-" + FLOW);
        assertThat(x.files.getFirst().getName()).isEqualTo("a");
    }

    @Test
    void emptyBodiesAreSkipped() {
        Extraction x = new Extraction(out, true, always("text/plain"));
        x.store(origin("empty", ""), new byte[0], true);
        x.store(origin("empty", ""), new byte[0], false);
        assertThat(x.files).isEmpty();
        assertThat(tree(out)).isEmpty();
        assertThat(x.counters.emptyBodies()).isEqualTo(2);
    }

    @Test
    void collisionsInsertASuffixBeforeTheExtension() {
        Extraction x = new Extraction(out, false, always("image/png"));
        for (int i = 0; i < 4; i++) {
            x.store(origin("logo.png", ""), new byte[] {(byte) i}, true);
        }
        String dir = "files/image/png/";
        assertThat(tree(out)).containsExactly(
                Path.of(dir + "logo.png-" + FLOW + "-0.png"), Path.of(dir + "logo.png-" + FLOW + "-1.png"),
                Path.of(dir + "logo.png-" + FLOW + "-2.png"), Path.of(dir + "logo.png-" + FLOW + ".png"));
        assertThat(x.files).extracting(f -> Path.of(f.getLocation()).getFileName().toString()).containsExactly(
                "logo.png-" + FLOW + ".png", "logo.png-" + FLOW + "-0.png", "logo.png-" + FLOW + "-1.png",
                "logo.png-" + FLOW + "-2.png");
    }

    @Test
    void aFileLeftByAnEarlierRunIsNotOverwritten() throws IOException {
        Path old = out.resolve("files/image/png/logo.png-" + FLOW + ".png");
        Files.createDirectories(old.getParent());
        Files.write(old, new byte[] {42});
        Extraction x = new Extraction(out, false, always("image/png"));
        x.store(origin("logo.png", ""), new byte[] {1}, true);
        assertThat(Files.readAllBytes(old)).containsExactly(42);
        assertThat(x.files.getFirst().getLocation()).endsWith("logo.png-" + FLOW + "-0.png");
    }

    @Test
    void incompleteBodiesAreDeletedUnlessWriteIncomplete() {
        byte[] small = {1, 2, 3};
        byte[] large = new byte[100_000];
        Extraction off = new Extraction(out.resolve("a"), false, always("application/octet-stream"));
        off.store(origin("cut", ""), small, false);
        off.store(origin("cut", ""), large, false);
        assertThat(off.files).isEmpty();
        assertThat(tree(out.resolve("a"))).as("no file and no temporary file left").isEmpty();
        assertThat(off.counters.incompleteDiscarded()).isEqualTo(2);

        Extraction on = new Extraction(out.resolve("b"), true, always("application/octet-stream"));
        on.store(origin("cut", ""), small, false);
        on.store(origin("cut", ""), large, false);
        String dir = "files/application/octet-stream/";
        assertThat(tree(out.resolve("b"))).containsExactly(
                Path.of(dir + "incomplete-cut-" + FLOW + "-0.bin"), Path.of(dir + "incomplete-cut-" + FLOW + ".bin"));
        assertThat(on.files).extracting(File::getLength).containsExactly(3L, 100_000L);
        assertThat(on.files.get(1).getHash()).isEqualTo(hex("MD5", large));
        assertThat(on.counters.incompleteWritten()).isEqualTo(2);
    }

    @Test
    void bodiesCutAtTheSizeCapAreIncomplete() throws IOException {
        Extraction x = new Extraction(out, true, always("text/plain"), new FileStore.Limits(8, 1000, 4096));
        byte[] body = new byte[3000];
        new Random(1).nextBytes(body);
        FileExtraction.BodySink sink = x.store.open(origin("big.txt", ""));
        for (int i = 0; i < body.length; i += 700) {
            sink.write(body, i, Math.min(700, body.length - i));
        }
        sink.close(true);
        File f = x.files.getFirst();
        assertThat(f.getLength()).isEqualTo(1000);
        assertThat(f.getHash()).isEqualTo(hex("MD5", Arrays.copyOf(body, 1000)));
        assertThat(Path.of(f.getLocation()).getFileName().toString()).startsWith("incomplete-big.txt-");
        assertThat(Files.readAllBytes(Path.of(f.getLocation()))).isEqualTo(Arrays.copyOf(body, 1000));
        assertThat(x.counters.bodyLimitCuts()).isEqualTo(1);
    }

    @Test
    void openBodiesAreCapped() {
        Extraction x = new Extraction(out, false, always("text/plain"), new FileStore.Limits(2, 0, 4096));
        FileExtraction.BodySink a = x.store.open(origin("a", ""));
        FileExtraction.BodySink b = x.store.open(origin("b", ""));
        assertThat(x.store.open(origin("c", ""))).isNull();
        assertThat(x.counters.openFilesCapRefusals()).isEqualTo(1);
        a.close(true);
        a.close(true); // a second close changes nothing
        assertThat(x.store.openBodies()).isEqualTo(1);
        assertThat(x.store.open(origin("d", ""))).isNotNull();
        b.close(true);
    }

    @Test
    void writesThatFailAreCountedNotThrown() throws IOException {
        // the storage directory is a regular file: no type directory can be made under it
        Files.write(out.resolve("files"), new byte[] {1});
        Extraction x = new Extraction(out, true, always("text/plain"));
        x.store(origin("small", ""), new byte[] {1, 2}, true);
        x.store(origin("large", ""), new byte[10_000], true);
        assertThat(x.files).isEmpty();
        assertThat(x.counters.writeFailures()).isEqualTo(2);
        assertThat(tree(out)).containsExactly(Path.of("files"));
    }

    @Test
    void sniffedTypesThatAreNoMediaTypeNameGoToOctetStream() {
        String[] hostile = {"../../../etc", "text/../../x", "text/html/../../../y", "", "text", "/abs/olute",
                "text/ht\0ml", "text\\html", "TEXT/HTML", ".../..."};
        Extraction x = new Extraction(out, false, head -> hostile[head[0]]);
        for (int i = 0; i < hostile.length; i++) {
            x.store(origin("f" + i, ""), new byte[] {(byte) i}, true);
        }
        Extraction failing = new Extraction(out, false, head -> {
            throw new IllegalStateException("sniffer bug");
        });
        failing.store(origin("g", ""), new byte[] {1}, true);
        Extraction none = new Extraction(out, false, head -> null);
        none.store(origin("h", ""), new byte[] {1}, true);

        assertThat(tree(out)).hasSize(hostile.length + 2).allSatisfy(p -> {
            assertThat(p.getNameCount()).isEqualTo(4);
            assertThat(p.getName(0).toString()).isEqualTo("files");
            assertThat(p.subpath(1, 3).toString()).isIn("application/octet-stream", "text/html");
        });
        assertThat(x.files).filteredOn(f -> f.getContentTypeDetected().equals("text/html")).hasSize(1);
        assertThat(x.counters.typesRefused()).isEqualTo(hostile.length - 1);
        assertThat(failing.counters.typesRefused()).isEqualTo(1);
        assertThat(none.counters.typesRefused()).isEqualTo(1);
    }

    /** Stores of several workers on one directory: every file gets its own name, none is overwritten. */
    @Test
    void storesOfSeveralThreadsNeverShareAName() throws Exception {
        int threads = 4;
        int each = 50;
        FileCounters shared = new FileCounters();
        java.util.List<Thread> started = new java.util.ArrayList<>();
        for (int t = 0; t < threads; t++) {
            byte tag = (byte) t;
            FileStore s = new FileStore(out, "files", false, (type, record) -> { }, shared, always("image/png"));
            started.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < each; i++) {
                    FileExtraction.BodySink sink = s.open(origin("same.png", ""));
                    sink.write(new byte[] {tag, (byte) i}, 0, 2);
                    sink.close(true);
                }
            }));
        }
        for (Thread t : started) {
            t.join();
        }
        assertThat(tree(out)).hasSize(threads * each);
        assertThat(shared.filesWritten()).isEqualTo(threads * each);
        java.util.Set<String> contents = new java.util.HashSet<>();
        for (Path p : tree(out)) {
            contents.add(Arrays.toString(Files.readAllBytes(out.resolve(p))));
        }
        assertThat(contents).as("every body kept").hasSize(threads * each);
    }

    /**
     * A body far larger than any buffer, in 64 KiB writes: the stored file has the digests computed here over
     * the same bytes, and the heap does not grow with the body.
     */
    @Test
    void a200MegabyteBodyStreamsThroughInConstantMemory() throws IOException {
        Extraction x = new Extraction(out, false, always("application/octet-stream"));
        java.security.MessageDigest md5 = digest("MD5");
        java.security.MessageDigest sha = digest("SHA-256");
        byte[] chunk = new byte[64 * 1024];
        Random r = new Random(7);
        long total = 200L * 1024 * 1024;
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        long peak = 0;
        FileExtraction.BodySink sink = x.store.open(origin("big.bin", ""));
        for (long written = 0; written < total; written += chunk.length) {
            r.nextBytes(chunk);
            md5.update(chunk);
            sha.update(chunk);
            sink.write(chunk, 0, chunk.length);
            if ((written & (16 * 1024 * 1024 - 1)) == 0) {
                System.gc();
                peak = Math.max(peak, rt.totalMemory() - rt.freeMemory() - before);
            }
        }
        sink.close(true);
        File f = x.files.getFirst();
        assertThat(f.getLength()).isEqualTo(total);
        assertThat(Files.size(Path.of(f.getLocation()))).isEqualTo(total);
        assertThat(f.getHash()).isEqualTo(java.util.HexFormat.of().formatHex(md5.digest()));
        assertThat(f.getSHA256()).isEqualTo(java.util.HexFormat.of().formatHex(sha.digest()));
        assertThat(peak).as("heap growth while streaming 200 MB").isLessThan(32L * 1024 * 1024);
    }

    private static java.security.MessageDigest digest(String algorithm) {
        try {
            return java.security.MessageDigest.getInstance(algorithm);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
