package io.netcap.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** libyara through FFM: matches and compile errors, on rules written here. */
class YaraTest {
    static final String RULES = """
            rule png_magic
            {
                meta:
                    author = "test"
                    description = "PNG file signature"
                strings:
                    $magic = { 89 50 4E 47 0D 0A 1A 0A }
                condition:
                    $magic at 0
            }
            rule http_get
            {
                strings:
                    $get = "GET /"
                condition:
                    $get
            }
            """;

    @BeforeAll
    static void libyara() {
        boolean present = Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/libyara.so.9"))
                || Files.exists(Path.of("/usr/lib/libyara.so.9"));
        if (!present) {
            System.err.println("SKIPPED: libyara not installed (Debian package libyara9)");
        }
        assumeTrue(present, "libyara not installed (Debian package libyara9)");
    }

    @Test
    void matchesAndDescriptions() throws Exception {
        try (Yara.Rules rules = Yara.compile(List.of("test.yar"), List.of(RULES))) {
            byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0};
            assertThat(rules.scan(png)).containsExactly(new Yara.Match("png_magic", "PNG file signature"));
            assertThat(rules.scan("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII)))
                    .containsExactly(new Yara.Match("http_get", ""));
            assertThat(rules.scan(new byte[0])).isEmpty();
        }
    }

    @Test
    void filesAreScannedWhole(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        try (Yara.Rules rules = Yara.compile(List.of("test.yar"), List.of(RULES))) {
            byte[] data = new byte[3 << 20];
            byte[] get = "GET / HTTP/1.1".getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(get, 0, data, data.length - get.length, get.length); // at the very end
            Path file = Files.write(tmp.resolve("big"), data);
            assertThat(rules.scan(file)).containsExactly(new Yara.Match("http_get", ""));
            assertThat(rules.scan(Files.write(tmp.resolve("empty"), new byte[0]))).isEmpty();
        }
    }

    @Test
    void aRuleThatDoesNotCompileNamesItsLine() {
        String bad = "rule ok { condition: true }\n\nrule broken {\n  strings: $a = \"x\"\n  condition: $b\n}\n";
        assertThatThrownBy(() -> Yara.compile(List.of("bad.yar"), List.of(bad)))
                .isInstanceOf(Yara.YaraException.class).hasMessageStartingWith("bad.yar:6: undefined string"); // the yara command reports line 6 too
    }
}
