package io.netcap.label;

import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import io.netcap.engine.config.StreamConfig;
import io.netcap.io.RecordReader;
import io.netcap.testing.Corpus;
import io.netcap.types.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * YARA on extracted files against the {@code yara} command: for a corpus capture with HTTP downloads, the pairs
 * (file MD5, rule) of our File labels equal what {@code yara -r RULES DIR} reports on the files we extracted.
 */
class YaraFilesCorpusTest {
    @TempDir
    Path tmp;

    @Test
    void fileMatchesAreTheYaraCommands() throws Exception {
        boolean yaraCommand = java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, "yara")));
        if (!yaraCommand) {
            System.err.println("SKIPPED: the yara command is not installed (Debian package yara)");
        }
        assumeTrue(yaraCommand, "the yara command is not installed (Debian package yara)");
        YaraTest.libyara();
        Path records = Captures.run(Corpus.pcaps().resolve("chrissanders-packets__http_espn.pcapng"),
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
        Process p = new ProcessBuilder("yara", "-r", rulesFile.toString(), records.resolve("files").toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Set<String> theirs = new TreeSet<>();
        for (String line : new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                String[] f = line.split(" ", 2);
                theirs.add(f[0] + " " + HexFormat.of().formatHex(
                        MessageDigest.getInstance("MD5").digest(Files.readAllBytes(Path.of(f[1])))));
            }
        }
        assertThat(p.waitFor()).isZero();
        assertThat(ours).isEqualTo(theirs);
        assertThat(new ArrayList<>(ours)).anyMatch(s -> s.startsWith("png ")).anyMatch(s -> s.startsWith("html_doctype "));
    }
}
