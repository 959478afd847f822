package io.netcap.parquet;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.util.List;

/**
 * Records with every field set to a value other than its default, built from the descriptor alone:
 * negative and large values for signed types, values above 2^31 and 2^63 for unsigned ones, text
 * outside ASCII, bytes 0x00 and 0xff, two elements per list and two entries per map.
 */
final class FullRecords {
    private FullRecords() {}

    /** A message nested in itself (GRERouting.Next) is filled to this depth. */
    private static final int DEPTH = 4;

    /** Three full records of {@code type} as a reader gets them (parsed from the wire), then one with every field at its zero value. */
    static List<Message> asRead(io.netcap.types.RecordType type) throws com.google.protobuf.InvalidProtocolBufferException {
        List<Message> records = new java.util.ArrayList<>();
        for (int seed = 1; seed <= 3; seed++) {
            // strings are stored as bytes after parsing
            records.add(type.prototype().getParserForType().parseFrom(of(type.prototype(), seed).toByteString()));
        }
        records.add(type.prototype());
        return records;
    }

    static Message of(Message prototype, int seed) {
        Message.Builder b = prototype.newBuilderForType();
        fill(b, prototype.getDescriptorForType(), seed, 0);
        return b.build();
    }

    private static void fill(Message.Builder b, Descriptor d, int seed, int depth) {
        for (FieldDescriptor fd : d.getFields()) {
            if (fd.getJavaType() == FieldDescriptor.JavaType.MESSAGE && depth >= DEPTH) {
                continue;
            }
            int n = seed * 31 + fd.getNumber();
            if (fd.isMapField()) {
                for (int i = 0; i < 2; i++) {
                    Message.Builder e = b.newBuilderForField(fd);
                    FieldDescriptor key = fd.getMessageType().findFieldByNumber(1);
                    FieldDescriptor value = fd.getMessageType().findFieldByNumber(2);
                    e.setField(key, value(e, key, n + i, depth));
                    e.setField(value, value(e, value, n + i, depth));
                    b.addRepeatedField(fd, e.build());
                }
            } else if (fd.isRepeated()) {
                b.addRepeatedField(fd, value(b, fd, n, depth));
                b.addRepeatedField(fd, value(b, fd, n + 1, depth));
            } else {
                b.setField(fd, value(b, fd, n, depth));
            }
        }
    }

    /** A value of {@code fd}; message values are built by {@code parent}, which owns the field. */
    private static Object value(Message.Builder parent, FieldDescriptor fd, int n, int depth) {
        return switch (fd.getType()) {
            case MESSAGE, GROUP -> {
                Message.Builder sub = parent.newBuilderForField(fd);
                fill(sub, fd.getMessageType(), n, depth + 1);
                yield sub.build();
            }
            case BOOL -> true;
            case INT32, SINT32, SFIXED32 -> n % 2 == 0 ? -n : n + 1_000_000;
            case UINT32, FIXED32 -> -n; // above 2^31 as unsigned
            case INT64, SINT64, SFIXED64 -> n % 2 == 0 ? Long.MIN_VALUE + n : 1_700_000_000_000_000_000L + n;
            case UINT64, FIXED64 -> -1L - n; // above 2^63 as unsigned
            case FLOAT -> n / 3f;
            case DOUBLE -> -n / 7.0;
            case STRING -> "s" + n + " é€𝄞 <&> \"\\\n";
            case BYTES -> ByteString.copyFrom(new byte[] {0, (byte) 0xff, (byte) n, 0x7f});
            case ENUM -> {
                EnumDescriptor e = fd.getEnumType();
                List<?> values = e.getValues();
                yield values.get(values.size() - 1);
            }
        };
    }
}
