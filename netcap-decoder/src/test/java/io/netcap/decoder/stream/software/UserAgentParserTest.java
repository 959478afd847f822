package io.netcap.decoder.stream.software;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The uap-core rules as uap-core's own test cases expect them (Debian package {@code uap-core}: its
 * {@code tests/test_ua.yaml}, {@code test_os.yaml}, {@code test_device.yaml}); skips when the package is absent.
 */
class UserAgentParserTest {
    private static final Path TESTS = UserAgentParser.DEBIAN_PATH.resolveSibling("tests");
    private static UserAgentParser parser;

    @BeforeAll
    static void load() throws IOException {
        assumeTrue(Files.isRegularFile(UserAgentParser.DEBIAN_PATH) && Files.isDirectory(TESTS),
                "uap-core is not installed (apt-get install uap-core): skipping the User-Agent tests");
        parser = UserAgentParser.load(UserAgentParser.DEBIAN_PATH);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> cases(String file) throws IOException {
        LoaderOptions o = new LoaderOptions();
        o.setCodePointLimit(64 * 1024 * 1024);
        try (Reader r = Files.newBufferedReader(TESTS.resolve(file))) {
            Map<String, Object> root = new Yaml(new SafeConstructor(o)).load(r);
            return (List<Map<String, Object>>) root.get("test_cases");
        }
    }

    private static String s(Object o) {
        return o == null ? "" : o.toString();
    }

    /** Cases (every {@code step}-th) whose expected parts differ from ours, as text. */
    private static List<String> mismatches(String file, int step, Function<UserAgentParser.Result, UserAgentParser.Part> part,
                                           String... keys) throws IOException {
        List<Map<String, Object>> cases = cases(file);
        List<String> bad = new ArrayList<>();
        int checked = 0;
        for (int i = 0; i < cases.size(); i += step) {
            Map<String, Object> c = cases.get(i);
            UserAgentParser.Part p = part.apply(parser.parse(s(c.get("user_agent_string"))));
            String[] ours = {p.family(), p.major(), p.minor(), p.patch(), p.patchMinor()};
            StringBuilder want = new StringBuilder();
            StringBuilder got = new StringBuilder();
            for (int k = 0; k < keys.length; k++) {
                want.append(s(c.get(keys[k]))).append('|');
                got.append(ours[k]).append('|');
            }
            checked++;
            if (!want.toString().contentEquals(got)) {
                bad.add(c.get("user_agent_string") + ": want " + want + " got " + got);
            }
        }
        System.out.println(file + ": " + checked + " cases, " + bad.size() + " differ");
        bad.stream().limit(10).forEach(System.out::println);
        return bad;
    }

    @Test
    void browsers() throws IOException {
        assertThat(mismatches("test_ua.yaml", 1, UserAgentParser.Result::userAgent, "family", "major", "minor", "patch"))
                .isEmpty();
    }

    @Test
    void operatingSystems() throws IOException {
        assertThat(mismatches("test_os.yaml", 1, UserAgentParser.Result::os, "family", "major", "minor", "patch",
                "patch_minor")).isEmpty();
    }

    @Test
    void devices() throws IOException {
        assertThat(mismatches("test_device.yaml", 10, UserAgentParser.Result::device, "family")).isEmpty();
    }

    @Test
    void everyRuleCompiles() {
        assertThat(parser.skippedRules()).isZero();
    }
}
