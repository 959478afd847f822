package io.netcap.types.format;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The protobuf text format as the original's Go protobuf library (v1 text marshaler) writes it:
 * {@code Name: value} per non-default field in field-number order, strings and bytes quoted with
 * C-style escapes (octal for non-printable bytes), enums by name, nested messages as
 * {@code Name: <} … {@code >}; the compact form puts everything on one line with a space after each
 * field. The colored form of {@code net dump -c} pads field names and shows {@code Timestamp} as
 * a UTC string when asked to.
 */
public final class TextFormat {
    private static final String INDENT = "  ";
    private static final String NAME_COLOR = "\u001b[34m";
    private static final String RESET = "\u001b[0m";

    private final boolean colored;
    private final boolean utc;

    private TextFormat(boolean colored, boolean utc) {
        this.colored = colored;
        this.utc = utc;
    }

    /** Plain multi-line text, as {@code dump} prints when standard output is not a terminal. */
    public static TextFormat plain() {
        return new TextFormat(false, false);
    }

    /** Coloured, padded names; {@code utc} shows a field named {@code Timestamp} as a UTC string. */
    public static TextFormat colored(boolean utc) {
        return new TextFormat(true, utc);
    }

    public String format(Message m) {
        StringBuilder sb = new StringBuilder(256);
        append(sb, m);
        return sb.toString();
    }

    /** Appends the multi-line text of {@code m}, each line ending with a newline. */
    public void append(StringBuilder sb, Message m) {
        writeMessage(sb, m, 0, false, colored, utc);
    }

    /** One-line compact form: {@code Timestamp:1 Product:"x" Inner:<A:1 > }. */
    public static String compact(Message m) {
        StringBuilder sb = new StringBuilder();
        appendCompact(sb, m);
        return sb.toString();
    }

    public static void appendCompact(StringBuilder sb, Message m) {
        writeMessage(sb, m, 0, true, false, false);
    }

    private static void writeMessage(StringBuilder sb, Message m, int depth, boolean compact, boolean colored,
            boolean utc) {
        FieldPlan plan = FieldPlan.of(m.getDescriptorForType());
        FieldPlan.Field[] fields = plan.fields();
        Object[] values = new Object[fields.length];
        int pad = 0;
        for (int i = 0; i < fields.length; i++) {
            values[i] = plan.mapEntry() ? fields[i].reader().apply(m) : fields[i].valueIfPresent(m);
            if (colored && values[i] != null) {
                pad = Math.max(pad, fields[i].name().length());
            }
        }
        for (int i = 0; i < fields.length; i++) {
            FieldPlan.Field f = fields[i];
            if (values[i] == null) {
                continue;
            }
            switch (f.presence()) {
                case MAP -> {
                    for (Object e : mapEntries(m, f.fd())) {
                        writeField(sb, f, e, depth, compact, colored, utc, pad);
                    }
                }
                case REPEATED -> {
                    for (Object e : (List<?>) values[i]) {
                        writeField(sb, f, e, depth, compact, colored, utc, pad);
                    }
                }
                default -> writeField(sb, f, values[i], depth, compact, colored, utc, pad);
            }
        }
    }

    /**
     * Map entries sorted by key; of entries with equal keys (possible on the wire) the last wins, as
     * when protobuf parses them into a map.
     */
    static List<Object> mapEntries(Message m, FieldDescriptor fd) {
        java.util.Map<Object, Object> byKey = new java.util.HashMap<>();
        for (Object e : (List<?>) Accessors.get(m, fd)) {
            byKey.put(mapKey(e), e);
        }
        List<Object> entries = new ArrayList<>(byKey.values());
        entries.sort(MAP_KEY_ORDER);
        return entries;
    }

    static Object mapKey(Object entry) {
        Message m = (Message) entry;
        return m.getField(m.getDescriptorForType().findFieldByNumber(1));
    }

    static Object mapValue(Object entry) {
        Message m = (Message) entry;
        return m.getField(m.getDescriptorForType().findFieldByNumber(2));
    }

    static final Comparator<Object> MAP_KEY_ORDER = (a, b) -> {
        Object ka = mapKey(a);
        Object kb = mapKey(b);
        if (ka instanceof String sa) {
            return sa.compareTo((String) kb);
        }
        if (ka instanceof Long la) {
            return Long.compare(la, (Long) kb);
        }
        if (ka instanceof Integer ia) {
            return Integer.compare(ia, (Integer) kb);
        }
        return Boolean.compare((Boolean) ka, (Boolean) kb);
    };

    private static void writeField(StringBuilder sb, FieldPlan.Field f, Object value, int depth, boolean compact,
            boolean colored, boolean utc, int pad) {
        FieldDescriptor fd = f.fd();
        if (!compact) {
            for (int i = 0; i < depth; i++) {
                sb.append(INDENT);
            }
        }
        if (colored) {
            sb.append(NAME_COLOR).append(f.name()).append(RESET).append(':');
            for (int i = f.name().length(); i < pad; i++) {
                sb.append(' ');
            }
        } else {
            sb.append(f.name()).append(':');
        }
        if (f.message()) {
            if (!compact) {
                sb.append(' ');
            }
            sb.append('<');
            sb.append(compact ? "" : "\n");
            writeMessage(sb, (Message) value, depth + 1, compact, colored, false);
            if (!compact) {
                for (int i = 0; i < depth; i++) {
                    sb.append(INDENT);
                }
            }
            sb.append('>');
        } else {
            if (!compact) {
                sb.append(' ');
            }
            if (utc && depth == 0 && f.name().equals("Timestamp") && value instanceof Long ns) {
                GoValues.appendUtc(sb, ns);
            } else {
                appendScalar(sb, fd, value);
            }
        }
        sb.append(compact ? ' ' : '\n');
    }

    static void appendScalar(StringBuilder sb, FieldDescriptor fd, Object v) {
        switch (fd.getType()) {
            case STRING -> quote(sb, ((String) v).getBytes(StandardCharsets.UTF_8));
            case BYTES -> quote(sb, ((ByteString) v).toByteArray());
            case ENUM -> {
                EnumValueDescriptor e = (EnumValueDescriptor) v;
                if (e.getIndex() >= 0 && e.getType().findValueByNumber(e.getNumber()) == e
                        && !e.getName().isEmpty()) {
                    sb.append(e.getName());
                } else {
                    sb.append(e.getNumber());
                }
            }
            case UINT32, FIXED32 -> sb.append(Integer.toUnsignedString((Integer) v));
            case UINT64, FIXED64 -> sb.append(Long.toUnsignedString((Long) v));
            case DOUBLE -> sb.append(GoValues.goTextFloat((Double) v));
            case FLOAT -> sb.append(GoValues.goTextFloat((Float) v));
            default -> sb.append(v);
        }
    }

    /** Go text format quoting: \n \r \t \" \\ escaped, other bytes outside 0x20..0x7e as octal. */
    static void quote(StringBuilder sb, byte[] bytes) {
        sb.append('"');
        for (byte b : bytes) {
            int c = b & 0xff;
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c >= 0x20 && c < 0x7f) {
                        sb.append((char) c);
                    } else {
                        sb.append('\\').append((char) ('0' + (c >> 6))).append((char) ('0' + ((c >> 3) & 7)))
                                .append((char) ('0' + (c & 7)));
                    }
                }
            }
        }
        sb.append('"');
    }

}
