package io.netcap.decoder.stream.software;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.BeforeAll;

/**
 * Any text as a User-Agent through uap-core's rules (Debian's {@code regexes.yaml}), as an HTTP header's
 * bytes reach them: every parse ends within five seconds, where some rules backtrack a lot on crafted text (the
 * parser cuts it at {@value UserAgentParser#MAX_USER_AGENT} characters), and each part has a family. Skips, saying
 * so, without Debian's uap-core. Seeds: {@code UserAgentParserFuzzTestInputs/anyUserAgent/}.
 */
class UserAgentParserFuzzTest {
    private static UserAgentParser parser;

    @BeforeAll
    static void load() throws IOException {
        assumeTrue(Files.isRegularFile(UserAgentParser.DEBIAN_PATH),
                "uap-core is not installed (apt-get install uap-core): skipping the User-Agent fuzz test");
        parser = UserAgentParser.load(UserAgentParser.DEBIAN_PATH);
    }

    @FuzzTest(maxDuration = "30s")
    void anyUserAgent(byte[] data) {
        String userAgent = new String(data, StandardCharsets.ISO_8859_1);
        long start = System.nanoTime();
        UserAgentParser.Result r = parser.parse(userAgent);
        // The crafted seed long-repeats takes 15-55 ms plain, 0.3 s under Jazzer's hooks on an idle machine and over
        // 1 s on a loaded one (a CI run beside a build): 5 s still catches backtracking that grows with the input.
        assertThat(System.nanoTime() - start).as("nanoseconds to parse %s", userAgent).isLessThan(5_000_000_000L);
        assertThat(r.userAgent().family()).isNotEmpty();
        assertThat(r.os().family()).isNotEmpty();
        assertThat(r.device().family()).isNotEmpty();
    }
}
