package io.netcap.cli.flags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every flag the description of the original's {@code net capture} names (shared/spec/cli.md, section 3) is a flag
 * here, working or hidden: a configuration file of the original, which lists them all, loads.
 */
class OriginalFlagsTest {
    @Test
    void everyCaptureFlagOfTheOriginalIsDefined() throws IOException {
        Path spec = Path.of(System.getProperty("netcap.shared", "../shared"), "spec", "cli.md");
        if (!Files.isRegularFile(spec)) {
            System.err.println("SKIPPED: " + spec + " not found; the original's flag list is not checked");
        }
        assumeTrue(Files.isRegularFile(spec), "shared spec not found (../shared/spec/cli.md)");
        String text = Files.readString(spec);
        String section = text.substring(text.indexOf("## 3. `net capture`"), text.indexOf("## 4. `net dump`"));
        Matcher m = Pattern.compile("`-([a-zA-Z][a-zA-Z0-9-]*)").matcher(section);
        FlagSet flags = CaptureFlags.define();
        List<String> named = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        while (m.find()) {
            String name = m.group(1);
            if (name.equals("h") || name.equals("help")) {
                continue; // help, not a flag of the set
            }
            named.add(name);
            if (flags.defaultValue(name) == null) {
                missing.add(name);
            }
        }
        assertThat(named).as("flags named by the spec's capture section").hasSizeGreaterThan(80);
        assertThat(missing).as("flags of the original that are not defined").isEmpty();
    }
}
