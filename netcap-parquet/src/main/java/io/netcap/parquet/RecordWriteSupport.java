package io.netcap.parquet;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.netcap.types.format.JsonFormat;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Writes any record through the column model of {@link ParquetSchema}: one walk over the descriptor,
 * no code per record type. Field {@code i} of a message is column group {@code i}, since the schema
 * lists the fields in descriptor order.
 */
final class RecordWriteSupport extends WriteSupport<Message> {
    /** Key of the file's key-value metadata that names the protobuf message of the rows. */
    static final String MESSAGE_KEY = "netcap.message";

    private final Descriptor descriptor;
    private final MessageType schema;
    private RecordConsumer out;

    RecordWriteSupport(Descriptor descriptor) {
        this.descriptor = descriptor;
        this.schema = ParquetSchema.of(descriptor);
    }

    @Override
    public WriteContext init(Configuration configuration) {
        return new WriteContext(schema, Map.of(MESSAGE_KEY, descriptor.getFullName()));
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
        return new WriteContext(schema, Map.of(MESSAGE_KEY, descriptor.getFullName()));
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.out = recordConsumer;
    }

    @Override
    public String getName() {
        return "netcap";
    }

    @Override
    public void write(Message m) {
        if (m.getDescriptorForType() != descriptor) {
            throw new IllegalArgumentException("a " + m.getDescriptorForType().getFullName()
                    + " record in a Parquet file of " + descriptor.getFullName());
        }
        out.startMessage();
        fields(m, schema);
        out.endMessage();
    }

    /** The fields of {@code m}, whose columns are {@code group}'s. */
    private void fields(Message m, GroupType group) {
        List<FieldDescriptor> fields = m.getDescriptorForType().getFields();
        for (int i = 0; i < fields.size(); i++) {
            FieldDescriptor fd = fields.get(i);
            Type column = group.getType(i);
            if (fd.isRepeated()) {
                repeated(m, fd, i, column.asGroupType().getType(0).asGroupType());
            } else if (fd.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
                out.startField(fd.getName(), i);
                if (ParquetSchema.binaryString(fd)) {
                    out.addBinary(binary(JsonFormat.storedBytes(m, fd)));
                } else {
                    scalar(fd, m.getField(fd));
                }
                out.endField(fd.getName(), i);
            } else if (m.hasField(fd)) {
                out.startField(fd.getName(), i);
                message((Message) m.getField(fd), column);
                out.endField(fd.getName(), i);
            }
        }
    }

    /** A nested message: a group, or its wire bytes where the schema cut a recursion. */
    private void message(Message m, Type column) {
        if (column.isPrimitive()) {
            out.addBinary(binary(m.toByteString()));
        } else {
            out.startGroup();
            fields(m, column.asGroupType());
            out.endGroup();
        }
    }

    /**
     * A LIST or MAP: the outer group, then one repeated {@code list}/{@code key_value} group per element;
     * {@code inner} is that repeated group's type.
     */
    private void repeated(Message m, FieldDescriptor fd, int index, GroupType inner) {
        int n = m.getRepeatedFieldCount(fd);
        out.startField(fd.getName(), index);
        out.startGroup();
        if (n > 0) {
            out.startField(inner.getName(), 0);
            for (int j = 0; j < n; j++) {
                Object e = m.getRepeatedField(fd, j);
                out.startGroup();
                if (fd.isMapField()) {
                    Message entry = (Message) e;
                    FieldDescriptor key = entry.getDescriptorForType().findFieldByNumber(1);
                    FieldDescriptor value = entry.getDescriptorForType().findFieldByNumber(2);
                    element(inner, 0, key, entry.getField(key));
                    element(inner, 1, value, entry.getField(value));
                } else {
                    element(inner, 0, fd, e);
                }
                out.endGroup();
            }
            out.endField(inner.getName(), 0);
        }
        out.endGroup();
        out.endField(fd.getName(), index);
    }

    private void element(GroupType inner, int index, FieldDescriptor fd, Object v) {
        Type column = inner.getType(index);
        out.startField(column.getName(), index);
        if (fd.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
            message((Message) v, column);
        } else {
            scalar(fd, v);
        }
        out.endField(column.getName(), index);
    }

    private void scalar(FieldDescriptor fd, Object v) {
        switch (fd.getJavaType()) {
            case INT -> out.addInteger((Integer) v);
            case LONG -> out.addLong((Long) v);
            case BOOLEAN -> out.addBoolean((Boolean) v);
            case FLOAT -> out.addFloat((Float) v);
            case DOUBLE -> out.addDouble((Double) v);
            case STRING -> out.addBinary(Binary.fromString((String) v));
            case BYTE_STRING -> out.addBinary(binary((ByteString) v));
            case ENUM -> out.addInteger(((EnumValueDescriptor) v).getNumber());
            case MESSAGE -> throw new IllegalStateException("message " + fd.getFullName() + " is no scalar");
        }
    }

    private static Binary binary(ByteString b) {
        return Binary.fromConstantByteArray(b.toByteArray());
    }
}
