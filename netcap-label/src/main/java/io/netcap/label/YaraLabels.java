package io.netcap.label;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.netcap.types.Connection;
import io.netcap.types.HTTP;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * YARA rules as a labeling source: the {@code Payload} of each record that has one (TCP, UDP, USB, Modbus
 * records captured with {@code -payload}) and the file each {@code File} record names (extracted with
 * {@code capture -fileStorage}) are scanned, and every matching rule's name becomes a class of the record.
 * Matches of a conversation's bytes and of its files ({@link YaraConversations}) label its Connection and
 * HTTP records. Each match is also written to {@code yara.log} as a JSON line (record type, time, addresses,
 * rule, its {@code description} meta).
 */
final class YaraLabels implements Classifier {
    static final String LOG = "yara.log";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Yara.Rules rules;
    private final Writer log;
    private long matches;
    private final AtomicLong skippedFiles = new AtomicLong();
    private final AtomicLong scanErrors = new AtomicLong();
    private long conversations;
    private long conversationsTruncated;
    private long conversationsUnreadable;
    private final Map<String, String> descriptions = new ConcurrentHashMap<>();
    /** Set before labeling starts and only read while it runs. */
    private FlowMatches flows = new FlowMatches();
    /** Rules per extracted file's Location, scanned before labeling; capped like the flows. */
    private final Map<String, List<String>> fileRules = new ConcurrentHashMap<>();

    YaraLabels(Yara.Rules rules, Writer log) {
        this.rules = rules;
        this.log = log;
    }

    /** Extracted files larger than this are not scanned (the rules see whole files, read into memory). */
    static final long MAX_FILE = 256L << 20;

    @Override
    public List<String> classes(RecordFacts facts, Message record) {
        switch (record) {
            case io.netcap.types.File f -> {
                return file(facts, f);
            }
            case Connection c -> {
                return carried(facts, record, flows.flow(c.getTransportProto(), c.getSrcIP(), c.getSrcPort(),
                        c.getDstIP(), c.getDstPort()));
            }
            case HTTP h -> {
                return carried(facts, record, flows.session(h.getSrcIP(), h.getDstIP(), h.getTimestamp()));
            }
            default -> {
                FieldDescriptor payload = record.getDescriptorForType().findFieldByName("Payload");
                if (payload == null || payload.getType() != FieldDescriptor.Type.BYTES || payload.isRepeated()) {
                    return List.of();
                }
                ByteString bytes = (ByteString) record.getField(payload);
                return matches(facts, record, bytes.isEmpty() ? null : bytes.toByteArray());
            }
        }
    }

    void flows(FlowMatches flows) {
        this.flows = flows;
    }

    /**
     * The rules matching the file a File record names, scanned (and logged) once: the scan before labeling
     * is remembered for labeling, up to {@link FlowMatches#MAX_FLOWS} files.
     */
    List<String> file(RecordFacts facts, io.netcap.types.File f) {
        List<String> known = fileRules.get(f.getLocation());
        if (known != null) {
            return known;
        }
        List<String> matched = logged(facts, f, scanFile(f));
        if (!f.getLocation().isEmpty() && fileRules.size() < FlowMatches.MAX_FLOWS) {
            fileRules.put(f.getLocation(), matched);
        }
        return matched;
    }

    /** The matches of a conversation carried to one of its records, each rule logged with where it was found first. */
    private List<String> carried(RecordFacts facts, Message record, List<FlowMatches.Found> found) {
        if (found.isEmpty()) {
            return List.of();
        }
        Map<String, List<String>> sources = new LinkedHashMap<>();
        for (FlowMatches.Found f : found) {
            sources.computeIfAbsent(f.rule(), r -> new ArrayList<>(1)).add(f.source());
        }
        // one line per rule: a conversation with many matching files would otherwise repeat it per file
        sources.forEach((rule, where) -> {
            Map<String, Object> line = recordLine(facts, record, rule, descriptions.getOrDefault(rule, ""));
            line.put("source", where.getFirst());
            line.put("sources", where.size());
            write(line);
        });
        return List.copyOf(sources.keySet());
    }

    /**
     * The matches of an extracted file (docs/streams.md, "File extraction"), from the File record's
     * {@code Location}; none when it is gone, unreadable or over {@link #MAX_FILE} (counted as skipped).
     */
    private List<Yara.Match> scanFile(io.netcap.types.File f) {
        Path p = Path.of(f.getLocation());
        try {
            if (f.getLocation().isEmpty() || !Files.isRegularFile(p) || Files.size(p) > MAX_FILE) {
                skippedFiles.incrementAndGet();
                return List.of();
            }
            return remember(rules.scan(p));
        } catch (Yara.YaraException e) {
            scanErrors.incrementAndGet(); // libyara's error, e.g. its time limit
            return List.of();
        } catch (IOException | RuntimeException e) {
            skippedFiles.incrementAndGet();
            return List.of();
        }
    }

    /** A conversation dump was scanned; {@code truncated}: a direction held more than was scanned. */
    void conversation(boolean truncated) {
        conversations++;
        conversationsTruncated += truncated ? 1 : 0;
    }

    /** A conversation dump could not be read. */
    void conversationUnreadable() {
        conversationsUnreadable++;
    }

    /** What was scanned and what not, for the summary (docs/labeling.md, "YARA on conversations"). */
    Map<String, Long> stats() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("conversations", conversations);
        m.put("conversationsTruncated", conversationsTruncated);
        m.put("conversationsUnreadable", conversationsUnreadable);
        m.put("filesSkipped", skippedFiles.get());
        m.put("scanErrors", scanErrors.get());
        m.put("matchesNotCarried", flows.dropped());
        m.put("logLines", matches());
        return m;
    }

    /** The distinct rules matching {@code data}, each match logged for the record. */
    private List<String> matches(RecordFacts facts, Message record, byte[] data) {
        return logged(facts, record, scan(data));
    }

    private List<String> logged(RecordFacts facts, Message record, List<Yara.Match> found) {
        List<String> out = new ArrayList<>(1);
        for (Yara.Match m : found) {
            if (!out.contains(m.rule())) {
                out.add(m.rule());
            }
            write(recordLine(facts, record, m.rule(), m.description()));
        }
        return out;
    }

    /** The matches of {@code data} in rule order; none for null or empty data. */
    List<Yara.Match> scan(byte[] data) {
        if (data == null || data.length == 0) {
            return List.of();
        }
        try {
            return remember(rules.scan(data));
        } catch (Yara.YaraException e) {
            scanErrors.incrementAndGet();
            return List.of();
        }
    }

    /** Keeps each rule's description for the lines of carried matches. */
    private List<Yara.Match> remember(List<Yara.Match> found) {
        for (Yara.Match m : found) {
            descriptions.putIfAbsent(m.rule(), m.description());
        }
        return found;
    }

    private static Map<String, Object> recordLine(RecordFacts facts, Message record, String rule, String description) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("type", facts.type().fileName());
        line.put("timestamp", facts.time(record));
        line.put("srcIP", facts.srcIp(record));
        line.put("dstIP", facts.dstIp(record));
        line.put("rule", rule);
        line.put("description", description);
        return line;
    }

    /** One JSON line of {@code yara.log}. */
    void write(Map<String, Object> line) {
        try {
            String text = JSON.writeValueAsString(line);
            synchronized (this) {
                log.write(text);
                log.write('\n');
                matches++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized long matches() {
        return matches;
    }
}
