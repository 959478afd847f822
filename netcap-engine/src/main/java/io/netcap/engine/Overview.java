package io.netcap.engine;

import com.google.protobuf.Descriptors.FieldDescriptor;
import io.netcap.decoder.Protocols;
import io.netcap.types.RecordType;

/**
 * The {@code -overview} text: a markdown table of every record type and its fields (from the schema's
 * registry), then the protocol table of {@link Protocols} (docs/protocols.md).
 */
public final class Overview {
    private Overview() {}

    public static String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("| Type | File | Kind | #Fields | Fields |\n");
        sb.append("|---|---|---|---|---|\n");
        for (RecordType t : RecordType.values()) {
            StringBuilder fields = new StringBuilder();
            for (FieldDescriptor f : t.descriptor().getFields()) {
                if (fields.length() > 0) {
                    fields.append(", ");
                }
                fields.append(f.getName());
            }
            sb.append("| ").append(t.name()).append(" | ").append(t.fileName()).append(" | ")
                    .append(t.kind().name().toLowerCase()).append(" | ").append(t.descriptor().getFields().size())
                    .append(" | ").append(fields).append(" |\n");
        }
        return sb.append('\n').append(Protocols.markdown()).toString();
    }
}
