package io.netcap.label;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import io.netcap.engine.config.StreamConfig;
import io.netcap.io.RecordReader;
import io.netcap.testing.Corpus;
import io.netcap.types.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * YARA on conversations against the {@code yara} command and TShark: each TCP stream's two directions, as
 * {@code tshark -z follow,tcp,raw} gives them, are written to files and scanned with {@code yara -r}; the
 * Connections our labels give each rule are exactly the streams whose files it matched, plus the flows of
 * the extracted files {@code yara} matches. HTTP records carry the rule when their request travelled in a
 * matched stream (the rules here name hosts that no unmatched stream talks to at the same time: an HTTP
 * record holds no ports, docs/labeling.md).
 */
class YaraConversationsCorpusTest {
    private static final String RULES = """
            rule assets_host { strings: $h = "Host: assets.espn.go.com" condition: $h }
            rule iis { strings: $s = "Server: Microsoft-IIS" condition: $s }
            rule postfix_banner { strings: $b = /^220 [^\\r\\n]* ESMTP Postfix/ condition: $b }
            rule jpeg { condition: uint16be(0) == 0xFFD8 }
            """;

    @TempDir
    Path tmp;

    @Test
    void httpConversations() throws Exception {
        Path pcap = Corpus.pcaps().resolve("chrissanders-packets__http_espn.pcapng");
        Map<Integer, String> matched = check(pcap);
        assertThat(matched.values().stream().flatMap(r -> List.of(r.split(" ")).stream()))
                .contains("assets_host", "iis", "jpeg");

        // HTTP: the requests TShark sees in streams matched by a rule on the conversation bytes
        Set<String> expected = new TreeSet<>();
        for (String line : io.netcap.testing.Tshark.run("-r", pcap.toString(), "-Y", "http.request", "-T", "fields",
                "-e", "tcp.stream", "-e", "ip.dst", "-e", "http.request.uri").split("\n")) {
            String[] f = line.split("\t", -1);
            if (f.length == 3) {
                for (String rule : matched.getOrDefault(Integer.parseInt(f[0]), "").split(" ")) {
                    if (rule.equals("assets_host") || rule.equals("iis")) {
                        // the record's URL writes a comma as (comma), as the original does
                        expected.add(rule + " " + f[1] + " " + f[2].replace(",", "(comma)"));
                    }
                }
            }
        }
        Set<String> ours = new TreeSet<>();
        for (Map<String, String> row : Captures.rows(tmp.resolve("out/HTTP" + Labeler.SUFFIX))) {
            for (String rule : row.get(Labeler.RESULT_COLUMN).split(" \\| ")) {
                if (rule.equals("assets_host") || rule.equals("iis")) {
                    ours.add(rule + " " + row.get("DstIP") + " " + row.get("URL"));
                }
            }
        }
        assertThat(ours).isNotEmpty().isEqualTo(expected);
    }

    @Test
    void mailConversation() throws Exception {
        Map<Integer, String> matched = check(Corpus.pcaps().resolve("chrissanders-packets__mail_sender_attachment.pcapng"));
        // the server's banner in the stream; the attachment, a JPEG, as an extracted file
        assertThat(matched).containsEntry(0, "jpeg postfix_banner");
    }

    /**
     * Captures with dumps and files, labels, and compares the labeled Connections with {@code yara} on
     * TShark's streams and on the extracted files; the rules (sorted, space-separated) per matched stream.
     */
    private Map<Integer, String> check(Path pcap) throws Exception {
        YaraCommand.require();
        io.netcap.testing.Tshark.require();
        Path records = Captures.run(pcap, tmp.resolve("records").toAbsolutePath(), false,
                StreamConfig.defaults().withFiles("files", false).withConns(true));
        Path rulesFile = tmp.resolve("rules.yar");
        Files.writeString(rulesFile, RULES);
        LabelSummary summary;
        try (Yara.Rules compiled = Yara.compile(List.of("rules.yar"), List.of(RULES))) {
            LabelOptions collect = new LabelOptions(false, true, false, Set.of(), false, "normal", ",");
            summary = LabelRun.run(List.of(), compiled, records, tmp.resolve("out"), collect);
        }
        Map<Integer, String> idents = followedStreams(pcap, Files.createDirectories(tmp.resolve("streams")));
        Map<Integer, Set<String>> rules = new HashMap<>();
        Set<String> expected = new TreeSet<>();
        for (YaraCommand.Hit h : YaraCommand.run(rulesFile, tmp.resolve("streams"))) {
            int stream = Integer.parseInt(h.file().getFileName().toString().split("-")[0]);
            expected.add(h.rule() + " " + idents.get(stream));
            rules.computeIfAbsent(stream, k -> new TreeSet<>()).add(h.rule());
        }
        Map<String, String> fileIdents = new HashMap<>();
        try (RecordReader r = RecordReader.open(records.resolve("File.ncap.gz"))) {
            for (Message m = r.next(); m != null; m = r.next()) {
                fileIdents.put(Path.of(((File) m).getLocation()).getFileName().toString(), ((File) m).getIdent());
            }
        }
        for (YaraCommand.Hit h : YaraCommand.run(rulesFile, records.resolve("files"))) {
            String ident = fileIdents.get(h.file().getFileName().toString());
            expected.add(h.rule() + " " + ident);
            idents.forEach((stream, i) -> {
                if (i.equals(ident)) {
                    rules.computeIfAbsent(stream, k -> new TreeSet<>()).add(h.rule());
                }
            });
        }
        Set<String> ours = new TreeSet<>();
        for (Map<String, String> row : Captures.rows(tmp.resolve("out/Connection" + Labeler.SUFFIX))) {
            String a = row.get("SrcIP") + ":" + row.get("SrcPort");
            String b = row.get("DstIP") + ":" + row.get("DstPort");
            String label = row.get(Labeler.RESULT_COLUMN);
            if (!label.equals("normal")) {
                for (String rule : label.split(" \\| ")) {
                    // in the orientation TShark gives the stream when it knows it
                    ours.add(rule + " " + (idents.containsValue(b + "->" + a) ? b + "->" + a : a + "->" + b));
                }
            }
        }
        assertThat(ours).isNotEmpty().isEqualTo(expected);
        // every TCP stream TShark follows has its dump (UDP conversations have theirs too)
        assertThat(summary.yara().get("conversations")).isGreaterThanOrEqualTo(idents.size());
        assertThat(summary.yara()).containsEntry("scanErrors", 0L).containsEntry("conversationsTruncated", 0L);
        Map<Integer, String> out = new HashMap<>();
        rules.forEach((stream, set) -> out.put(stream, String.join(" ", set)));
        return out;
    }

    /**
     * Writes each TCP stream's client and server bytes as TShark follows them to {@code <stream>-client.bin} and
     * {@code <stream>-server.bin}; the flow identifier ({@code client:port->server:port}) of each stream.
     */
    private static Map<Integer, String> followedStreams(Path pcap, Path dir) throws Exception {
        Set<Integer> streams = new TreeSet<>();
        for (String s : io.netcap.testing.Tshark.run("-r", pcap.toString(), "-Y", "tcp", "-T", "fields", "-e", "tcp.stream").split("\n")) {
            if (!s.isBlank()) {
                streams.add(Integer.parseInt(s.strip()));
            }
        }
        Map<Integer, String> idents = new HashMap<>();
        for (io.netcap.testing.Tshark.Followed f : io.netcap.testing.Tshark.follow(pcap, streams)) {
            // node 0 sent the first segment: the client
            Files.write(dir.resolve(f.stream() + "-client.bin"), f.data0());
            Files.write(dir.resolve(f.stream() + "-server.bin"), f.data1());
            idents.put(f.stream(), f.node0() + "->" + f.node1());
        }
        return idents;
    }
}
