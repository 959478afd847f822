package io.netcap.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.netcap.io.RecordReader;
import io.netcap.testing.Corpus;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
        boolean yaraCommand = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, "yara")));
        if (!yaraCommand) {
            System.err.println("SKIPPED: the yara command is not installed (Debian package yara)");
        }
        assumeTrue(yaraCommand, "the yara command is not installed (Debian package yara)");
        YaraTest.libyara();
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
        Process p = new ProcessBuilder("yara", "-r", rulesFile.toString(), payloads.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> theirs = new ArrayList<>();
        for (String line : new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                String[] f = line.split(" ", 2);
                theirs.add(f[0] + " " + Path.of(f[1]).getFileName());
            }
        }
        assertThat(p.waitFor()).isZero();
        assertThat(ours).as(capture).containsExactlyInAnyOrderElementsOf(theirs);
        assertThat(ours).as(capture + ": the rules match something").isNotEmpty();
        assertThat(tmp.resolve("out/" + YaraLabels.LOG)).exists();
    }
}
