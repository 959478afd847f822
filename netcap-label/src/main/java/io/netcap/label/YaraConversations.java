package io.netcap.label;

import com.google.protobuf.Message;
import io.netcap.io.CorruptRecordException;
import io.netcap.io.RecordReader;
import io.netcap.types.Connection;
import io.netcap.types.RecordType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Before labeling (docs/labeling.md, "YARA on conversations"): the rules are matched against each direction
 * of every conversation dump under {@code tcp/} and {@code udp/} of the record directory ({@code capture
 * -conns}), up to a limit of bytes a direction ({@link #MAX_DIRECTION} unless told), and against every file the File records name;
 * the matches are collected per flow, and the Connection records with matches give the spans in which HTTP
 * records of their hosts belong to them. One conversation is held at a time.
 */
public final class YaraConversations {
    /** Bytes of one direction of a conversation that are scanned by default; the rest is not. */
    public static final int MAX_DIRECTION = 16 << 20;
    /** The largest limit that may be set: one direction is one Java array and one native copy. */
    public static final int LARGEST_DIRECTION = 1 << 30;
    static final List<String> TRANSPORTS = List.of("tcp", "udp");

    private final YaraLabels yara;
    private final FlowMatches flows = new FlowMatches();
    private final int maxDirection;

    private YaraConversations(YaraLabels yara, int maxDirection) {
        this.yara = yara;
        this.maxDirection = maxDirection;
    }

    /** Scans the dumps and extracted files of {@code recordDir} and hands the matches to {@code yara}. */
    static void prepare(YaraLabels yara, Path recordDir, int maxDirection) throws IOException {
        YaraConversations c = new YaraConversations(yara, maxDirection);
        for (String transport : TRANSPORTS) {
            c.dumps(recordDir.resolve(transport), transport);
        }
        c.files(recordDir);
        if (!c.flows.isEmpty()) {
            c.spans(recordDir);
            c.flows.freeze();
        }
        yara.flows(c.flows);
    }

    /** Every {@code <service>/<flow>.bin} below {@code dir}, in name order, each direction scanned. */
    private void dumps(Path dir, String transport) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir, 2)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".bin") && Files.isRegularFile(p)).sorted().toList();
        }
        for (Path f : files) {
            ConversationDump.Directions d;
            try (InputStream in = Files.newInputStream(f)) {
                d = ConversationDump.read(in, maxDirection);
            } catch (IOException e) {
                yara.conversationUnreadable();
                continue;
            }
            yara.conversation(d.truncated());
            String name = f.getFileName().toString();
            String flow = name.substring(0, name.length() - ".bin".length());
            scan(transport, flow, "client", d.client(), d.truncated());
            scan(transport, flow, "server", d.server(), d.truncated());
        }
    }

    private void scan(String transport, String flow, String direction, byte[] data, boolean truncated) {
        for (Yara.Match m : yara.scan(data)) {
            flows.add(transport + "/" + flow, new FlowMatches.Found(m.rule(), "stream " + direction));
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("type", "Conversation");
            line.put("flow", transport + "/" + flow);
            line.put("direction", direction);
            line.put("bytes", data.length);
            line.put("truncated", truncated);
            line.put("rule", m.rule());
            line.put("description", m.description());
            yara.write(line);
        }
    }

    /** The files of the File records, scanned once: their rules label the File record and its flow. */
    private void files(Path recordDir) throws IOException {
        Optional<Path> file = recordFile(recordDir, RecordType.File);
        if (file.isEmpty()) {
            return;
        }
        RecordFacts facts = RecordFacts.of(RecordType.File);
        try (RecordReader r = RecordReader.open(file.get())) {
            for (Message m = r.next(); m != null; m = r.next()) {
                io.netcap.types.File f = (io.netcap.types.File) m;
                List<String> rules = yara.file(facts, f);
                for (String rule : rules) {
                    // extracted files come from TCP conversations: HTTP, FTP data, mail
                    flows.add(FlowMatches.key("tcp", f.getIdent()), new FlowMatches.Found(rule, "file " + f.getHash()));
                }
            }
        } catch (CorruptRecordException e) {
            // labeling reports the damage; the records before it are scanned
        }
    }

    /** The spans of the Connections with matches, for their HTTP records. */
    private void spans(Path recordDir) throws IOException {
        Optional<Path> file = recordFile(recordDir, RecordType.Connection);
        if (file.isEmpty()) {
            return;
        }
        try (RecordReader r = RecordReader.open(file.get())) {
            for (Message m = r.next(); m != null; m = r.next()) {
                Connection c = (Connection) m;
                List<FlowMatches.Found> found = flows.flow(c.getTransportProto(), c.getSrcIP(), c.getSrcPort(),
                        c.getDstIP(), c.getDstPort());
                if (!found.isEmpty()) {
                    flows.span(c.getSrcIP(), c.getDstIP(), c.getTimestampFirst(), c.getTimestampLast(), found);
                }
            }
        } catch (CorruptRecordException e) {
            // as above
        }
    }

    private static Optional<Path> recordFile(Path dir, RecordType type) throws IOException {
        return Labeler.recordFiles(dir).stream().filter(p -> Labeler.baseName(p).equals(type.fileName())).findFirst();
    }
}
