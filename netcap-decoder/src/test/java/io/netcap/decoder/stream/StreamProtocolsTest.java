package io.netcap.decoder.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The stream decoder registry: unique names, and its table in docs/protocols.md. */
class StreamProtocolsTest {
    private static final Path DOC = Path.of("..", "docs", "protocols.md");
    static final String BEGIN = "<!-- generated from StreamProtocols.markdown() by StreamProtocolsTest: begin -->\n";
    static final String END = "<!-- generated: stream decoders end -->";

    @Test
    void namesAreUniqueAndEveryRowWritesRecords() {
        Set<String> names = new HashSet<>();
        for (StreamProtocol p : StreamProtocols.all()) {
            assertThat(names.add(p.name())).as(p.name()).isTrue();
            assertThat(p.records()).as(p.name()).isNotEmpty();
            assertThat(p.transports()).as(p.name()).isNotEmpty();
        }
    }

    @Test
    void docsTableIsTheRegistry() throws IOException {
        String doc = Files.readString(DOC);
        int from = doc.indexOf(BEGIN);
        int to = doc.indexOf(END);
        assertThat(from).as("the markers in docs/protocols.md").isNotNegative();
        assertThat(to).isGreaterThan(from);
        String expected = StreamProtocols.markdown();
        assertThat(doc.substring(from + BEGIN.length(), to))
                .as("docs/protocols.md: paste this between the markers:%n%s", expected).isEqualTo(expected);
    }
}
