package io.netcap.label;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * YARA rules as a labeling source: the {@code Payload} of each record that has one (TCP, UDP, USB, Modbus
 * records captured with {@code -payload}) and the file each {@code File} record names (extracted with
 * {@code capture -fileStorage}) are scanned, and every matching rule's name becomes a class of the record. Each match is also written to {@code yara.log} as a JSON line (record type, time, addresses, rule,
 * its {@code description} meta).
 */
final class YaraLabels implements Classifier {
    static final String LOG = "yara.log";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Yara.Rules rules;
    private final Writer log;
    private long matches;
    private final java.util.concurrent.atomic.AtomicLong skippedFiles = new java.util.concurrent.atomic.AtomicLong();

    YaraLabels(Yara.Rules rules, Writer log) {
        this.rules = rules;
        this.log = log;
    }

    /** Extracted files larger than this are not scanned (the rules see whole files, read into memory). */
    static final long MAX_FILE = 256L << 20;

    @Override
    public List<String> classes(RecordFacts facts, Message record) {
        if (record instanceof io.netcap.types.File f) {
            return matches(facts, record, fileBytes(f));
        }
        FieldDescriptor payload = record.getDescriptorForType().findFieldByName("Payload");
        if (payload == null || payload.getType() != FieldDescriptor.Type.BYTES || payload.isRepeated()) {
            return List.of();
        }
        ByteString bytes = (ByteString) record.getField(payload);
        return matches(facts, record, bytes.isEmpty() ? null : bytes.toByteArray());
    }

    /**
     * The bytes of an extracted file (docs/streams.md, "File extraction"), from the File record's
     * {@code Location}; null when it is gone, unreadable or over {@link #MAX_FILE} (counted as skipped).
     */
    private byte[] fileBytes(io.netcap.types.File f) {
        Path p = Path.of(f.getLocation());
        try {
            if (f.getLocation().isEmpty() || !Files.isRegularFile(p) || Files.size(p) > MAX_FILE) {
                skippedFiles.incrementAndGet();
                return null;
            }
            return Files.readAllBytes(p);
        } catch (IOException e) {
            skippedFiles.incrementAndGet();
            return null;
        }
    }

    long skippedFiles() {
        return skippedFiles.get();
    }

    private List<String> matches(RecordFacts facts, Message record, byte[] data) {
        if (data == null || data.length == 0) {
            return List.of();
        }
        List<Yara.Match> found;
        try {
            found = rules.scan(data);
        } catch (Yara.YaraException e) {
            throw new UncheckedIOException(e);
        }
        List<String> out = new ArrayList<>(found.size());
        for (Yara.Match m : found) {
            if (!out.contains(m.rule())) {
                out.add(m.rule());
            }
            log(facts, record, m);
        }
        return out;
    }

    private void log(RecordFacts facts, Message record, Yara.Match m) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("type", facts.type().fileName());
        line.put("timestamp", facts.time(record));
        line.put("srcIP", facts.srcIp(record));
        line.put("dstIP", facts.dstIp(record));
        line.put("rule", m.rule());
        line.put("description", m.description());
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
