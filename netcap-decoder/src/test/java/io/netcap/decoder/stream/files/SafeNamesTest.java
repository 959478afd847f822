package io.netcap.decoder.stream.files;

import static io.netcap.decoder.stream.files.Extraction.FLOW;
import static io.netcap.decoder.stream.files.Extraction.always;
import static io.netcap.decoder.stream.files.Extraction.origin;
import static io.netcap.decoder.stream.files.Extraction.tree;
import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.types.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Names from the traffic can never leave the storage directory, nor be refused by the file system. */
class SafeNamesTest {
    @TempDir
    Path tmp;

    static final String[] HOSTILE = {
        "../../../../etc/passwd", "..", ".", "...", "", "/", "/etc/shadow", "..\\..\\windows\\win.ini",
        "a/../../b", "C:\\boot.ini", "name\0.png", "evil\r\nSet-Cookie: x", "\u202Egpj.exe", "tab\there",
        "a".repeat(5000), "é".repeat(300), "\uD83D\uDE00".repeat(200), "\uD800lone", "%2e%2e%2f%2e%2e",
        "con", "-rf", " leading space", "x:y*z?\"<>|", "\u0085next-line", "\uFEFFbom",
    };

    @Test
    void everyHostileNameBecomesOneComponentInTheTypeDirectory() throws IOException {
        Path out = tmp.resolve("out");
        Extraction x = new Extraction(out, true, always("application/octet-stream"));
        for (String name : HOSTILE) {
            x.store(origin(name, ""), new byte[] {1}, true);
            x.store(origin(name, ""), new byte[] {2}, false);
        }
        x.store(origin(null, ""), new byte[] {3}, true);
        assertThat(tree(tmp)).as("nothing outside the output directory").allSatisfy(p -> assertThat(p.startsWith("out")).isTrue());
        Path dir = out.resolve("files/application/octet-stream");
        try (var s = Files.list(dir)) {
            List<Path> files = s.toList();
            assertThat(files).hasSize(2 * HOSTILE.length + 1);
            for (Path p : files) {
                String n = p.getFileName().toString();
                assertThat(Files.isRegularFile(p)).isTrue();
                assertThat(n.getBytes(StandardCharsets.UTF_8).length).as(n).isLessThanOrEqualTo(255);
                assertThat(n).doesNotContain("/", "\\", "\0", "\r", "\n", "\u202E");
            }
        }
        assertThat(x.files).hasSize(2 * HOSTILE.length + 1).allSatisfy(f -> {
            assertThat(Path.of(f.getLocation()).getParent()).isEqualTo(dir);
            assertThat(SafeNames.isSafe(f.getName().replaceAll("\\.bin$", ""))).as(f.getName()).isTrue();
        });
        assertThat(x.counters.namesNeutralised()).isGreaterThan(0);
    }

    @Test
    void componentsKeepHarmlessNamesAndNeutraliseTheRest() {
        assertThat(SafeNames.component("report.pdf")).isEqualTo("report.pdf");
        assertThat(SafeNames.component("grüße-日本.txt")).isEqualTo("grüße-日本.txt");
        assertThat(SafeNames.component("../../etc/passwd")).isEqualTo(".._.._etc_passwd");
        assertThat(SafeNames.component("..")).isEqualTo("unknown");
        assertThat(SafeNames.component(".")).isEqualTo("unknown");
        assertThat(SafeNames.component("")).isEqualTo("unknown");
        assertThat(SafeNames.component(null)).isEqualTo("unknown");
        assertThat(SafeNames.component("a\0b")).isEqualTo("a_b");
        assertThat(SafeNames.component("\u202Egpj.exe")).isEqualTo("_gpj.exe");
        assertThat(SafeNames.component("\uD800x")).isEqualTo("_x");
        assertThat(SafeNames.component("C:\\x")).isEqualTo("C__x");
    }

    @Test
    void longNamesAreCutByUtf8BytesAtACharacterBoundary() {
        String cut = SafeNames.component("é".repeat(300));
        assertThat(cut.getBytes(StandardCharsets.UTF_8)).hasSize(SafeNames.MAX_NAME_BYTES);
        String emoji = SafeNames.component("\uD83D\uDE00".repeat(100));
        assertThat(emoji.getBytes(StandardCharsets.UTF_8)).hasSize(SafeNames.MAX_NAME_BYTES);
        assertThat(emoji.codePoints().allMatch(c -> c == 0x1F600)).isTrue();
        assertThat(SafeNames.cut("aé", 2)).isEqualTo("a");
        assertThat(SafeNames.utf8Length("aé\uD83D\uDE00")).isEqualTo(1 + 2 + 4);
    }

    @Test
    void typeDirectoriesAreMediaTypeNames() {
        assertThat(SafeNames.typeDirectory("text/html; charset=utf-8")).isEqualTo("text/html");
        assertThat(SafeNames.typeDirectory("Image/SVG+XML")).isEqualTo("image/svg+xml");
        List<String> refused = new ArrayList<>();
        for (String t : new String[] {"..", "../x", "x/..", "text/../..", "a/b/c", "/a", "a/", "", "a b/c", "a/\0b"}) {
            if (SafeNames.typeDirectory(t) == null) {
                refused.add(t);
            }
        }
        assertThat(refused).hasSize(10);
    }

    /** The original's rule: a path over 250 bytes is cut there and gets {@code ...}; never into the directory. */
    @Test
    void pathsOver250BytesAreCutWithAnEllipsis() {
        String dir = "out/files/text/html";
        FileStore.Name shortName = FileStore.name(dir, true, "index.html", FLOW, ".html");
        assertThat(shortName).isEqualTo(new FileStore.Name("index.html-" + FLOW, ".html"));

        String longName = "n".repeat(SafeNames.MAX_NAME_BYTES);
        String longDir = "out/" + "d".repeat(150) + "/files/text/html";
        FileStore.Name cut = FileStore.name(longDir, false, longName, FLOW, ".html");
        assertThat(cut.extension()).isEmpty();
        assertThat(cut.stem()).endsWith("...").startsWith("incomplete-nnn");
        assertThat(SafeNames.utf8Length(longDir + "/" + cut.stem())).isEqualTo(250 + 3);
        assertThat(cut.withSuffix(3)).isEqualTo(cut.stem() + "-3");

        String hugeDir = "x".repeat(400);
        FileStore.Name kept = FileStore.name(hugeDir, true, longName, FLOW, ".txt");
        assertThat(kept.stem()).hasSize(FileStore.MIN_CUT_NAME_BYTES + 3);
    }

    @Test
    void aLongOutputDirectoryCutsTheNameAsTheOriginal() {
        Path out = tmp.resolve("o".repeat(120));
        Extraction x = new Extraction(out, false, always("text/html"));
        x.store(origin("p".repeat(200), ""), new byte[] {1}, true);
        File f = x.files.getFirst();
        assertThat(f.getLocation()).endsWith("...");
        assertThat(f.getLocation().getBytes(StandardCharsets.UTF_8).length)
                .isEqualTo(Math.max(253, out.resolve("files/text/html").toString().length() + 1 + 16 + 3));
        assertThat(Files.isRegularFile(Path.of(f.getLocation()))).isTrue();
        assertThat(f.getName()).isEqualTo("p".repeat(SafeNames.MAX_NAME_BYTES) + ".html");
    }
}
