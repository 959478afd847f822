package io.netcap.kafka;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.WireFormat;
import io.netcap.types.RecordType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The Kafka message key of a record: its flow, so that every record of one flow lands in the same
 * partition of its topic (Kafka partitions by a hash of the key). Read from the record's own
 * top-level address fields ({@code SrcMAC}, {@code SrcIP}, {@code SrcPort} and their {@code Dst}
 * twins, whichever the type has), without parsing the rest: {@code "10.0.0.1/80 10.0.0.2/5353"},
 * the two endpoints in sorted order, so both directions share a key. A TCP record has only the
 * ports, so its key is the port pair; records of one flow still share it. A record of a type without
 * such fields, or with all of them empty, is keyed by the type's name.
 */
final class FlowKeys {
    private static final String[] FIELDS = {"SrcMAC", "SrcIP", "SrcPort", "DstMAC", "DstIP", "DstPort"};
    private static final int ENDPOINT_FIELDS = 3;
    private static final byte[][] SLOTS = new byte[RecordType.values().length][];

    static {
        for (RecordType t : RecordType.values()) {
            int max = t.descriptor().getFields().stream().mapToInt(FieldDescriptor::getNumber).max().orElse(0);
            byte[] slots = new byte[max + 1];
            Arrays.fill(slots, (byte) -1);
            boolean any = false;
            for (int i = 0; i < FIELDS.length; i++) {
                FieldDescriptor f = t.descriptor().findFieldByName(FIELDS[i]);
                if (f != null && !f.isRepeated() && (f.getType() == FieldDescriptor.Type.STRING
                        || f.getJavaType() == FieldDescriptor.JavaType.INT || f.getJavaType() == FieldDescriptor.JavaType.LONG)) {
                    slots[f.getNumber()] = (byte) i;
                    any = true;
                }
            }
            SLOTS[t.ordinal()] = any ? slots : null;
        }
    }

    private FlowKeys() {}

    /** The key of the record {@code b[off .. off+len)} of {@code type}. */
    static byte[] of(RecordType type, byte[] b, int off, int len) {
        byte[] slots = SLOTS[type.ordinal()];
        if (slots == null) {
            return name(type);
        }
        String[] values = new String[FIELDS.length];
        boolean any = false;
        try {
            CodedInputStream in = CodedInputStream.newInstance(b, off, len);
            int tag;
            while ((tag = in.readTag()) != 0) {
                int number = WireFormat.getTagFieldNumber(tag);
                int slot = number < slots.length ? slots[number] : -1;
                if (slot < 0) {
                    in.skipField(tag);
                } else if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_VARINT) {
                    values[slot] = Long.toString(in.readInt64());
                    any = true;
                } else if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                    values[slot] = in.readBytes().toStringUtf8();
                    any = true;
                } else {
                    in.skipField(tag);
                }
            }
        } catch (IOException e) {
            return name(type); // not the collector's business here: the file holds the same bytes
        }
        if (!any) {
            return name(type);
        }
        String a = endpoint(values, 0);
        String z = endpoint(values, ENDPOINT_FIELDS);
        String key = a.compareTo(z) <= 0 ? a + " " + z : z + " " + a;
        return key.getBytes(StandardCharsets.UTF_8);
    }

    private static String endpoint(String[] values, int from) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < from + ENDPOINT_FIELDS; i++) {
            if (values[i] != null && !values[i].isEmpty()) {
                sb.append(sb.isEmpty() ? "" : "/").append(values[i]);
            }
        }
        return sb.toString();
    }

    private static byte[] name(RecordType type) {
        return type.fileName().getBytes(StandardCharsets.UTF_8);
    }
}
