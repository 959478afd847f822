package io.netcap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import com.google.protobuf.TextFormat;
import io.netcap.types.NetcapProto;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Files encoded by protoc (not protobuf-java; see the fixtures' README): {@code dump -json} must give
 * exactly the field values of the textproto they were encoded from.
 */
class InteropDumpTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"DNS", "HTTP"})
    void jsonEqualsTheTextproto(String type) throws Exception {
        Path file = dir.resolve(type + ".ncap.gz");
        try (InputStream in = getClass().getResourceAsStream("interop/" + type + ".ncap.gz")) {
            Files.copy(in, file);
        }
        List<Message> expected = textproto(type);
        Run r = Run.net("dump", "-read", file.toString(), "-json");
        assertThat(r.status()).isZero();
        assertThat(r.err()).isEmpty();
        List<String> lines = r.lines();
        // the first textproto section is the Header, which dump does not print
        assertThat(lines).hasSize(expected.size() - 1);
        for (int i = 0; i < lines.size(); i++) {
            assertMatches(expected.get(i + 1), MAPPER.readTree(lines.get(i)));
        }
    }

    private List<Message> textproto(String type) throws IOException {
        String text;
        try (InputStream in = getClass().getResourceAsStream("interop/" + type + ".textproto")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Message> out = new ArrayList<>();
        String[] sections = text.split("(?m)^# types\\.");
        for (String section : sections) {
            if (section.isBlank()) {
                continue;
            }
            int nl = section.indexOf('\n');
            String name = (nl < 0 ? section : section.substring(0, nl)).strip();
            Descriptor d = NetcapProto.getDescriptor().findMessageTypeByName(name);
            DynamicMessage.Builder b = DynamicMessage.newBuilder(d);
            TextFormat.merge(nl < 0 ? "" : section.substring(nl + 1), b);
            out.add(b.build());
        }
        return out;
    }

    private static void assertMatches(Message m, JsonNode node) {
        List<FieldDescriptor> present = new ArrayList<>(m.getAllFields().keySet());
        assertThat(node.size()).as("number of fields of %s in %s", m.getDescriptorForType().getName(), node)
                .isEqualTo(present.size());
        for (FieldDescriptor fd : present) {
            JsonNode n = node.get(fd.getName());
            assertThat(n).as(fd.getFullName()).isNotNull();
            Object v = m.getField(fd);
            if (fd.isMapField()) {
                List<?> entries = (List<?>) v;
                assertThat(n.size()).isEqualTo(entries.size());
                for (Object e : entries) {
                    Message entry = (Message) e;
                    String key = String.valueOf(entry.getField(fd.getMessageType().findFieldByNumber(1)));
                    FieldDescriptor valueFd = fd.getMessageType().findFieldByNumber(2);
                    assertScalar(valueFd, entry.getField(valueFd), n.get(key));
                }
            } else if (fd.isRepeated()) {
                List<?> list = (List<?>) v;
                assertThat(n.size()).isEqualTo(list.size());
                Iterator<JsonNode> it = n.elements();
                for (Object e : list) {
                    JsonNode en = it.next();
                    if (e instanceof Message child) {
                        assertMatches(child, en);
                    } else {
                        assertScalar(fd, e, en);
                    }
                }
            } else if (v instanceof Message child) {
                assertMatches(child, n);
            } else {
                assertScalar(fd, v, n);
            }
        }
    }

    private static void assertScalar(FieldDescriptor fd, Object v, JsonNode n) {
        assertThat(n).as(fd.getFullName()).isNotNull();
        switch (fd.getType()) {
            case STRING -> assertThat(n.textValue()).as(fd.getFullName()).isEqualTo(v);
            case BYTES -> assertThat(Base64.getDecoder().decode(n.textValue())).as(fd.getFullName())
                    .isEqualTo(((ByteString) v).toByteArray());
            case BOOL -> assertThat(n.booleanValue()).isEqualTo(v);
            case DOUBLE -> assertThat(n.doubleValue()).isEqualTo(v);
            case UINT32 -> assertThat(n.longValue()).as(fd.getFullName()).isEqualTo(((Integer) v) & 0xffffffffL);
            case UINT64 -> assertThat(n.bigIntegerValue()).as(fd.getFullName())
                    .isEqualTo(new java.math.BigInteger(Long.toUnsignedString((Long) v)));
            case INT64 -> assertThat(n.longValue()).as(fd.getFullName()).isEqualTo(v);
            case ENUM -> assertThat(n.intValue())
                    .isEqualTo(((com.google.protobuf.Descriptors.EnumValueDescriptor) v).getNumber());
            default -> assertThat(n.intValue()).as(fd.getFullName()).isEqualTo(v);
        }
    }
}
