package io.netcap.parquet;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import io.netcap.types.format.JsonFormat;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;

/**
 * The Parquet schema of a record type, derived from its protobuf descriptor alone (docs/scale-out.md,
 * "Parquet"): one column per field under the schema's field name; scalars required (proto3 has no
 * absent scalar, an unset one is its zero value), nested messages optional groups (null when unset),
 * repeated fields LISTs and maps MAPs in the three-level form of the Parquet format specification.
 * A message nested in itself is a binary column of its protobuf encoding from that level on.
 */
public final class ParquetSchema {
    private ParquetSchema() {}

    /** The schema of messages of {@code d}; the message name is the descriptor's name. */
    public static MessageType of(Descriptor d) {
        return new MessageType(d.getName(), fields(d, new ArrayDeque<>()));
    }

    private static List<Type> fields(Descriptor d, Deque<Descriptor> path) {
        path.push(d);
        List<Type> out = new ArrayList<>();
        for (FieldDescriptor fd : d.getFields()) {
            out.add(field(fd, path));
        }
        path.pop();
        return out;
    }

    private static Type field(FieldDescriptor fd, Deque<Descriptor> path) {
        String name = fd.getName();
        if (fd.isMapField()) {
            FieldDescriptor key = fd.getMessageType().findFieldByNumber(1);
            FieldDescriptor value = fd.getMessageType().findFieldByNumber(2);
            return Types.optionalGroup().as(LogicalTypeAnnotation.mapType())
                    .addField(new GroupType(Repetition.REPEATED, "key_value",
                            value(key, Repetition.REQUIRED, "key", path),
                            value(value, value.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                                    ? Repetition.OPTIONAL : Repetition.REQUIRED, "value", path)))
                    .named(name);
        }
        if (fd.isRepeated()) {
            return Types.optionalGroup().as(LogicalTypeAnnotation.listType())
                    .addField(new GroupType(Repetition.REPEATED, "list", value(fd, Repetition.REQUIRED, "element", path)))
                    .named(name);
        }
        Repetition r = fd.getJavaType() == FieldDescriptor.JavaType.MESSAGE ? Repetition.OPTIONAL : Repetition.REQUIRED;
        return value(fd, r, name, path);
    }

    /** One value of {@code fd}'s type (an element for repeated fields) under {@code name}. */
    private static Type value(FieldDescriptor fd, Repetition r, String name, Deque<Descriptor> path) {
        return switch (fd.getType()) {
            // a message inside itself (GRERouting.Next) has no finite column tree: its wire bytes
            case MESSAGE, GROUP -> path.contains(fd.getMessageType())
                    ? Types.primitive(PrimitiveTypeName.BINARY, r).named(name)
                    : new GroupType(r, name, fields(fd.getMessageType(), path));
            case BOOL -> Types.primitive(PrimitiveTypeName.BOOLEAN, r).named(name);
            case INT32, SINT32, SFIXED32, ENUM -> Types.primitive(PrimitiveTypeName.INT32, r).named(name);
            case UINT32, FIXED32 -> Types.primitive(PrimitiveTypeName.INT32, r)
                    .as(LogicalTypeAnnotation.intType(32, false)).named(name);
            case INT64, SINT64, SFIXED64 -> Types.primitive(PrimitiveTypeName.INT64, r).named(name);
            case UINT64, FIXED64 -> Types.primitive(PrimitiveTypeName.INT64, r)
                    .as(LogicalTypeAnnotation.intType(64, false)).named(name);
            case FLOAT -> Types.primitive(PrimitiveTypeName.FLOAT, r).named(name);
            case DOUBLE -> Types.primitive(PrimitiveTypeName.DOUBLE, r).named(name);
            case BYTES -> Types.primitive(PrimitiveTypeName.BINARY, r).named(name);
            case STRING -> binaryString(fd)
                    ? Types.primitive(PrimitiveTypeName.BINARY, r).named(name)
                    : Types.primitive(PrimitiveTypeName.BINARY, r).as(LogicalTypeAnnotation.stringType()).named(name);
        };
    }

    /** A {@code string} field that holds protocol bytes, written as its stored bytes like a bytes field. */
    static boolean binaryString(FieldDescriptor fd) {
        return !fd.isRepeated() && JsonFormat.isBinaryString(fd);
    }
}
