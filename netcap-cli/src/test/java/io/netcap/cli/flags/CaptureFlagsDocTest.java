package io.netcap.cli.flags;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/cli.md lists every flag of {@code net capture} with its state, as the flag set defines them. */
class CaptureFlagsDocTest {
    private static final Path DOC = Path.of("..", "docs", "cli.md");
    static final String BEGIN = "<!-- capture flags: generated from CaptureFlags, checked by CaptureFlagsDocTest -->\n";
    static final String END = "<!-- end of capture flags -->";

    @Test
    void docsTableIsTheFlagSet() throws IOException {
        String doc = Files.readString(DOC);
        int from = doc.indexOf(BEGIN);
        int to = doc.indexOf(END);
        assertThat(from).as("the markers in docs/cli.md").isNotNegative();
        assertThat(to).isGreaterThan(from);
        String expected = CaptureFlags.define().markdown();
        assertThat(doc.substring(from + BEGIN.length(), to))
                .as("docs/cli.md: paste this between the markers:%n%s", expected).isEqualTo(expected);
        assertThat(expected).contains("| `-ip4defrag` |").contains("not available (").contains("| `-read` | string |");
    }
}
