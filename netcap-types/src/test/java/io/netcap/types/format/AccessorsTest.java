package io.netcap.types.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import io.netcap.types.NetcapProto;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AccessorsTest {
    /** For every message of the schema the fast reads equal getField and the plan's presence equals hasField. */
    @Test
    void fastReadsEqualReflection() throws Exception {
        Random rnd = new Random(7);
        for (Descriptor d : NetcapProto.getDescriptor().getMessageTypes()) {
            Class<?> type = Class.forName("io.netcap.types." + d.getName());
            Message prototype = (Message) type.getMethod("getDefaultInstance").invoke(null);
            long expectedFast = d.getFields().stream()
                    .filter(f -> !f.isMapField() && f.getJavaType() != FieldDescriptor.JavaType.ENUM).count();
            assertThat(Accessors.fastFields(type)).as("getters of %s", d.getName()).isEqualTo(expectedFast);
            for (Message m : new Message[] {prototype, Records.filled(prototype), Records.random(prototype, rnd)}) {
                Message dynamic = DynamicMessage.parseFrom(d, m.toByteString());
                for (FieldDescriptor fd : d.getFields()) {
                    assertThat(Accessors.get(m, fd)).as(fd.getFullName()).isEqualTo(m.getField(fd));
                }
                for (FieldPlan.Field f : FieldPlan.of(d).fields()) {
                    FieldDescriptor fd = f.fd();
                    boolean present = fd.isRepeated() ? m.getRepeatedFieldCount(fd) > 0 : m.hasField(fd);
                    assertThat(f.valueIfPresent(m) != null).as(fd.getFullName()).isEqualTo(present);
                    assertThat(f.valueIfPresent(dynamic) != null).as(fd.getFullName()).isEqualTo(present);
                    if (present) {
                        assertThat(f.valueIfPresent(m)).as(fd.getFullName()).isEqualTo(m.getField(fd));
                    }
                }
            }
        }
    }

    @Test
    void javaNamesFollowProtoc() {
        assertThat(Accessors.javaName("Ja3s")).isEqualTo("Ja3S");
        assertThat(Accessors.javaName("Class")).isEqualTo("Class_");
        assertThat(Accessors.javaName("SrcIP")).isEqualTo("SrcIP");
        assertThat(Accessors.javaName("a_b")).isEqualTo("AB");
    }
}
