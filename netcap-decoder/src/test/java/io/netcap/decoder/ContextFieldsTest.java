package io.netcap.decoder;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.netcap.decoder.flow.Facts;
import io.netcap.decoder.flow.PacketFacts;
import io.netcap.packet.Packet;
import io.netcap.types.RecordType;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The bound accessors of every record type give the same record as the reflective setField path. */
class ContextFieldsTest {
    /** 00:11:22:33:44:55 <- 66:77:88:99:aa:bb, 10.0.0.1:40000 -> 10.0.0.2:53 over UDP, IPv4 and Ethernet. */
    private static final byte[] FRAME = HexFormat.of().parseHex(
            "001122334455" + "66778899aabb" + "0800" + "4500002d00010000401100000a0000010a000002"
                    + "9c4000350019000068656c6c6f776f726c64ffff00");

    @Test
    void everyRecordTypeAsTheReflectivePath() {
        PacketFacts ipv4 = Facts.of(new Packet(1, FRAME.length, FRAME.length, 1, 0, FRAME, 0));
        PacketFacts none = new PacketFacts();
        assertThat(ipv4.hasNetwork() && ipv4.hasTransport() && ipv4.hasMac).isTrue();
        int withContext = 0;
        for (RecordType t : RecordType.values()) {
            Message proto = t.prototype();
            FieldDescriptor srcIp = proto.getDescriptorForType().findFieldByName("SrcIP");
            FieldDescriptor srcMac = proto.getDescriptorForType().findFieldByName("SrcMAC");
            if (srcIp != null) {
                withContext++;
                assertThat(ContextFields.direct(proto)).as(t.name()).isTrue();
            }
            Message.Builder pre = proto.toBuilder();
            if (srcIp != null && srcIp.getJavaType() == FieldDescriptor.JavaType.STRING) {
                pre.setField(srcIp, "stale");
            }
            Message[] inputs = {proto, pre.build(), withMac(proto, srcMac)};
            for (Message m : inputs) {
                for (PacketFacts f : new PacketFacts[] {ipv4, none}) {
                    for (boolean context : new boolean[] {true, false}) {
                        assertThat(ContextFields.apply(m, f, context)).as(t.name())
                                .isEqualTo(ContextFields.reflective(m, f, context));
                    }
                }
            }
        }
        assertThat(withContext).isGreaterThan(20);
    }

    private static Message withMac(Message proto, FieldDescriptor srcMac) {
        if (srcMac == null || srcMac.getJavaType() != FieldDescriptor.JavaType.STRING) {
            return proto;
        }
        return proto.toBuilder().setField(srcMac, "aa:aa:aa:aa:aa:aa").build();
    }

    @Test
    void accessorNamesFollowProtoc() {
        FieldDescriptor f = io.netcap.types.SIP.getDescriptor().findFieldByName("SrcIP");
        assertThat(ContextFields.accessor("set", f)).isEqualTo("setSrcIP");
    }
}
