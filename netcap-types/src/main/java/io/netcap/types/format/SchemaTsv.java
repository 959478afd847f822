package io.netcap.types.format;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import io.netcap.types.NetcapProto;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The compiled schema as rows of the schema table {@code records.tsv} (a test resource): {@code kind, message,
 * field, number, type, label, category}; enum values first, then every message's fields in
 * declaration order. {@code net util -schema} prints it, the schema test compares it.
 */
public final class SchemaTsv {
    public static final String HEADER = "kind\tmessage\tfield\tnumber\ttype\tlabel\tcategory";

    private SchemaTsv() {}

    /** All rows including the header line, without line terminators. */
    public static List<String> lines() {
        return lines(NetcapProto.getDescriptor());
    }

    public static List<String> lines(FileDescriptor file) {
        List<String> out = new ArrayList<>();
        out.add(HEADER);
        for (EnumDescriptor e : file.getEnumTypes()) {
            for (EnumValueDescriptor v : e.getValues()) {
                out.add(String.join("\t", "enum", e.getName(), v.getName(), Integer.toString(v.getNumber()), "enum", "", ""));
            }
        }
        for (Descriptor m : file.getMessageTypes()) {
            for (FieldDescriptor fd : m.getFields()) {
                out.add(row(m, fd));
            }
        }
        return out;
    }

    static String row(Descriptor m, FieldDescriptor fd) {
        return String.join("\t", "field", m.getName(), fd.getName(), Integer.toString(fd.getNumber()), typeName(fd),
                label(fd), category(fd));
    }

    /** Scalar type name, message or enum name, or {@code map<k,v>}. */
    public static String typeName(FieldDescriptor fd) {
        if (fd.isMapField()) {
            Descriptor entry = fd.getMessageType();
            return "map<" + typeName(entry.findFieldByNumber(1)) + "," + typeName(entry.findFieldByNumber(2)) + ">";
        }
        return switch (fd.getJavaType()) {
            case MESSAGE -> fd.getMessageType().getName();
            case ENUM -> fd.getEnumType().getName();
            default -> fd.getType().name().toLowerCase(Locale.ROOT);
        };
    }

    public static String label(FieldDescriptor fd) {
        if (fd.isMapField()) {
            return "map";
        }
        return fd.isRepeated() ? "repeated" : "singular";
    }

    public static String category(FieldDescriptor fd) {
        if (fd.isMapField()) {
            return "map";
        }
        return switch (fd.getJavaType()) {
            case MESSAGE -> "message";
            case ENUM -> "enum";
            default -> "scalar";
        };
    }
}
