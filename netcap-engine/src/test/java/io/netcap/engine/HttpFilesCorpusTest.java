package io.netcap.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import io.netcap.engine.config.StreamConfig;
import io.netcap.testing.Corpus;
import io.netcap.testing.Tshark;
import io.netcap.types.File;
import io.netcap.types.RecordType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Extracted files against TShark's {@code --export-objects http}: for every corpus capture, the MD5 multiset of
 * the files {@code -fileStorage} stores equals that of the objects TShark exports (both decode gzip and
 * chunking), and the File records name those files with their MD5 and length. A {@code multipart/form-data}
 * upload is the one deliberate difference: TShark exports the whole body, which is stored here as its file
 * parts, so each such body is replaced by the stored files whose bytes it contains verbatim.
 */
class HttpFilesCorpusTest {
    @TempDir
    Path tmp;

    @Test
    void extractedFilesEqualTsharkExportObjects() throws IOException {
        Corpus.require();
        Tshark.require();
        int captures = 0;
        int files = 0;
        List<String> report = new ArrayList<>();
        Map<Path, Path> exports = Tshark.each(Corpus.captures(), capture -> {
            Path exported = tmp.resolve("tshark-" + capture.getFileName());
            Tshark.run("-r", capture.toString(), "-q", "--export-objects", "http," + exported);
            return exported;
        });
        for (Path capture : Corpus.captures()) {
            String name = capture.getFileName().toString();
            List<byte[]> objects = contents(exports.get(capture));
            if (objects.isEmpty()) {
                continue;
            }
            Path out = tmp.resolve("out-" + name);
            Runs.capture(TestConfig.of(capture, out).workers(2).streams(StreamConfig.defaults().withFiles("files", false)));
            List<byte[]> stored = contents(out.resolve("files"));
            List<byte[]> multipart = objects.stream().filter(HttpFilesCorpusTest::multipart).toList();
            List<String> expected = new ArrayList<>(objects.stream().filter(o -> !multipart(o)).map(o -> hex("MD5", o)).toList());
            List<String> unmatched = new ArrayList<>(expected);
            for (byte[] f : stored) {
                if (unmatched.remove(hex("MD5", f))) {
                    continue;
                }
                if (multipart.stream().anyMatch(body -> contains(body, f))) {
                    expected.add(hex("MD5", f)); // a file part of an upload TShark exports whole
                    report.add(name + ": file part of " + f.length + " bytes found verbatim in a multipart body");
                }
            }
            // HTTP/0.9: a response without status line runs to the connection's close; TShark exports each of
            // its segments as an object, stored here as one body: the pieces must make up that body exactly.
            for (byte[] f : stored) {
                if (expected.contains(hex("MD5", f))) {
                    continue;
                }
                List<byte[]> pieces = objects.stream().filter(o -> unmatched.contains(hex("MD5", o)) && contains(f, o)).toList();
                long total = pieces.stream().mapToLong(o -> o.length).sum();
                if (pieces.size() > 1 && total == f.length) {
                    pieces.forEach(o -> expected.remove(hex("MD5", o)));
                    expected.add(hex("MD5", f));
                    report.add(name + ": HTTP/0.9 response of " + f.length + " bytes, exported by TShark in "
                            + pieces.size() + " pieces");
                }
            }
            expected.sort(null);
            List<String> actual = stored.stream().map(b -> hex("MD5", b)).sorted().toList();
            captures++;
            files += expected.size();
            report.add(name + ": tshark " + expected.size() + " objects, ours " + actual.size());
            assertThat(actual).as(name + ": MD5 multiset of the extracted files").isEqualTo(expected);
            List<Message> records = Runs.records(out).getOrDefault(RecordType.File, List.of());
            assertThat(records).as(name + ": one File record per stored file").hasSize(actual.size());
            for (Message m : records) {
                File f = (File) m;
                byte[] bytes = Files.readAllBytes(Path.of(f.getLocation()));
                assertThat(f.getHash()).isEqualTo(hex("MD5", bytes));
                assertThat(f.getSHA256()).isEqualTo(hex("SHA-256", bytes));
                assertThat(f.getLength()).isEqualTo(bytes.length);
            }
        }
        System.out.printf("files vs tshark --export-objects http: %d captures, %d objects, all equal%n%s%n",
                captures, files, String.join("\n", report));
        assertThat(captures).isGreaterThanOrEqualTo(5);
    }

    @Test
    void theEicarDownloadIsOneFileWithTheWellKnownDigest() throws IOException {
        Path out = tmp.resolve("eicar");
        Runs.capture(TestConfig.of(Corpus.pcaps().resolve("suricata-verify__output-eve-fileinfo_input.pcap"), out)
                .streams(StreamConfig.defaults().withFiles("files", false)));
        List<Message> records = Runs.records(out).get(RecordType.File);
        assertThat(records).hasSize(1);
        File f = (File) records.get(0);
        assertThat(f.getName()).isEqualTo("eicar.com"); // suricata-verify's own check: fileinfo.filename
        assertThat(f.getLength()).isEqualTo(68);
        assertThat(f.getHash()).isEqualTo("44d88612fea8a8f36de82e1278abb02f");
        assertThat(f.getSHA256()).isEqualTo("275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f");
        assertThat(f.getSource()).isEqualTo("HTTP RESPONSE from www.eicar.org/download/eicar.com");
    }

    /**
     * The multipart upload of suricata-verify's http-mime-truncated test, with Suricata's default request-body
     * limit (100 KiB) as {@code -file-max-bytes}: its file part is the one that test expects, size and
     * SHA-256 read from the corpus's copy of suricata-verify's checks, stored as incomplete.
     */
    @Test
    void theTruncatedUploadIsTheFilePartSuricataVerifyExpects() throws IOException {
        String checks = Files.readString(Corpus.require().resolve("alerts/suricata-verify-checks-for-corpus.json"));
        int at = checks.indexOf("\"suricata-verify__http-mime-truncated_input.pcap\"");
        java.util.regex.Matcher sha = java.util.regex.Pattern.compile("\"fileinfo.sha256\": \"([0-9a-f]{64})\"")
                .matcher(checks);
        java.util.regex.Matcher size = java.util.regex.Pattern.compile("\"fileinfo.size\": (\\d+)").matcher(checks);
        assertThat(at).isNotNegative();
        assertThat(sha.find(at)).isTrue();
        assertThat(size.find(at)).isTrue();
        Path out = tmp.resolve("truncated");
        Runs.capture(TestConfig.of(Corpus.pcaps().resolve("suricata-verify__http-mime-truncated_input.pcap"), out)
                .streams(StreamConfig.defaults().withFiles("files", true).withMaxFileBytes(100 * 1024)));
        List<File> parts = Runs.records(out).get(RecordType.File).stream().map(m -> (File) m)
                .filter(f -> f.getSource().startsWith("HTTP POST REQUEST") && f.getLength() > 0).toList();
        assertThat(parts).singleElement().satisfies(f -> {
            assertThat(f.getLength()).isEqualTo(Long.parseLong(size.group(1)));
            assertThat(f.getSHA256()).isEqualTo(sha.group(1));
            assertThat(Path.of(f.getLocation()).getFileName().toString()).startsWith("incomplete-");
        });
    }

    /** The contents of the non-empty files under {@code dir} (TShark also exports empty bodies). */
    private static List<byte[]> contents(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> {
                try {
                    return Files.readAllBytes(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).filter(b -> b.length > 0).toList();
        }
    }

    /**
     * A multipart body: its first line is a delimiter, {@code --} and a boundary (RFC 2046 section 5.1.1: at
     * most 70 characters, here without spaces), possibly the close delimiter of a body without parts.
     */
    private static boolean multipart(byte[] body) {
        String head = new String(body, 0, Math.min(body.length, 80), java.nio.charset.StandardCharsets.ISO_8859_1);
        int eol = head.indexOf("\r\n");
        return head.startsWith("--") && eol > 2 && eol <= 74 && head.substring(0, eol).indexOf(' ') < 0;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (haystack[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static String hex(String algorithm, byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
