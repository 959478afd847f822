package io.netcap.label;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * YARA rules as a labeling source: the {@code Payload} of each record that has one (TCP, UDP, USB, Modbus
 * records captured with {@code -payload}) is scanned, and every matching rule's name becomes a class of the
 * record. Each match is also written to {@code yara.log} as a JSON line (record type, time, addresses, rule,
 * its {@code description} meta).
 */
final class YaraLabels implements Classifier {
    static final String LOG = "yara.log";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Yara.Rules rules;
    private final Writer log;
    private long matches;

    YaraLabels(Yara.Rules rules, Writer log) {
        this.rules = rules;
        this.log = log;
    }

    @Override
    public List<String> classes(RecordFacts facts, Message record) {
        FieldDescriptor payload = record.getDescriptorForType().findFieldByName("Payload");
        if (payload == null || payload.getType() != FieldDescriptor.Type.BYTES || payload.isRepeated()) {
            return List.of();
        }
        ByteString bytes = (ByteString) record.getField(payload);
        if (bytes.isEmpty()) {
            return List.of();
        }
        List<Yara.Match> found;
        try {
            found = rules.scan(bytes.toByteArray());
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
