package io.netcap.label;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import io.netcap.engine.config.StreamConfig;
import io.netcap.io.RecordReader;
import io.netcap.testing.Corpus;
import io.netcap.types.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * YARA on extracted files against the {@code yara} command: for corpus captures with HTTP downloads and with a
 * mail attachment, the pairs (file MD5, rule) of our File labels equal what {@code yara -r RULES DIR} reports on
 * the files we extracted.
 */
class YaraFilesCorpusTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource({"chrissanders-packets__http_espn.pcapng, png", "chrissanders-packets__mail_sender_attachment.pcapng, jpeg"})
    void fileMatchesAreTheYaraCommands(String pcap, String expectedRule) throws Exception {
        YaraCommand.require();
        Path records = Captures.run(Corpus.pcaps().resolve(pcap),
                tmp.resolve("records").toAbsolutePath(), false, StreamConfig.defaults().withFiles("files", false));
        String rules = """
                rule png { strings: $m = { 89 50 4E 47 0D 0A 1A 0A } condition: $m at 0 }
                rule html_doctype { strings: $d = "<!DOCTYPE" nocase condition: $d }
                rule jpeg { condition: uint16be(0) == 0xFFD8 }
                """;
        Path rulesFile = tmp.resolve("rules.yar");
        Files.writeString(rulesFile, rules);
        try (Yara.Rules compiled = Yara.compile(List.of("rules.yar"), List.of(rules))) {
            LabelOptions collect = new LabelOptions(false, true, false, Set.of(), false, "normal", ",");
            LabelRun.run(List.of(), compiled, records, tmp.resolve("out"), collect);
        }
        Set<String> ours = new TreeSet<>();
        // the result is the last column; Source and Name may hold quoted commas, rule names hold none
        List<String> labels = Files.readAllLines(tmp.resolve("out/File" + Labeler.SUFFIX)).stream().skip(1)
                .map(l -> l.substring(l.lastIndexOf(',') + 1)).toList();
        try (RecordReader r = RecordReader.open(records.resolve("File.ncap.gz"))) {
            int i = 0;
            for (Message m = r.next(); m != null; m = r.next(), i++) {
                File f = (File) m;
                if (!labels.get(i).equals("normal")) {
                    for (String rule : labels.get(i).split(" \\| ")) {
                        ours.add(rule + " " + f.getHash());
                    }
                }
            }
        }
        Set<String> theirs = new TreeSet<>();
        for (YaraCommand.Hit h : YaraCommand.run(rulesFile, records.resolve("files"))) {
            theirs.add(h.rule() + " " + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(h.file()))));
        }
        assertThat(ours).isEqualTo(theirs);
        assertThat(ours).anyMatch(s -> s.startsWith(expectedRule + " "));
    }
}
