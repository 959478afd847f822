package io.netcap.label;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.netcap.io.RecordReader;
import io.netcap.testing.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * YARA on packet payloads against the {@code yara} command (Debian package {@code yara}): the payload of
 * every TCP and UDP record of a corpus capture is also written to a file of its own, and the pairs
 * (record, rule) of our labels must be those {@code yara -r RULES DIR} reports on those files.
 */
class YaraCorpusTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"suricata-verify__flowbit-oring_input.pcap", "chrissanders-packets__http_espn.pcapng",
            "chrissanders-packets__dns.pcap"})
    void payloadMatchesAreTheYaraCommands(String capture) throws Exception {
        YaraCommand.require();
        Path records = Captures.run(Corpus.pcaps().resolve(capture), tmp.resolve("records"), true);
        String rules = YaraTest.RULES + """
                rule http_response { strings: $s = "HTTP/1.1 200" condition: $s at 0 }
                rule dns_espn { strings: $n = { 04 65 73 70 6e } condition: $n }
                """;
        Path rulesFile = tmp.resolve("rules.yar");
        Files.writeString(rulesFile, rules);
        try (Yara.Rules compiled = Yara.compile(List.of("rules.yar"), List.of(rules))) {
            LabelOptions collect = new LabelOptions(false, true, false, Set.of(), false, "normal", ",");
            LabelRun.run(List.of(), compiled, records, tmp.resolve("out"), collect);
        }
        Set<String> ours = new TreeSet<>();
        Path payloads = Files.createDirectories(tmp.resolve("payloads"));
        for (String type : List.of("TCP", "UDP")) {
            Path file = records.resolve(type + ".ncap.gz");
            if (!Files.exists(file)) {
                continue;
            }
            List<String> labels = Captures.labels(tmp.resolve("out/" + type + Labeler.SUFFIX));
            try (RecordReader r = RecordReader.open(file)) {
                int i = 0;
                for (Message m = r.next(); m != null; m = r.next(), i++) {
                    ByteString p = (ByteString) m.getField(m.getDescriptorForType().findFieldByName("Payload"));
                    Files.write(payloads.resolve(type + "-" + i), p.toByteArray());
                    if (!labels.get(i).equals("normal")) {
                        for (String rule : labels.get(i).split(" \\| ")) {
                            ours.add(rule + " " + type + "-" + i);
                        }
                    }
                }
            }
        }
        List<String> theirs = YaraCommand.run(rulesFile, payloads).stream().map(h -> h.rule() + " " + h.file().getFileName()).toList();
        assertThat(ours).as(capture).containsExactlyInAnyOrderElementsOf(theirs);
        assertThat(ours).as(capture + ": the rules match something").isNotEmpty();
        assertThat(tmp.resolve("out/" + YaraLabels.LOG)).exists();
    }
}
