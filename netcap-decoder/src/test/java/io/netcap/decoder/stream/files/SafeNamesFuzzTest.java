package io.netcap.decoder.stream.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Arbitrary names, read as UTF-8 and as UTF-16 (which yields lone surrogates): the component is one safe,
 * short, stable file name, and a type directory is two plain levels.
 */
class SafeNamesFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void names(byte[] data) {
        check(new String(data, StandardCharsets.UTF_8));
        check(new String(data, StandardCharsets.UTF_16BE));
    }

    private static void check(String name) {
        String c = SafeNames.component(name);
        assertThat(c).isNotEmpty().doesNotContain("/", "\\", "\0").isNotEqualTo(".").isNotEqualTo("..");
        assertThat(c.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(SafeNames.MAX_NAME_BYTES);
        // codePoints() gives an unpaired surrogate as its own value
        assertThat(c.codePoints().noneMatch(cp -> cp < 0x20 || cp == 0x7f || cp >= 0xD800 && cp <= 0xDFFF)).isTrue();
        assertThat(SafeNames.component(c)).as("stable").isEqualTo(c);
        String t = SafeNames.typeDirectory(name);
        if (t != null) {
            assertThat(t.split("/", -1)).hasSize(2).allSatisfy(p -> assertThat(p).isNotEmpty().doesNotContain(".."));
        }
    }
}
