package io.netcap.types;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import io.netcap.types.format.SchemaTsv;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The compiled schema against the original's {@code records.tsv}: same messages, fields, numbers,
 * types, labels and categories, proto3 semantics, and no field beyond the original unless it is
 * declared in {@code docs/schema-extensions.md} with a number above the original's highest.
 */
class SchemaTest {
    private record Extension(String message, String field, int number, String type) {}

    static List<String> tsv() throws IOException {
        try (InputStream in = SchemaTest.class.getResourceAsStream("/records.tsv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    private static List<Extension> extensions() throws IOException {
        Path doc = Path.of("..", "docs", "schema-extensions.md");
        assertThat(doc).as("docs/schema-extensions.md next to the module").exists();
        List<Extension> out = new ArrayList<>();
        boolean inTable = false;
        for (String line : Files.readAllLines(doc)) {
            String t = line.strip();
            if (!t.startsWith("|")) {
                inTable = false;
                continue;
            }
            List<String> cells = new ArrayList<>();
            for (String c : t.substring(1, t.length() - 1).split("\\|", -1)) {
                cells.add(c.strip());
            }
            if (cells.get(0).equals("message")) {
                inTable = true;
                continue;
            }
            if (!inTable || cells.get(0).startsWith("---")) {
                continue;
            }
            out.add(new Extension(cells.get(0), cells.get(1), Integer.parseInt(cells.get(2)), cells.get(3)));
        }
        return out;
    }

    /** The checked-in copy stays identical to the specification when that is present. */
    @Test
    void checkedInCopiesMatchTheSpecification() throws IOException {
        String shared = System.getProperty("netcap.shared");
        org.junit.jupiter.api.Assumptions.assumeTrue(shared != null && Files.isDirectory(Path.of(shared, "spec")),
                "specification directory not present (netcap.shared)");
        assertThat(tsv()).isEqualTo(Files.readAllLines(Path.of(shared, "spec", "records.tsv")));
        try (InputStream in = SchemaTest.class.getResourceAsStream("/csv-columns.md")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo(Files.readString(Path.of(shared, "spec", "csv-columns.md")));
        }
    }

    @Test
    void everyOriginalRowIsCompiledIdenticallyAndInTheSameOrder() throws IOException {
        List<String> expected = tsv();
        List<String> compiled = SchemaTsv.lines();
        Set<String> original = new LinkedHashSet<>(expected);
        assertThat(compiled.get(0)).isEqualTo(expected.get(0));
        assertThat(compiled).containsAll(expected);
        // `diff <(net util -schema) records.tsv` shows only additions
        assertThat(compiled.stream().filter(original::contains).toList()).isEqualTo(expected);
        assertThat(expected).hasSize(1 + 100 + 1181);
    }

    @Test
    void fieldsBeyondTheOriginalAreDeclaredExtensionsAboveTheOriginalMaximum() throws IOException {
        Map<String, Integer> originalMax = new HashMap<>();
        Set<String> originalFields = new java.util.HashSet<>();
        for (String line : tsv()) {
            String[] c = line.split("\t", -1);
            if (c[0].equals("field")) {
                originalMax.merge(c[1], Integer.parseInt(c[3]), Math::max);
                originalFields.add(c[1] + "." + c[2]);
            }
        }
        List<Extension> declared = extensions();
        Map<String, Extension> byName = new HashMap<>();
        for (Extension e : declared) {
            byName.put(e.message() + "." + e.field(), e);
        }
        for (Descriptor m : NetcapProto.getDescriptor().getMessageTypes()) {
            // a message beyond the original is declared field by field
            assertThat(originalMax.containsKey(m.getName()) || declared.stream().anyMatch(e -> e.message().equals(m.getName())))
                    .as("message %s exists in the original or in docs/schema-extensions.md", m.getName()).isTrue();
            for (FieldDescriptor fd : m.getFields()) {
                String key = m.getName() + "." + fd.getName();
                if (originalFields.contains(key)) {
                    continue;
                }
                assertThat(byName).as("field %s is not in records.tsv: declare it in docs/schema-extensions.md", key)
                        .containsKey(key);
            }
        }
        for (Extension e : declared) {
            Descriptor m = NetcapProto.getDescriptor().findMessageTypeByName(e.message());
            assertThat(m).as("extension message %s", e.message()).isNotNull();
            FieldDescriptor fd = m.findFieldByName(e.field());
            assertThat(fd).as("extension %s.%s is compiled", e.message(), e.field()).isNotNull();
            assertThat(fd.getNumber()).as("number of %s.%s", e.message(), e.field()).isEqualTo(e.number());
            assertThat(SchemaTsv.typeName(fd)).as("type of %s.%s", e.message(), e.field()).isEqualTo(e.type());
            assertThat(e.number()).as("%s.%s above the original's highest number", e.message(), e.field())
                    .isGreaterThan(originalMax.getOrDefault(e.message(), 0));
        }
    }

    @Test
    void singularFieldsHaveImplicitPresenceAndRepeatedScalarsArePacked() {
        for (Descriptor m : NetcapProto.getDescriptor().getMessageTypes()) {
            for (FieldDescriptor fd : m.getFields()) {
                if (fd.isRepeated()) {
                    boolean packable = fd.getJavaType() != FieldDescriptor.JavaType.MESSAGE
                            && fd.getJavaType() != FieldDescriptor.JavaType.STRING
                            && fd.getJavaType() != FieldDescriptor.JavaType.BYTE_STRING;
                    if (packable) {
                        assertThat(fd.isPacked()).as("%s is packed", fd.getFullName()).isTrue();
                    }
                } else if (fd.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
                    assertThat(fd.hasPresence()).as("%s has no explicit presence", fd.getFullName()).isFalse();
                }
            }
        }
    }
}
