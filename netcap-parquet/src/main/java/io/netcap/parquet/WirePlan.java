package io.netcap.parquet;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import io.netcap.types.wire.WireBytes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * How the protobuf encoding of one message type maps onto the columns of {@link ParquetSchema}: per
 * field its column index, how its value is encoded on the wire and, for messages, the plan of the
 * group below. Built once per writer from the descriptor, walking it exactly as the schema does, so
 * a message nested in itself is cut at the same level.
 */
final class WirePlan {
    private static final int VARINT = WireBytes.VARINT;
    private static final int I64 = WireBytes.I64;
    private static final int LEN = WireBytes.LEN;
    private static final int I32 = WireBytes.I32;

    /** How a value is read from the wire and handed to the column. */
    enum Kind {
        INT32(VARINT), SINT32(VARINT), BOOL(VARINT), INT64(VARINT), SINT64(VARINT),
        FIXED32(I32), FLOAT(I32), FIXED64(I64), DOUBLE(I64),
        /** UTF-8 text: bytes that do not decode are replaced, as reading the record does. */
        STRING(LEN),
        /** bytes, and strings that hold protocol bytes: as stored. */
        BYTES(LEN),
        MESSAGE(LEN),
        /** a message inside itself: the column holds its protobuf encoding. */
        CUT(LEN);

        final int wireType;

        Kind(int wireType) {
            this.wireType = wireType;
        }

        /** Numbers may come packed into one length-delimited value. */
        boolean packable() {
            return wireType != LEN;
        }
    }

    /**
     * One field: {@code index} is its position in the group; {@code message} the plan of a message
     * value (of the entry, for a map); {@code cut} the descriptor of a {@link Kind#CUT} value. Its
     * values are in the leaf columns {@code leaf .. leaf + leaves - 1} of the schema, in the order of
     * {@code MessageType.getColumns()}.
     */
    record Field(String name, int index, Kind kind, boolean repeated, boolean map, Message message, Descriptor cut,
            int leaf, int leaves) {}

    /** The fields of one group; {@code byNumber[n]} is the index of field number {@code n}, or -1. */
    record Message(Field[] fields, int[] byNumber) {
        int indexOf(int number) {
            return number < byNumber.length ? byNumber[number] : -1;
        }
    }

    private WirePlan() {}

    static Message of(Descriptor d) {
        return message(d, new ArrayDeque<>(), new int[1]);
    }

    /** {@code leaves[0]} counts the leaf columns in schema order. */
    private static Message message(Descriptor d, Deque<Descriptor> path, int[] leaves) {
        path.push(d);
        List<FieldDescriptor> fds = d.getFields();
        Field[] fields = new Field[fds.size()];
        int max = 0;
        for (FieldDescriptor fd : fds) {
            max = Math.max(max, fd.getNumber());
        }
        int[] byNumber = new int[max + 1];
        java.util.Arrays.fill(byNumber, -1);
        for (int i = 0; i < fields.length; i++) {
            FieldDescriptor fd = fds.get(i);
            fields[i] = field(fd, i, path, leaves);
            byNumber[fd.getNumber()] = i;
        }
        path.pop();
        return new Message(fields, byNumber);
    }

    private static Field field(FieldDescriptor fd, int index, Deque<Descriptor> path, int[] leaves) {
        int leaf = leaves[0];
        if (fd.isMapField()) {
            Message entry = message(fd.getMessageType(), path, leaves);
            return new Field(fd.getName(), index, Kind.MESSAGE, true, true, entry, null, leaf, leaves[0] - leaf);
        }
        Kind kind = kind(fd, path);
        Message sub = null;
        if (kind == Kind.MESSAGE) {
            sub = message(fd.getMessageType(), path, leaves);
        } else {
            leaves[0]++;
        }
        Descriptor cut = kind == Kind.CUT ? fd.getMessageType() : null;
        return new Field(fd.getName(), index, kind, fd.isRepeated(), false, sub, cut, leaf, leaves[0] - leaf);
    }

    private static Kind kind(FieldDescriptor fd, Deque<Descriptor> path) {
        return switch (fd.getType()) {
            case MESSAGE, GROUP -> path.contains(fd.getMessageType()) ? Kind.CUT : Kind.MESSAGE;
            case BOOL -> Kind.BOOL;
            case INT32, UINT32, ENUM -> Kind.INT32;
            case SINT32 -> Kind.SINT32;
            case INT64, UINT64 -> Kind.INT64;
            case SINT64 -> Kind.SINT64;
            case FIXED32, SFIXED32 -> Kind.FIXED32;
            case FIXED64, SFIXED64 -> Kind.FIXED64;
            case FLOAT -> Kind.FLOAT;
            case DOUBLE -> Kind.DOUBLE;
            case BYTES -> Kind.BYTES;
            case STRING -> ParquetSchema.binaryString(fd) ? Kind.BYTES : Kind.STRING;
        };
    }
}
