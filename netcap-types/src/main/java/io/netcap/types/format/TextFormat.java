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
        // map entries always show key and value, even when they hold defaults
        List<FieldDescriptor> present = m.getDescriptorForType().getOptions().getMapEntry()
                ? m.getDescriptorForType().getFields() : presentFields(m);
        int pad = 0;
        if (colored) {
            for (FieldDescriptor fd : present) {
                pad = Math.max(pad, fd.getName().length());
            }
        }
        for (FieldDescriptor fd : present) {
            if (fd.isMapField()) {
                for (Object e : mapEntries(m, fd)) {
                    writeField(sb, fd, e, depth, compact, colored, utc, pad);
                }
            } else if (fd.isRepeated()) {
                for (Object e : (List<?>) Accessors.get(m, fd)) {
                    writeField(sb, fd, e, depth, compact, colored, utc, pad);
                }
            } else {
                writeField(sb, fd, Accessors.get(m, fd), depth, compact, colored, utc, pad);
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

    /** Fields to print: implicit-presence scalars only when not default, messages when set. */
    static List<FieldDescriptor> presentFields(Message m) {
        List<FieldDescriptor> fields = new ArrayList<>();
        for (FieldDescriptor fd : byNumber(m.getDescriptorForType())) {
            if (Accessors.present(m, fd)) {
                fields.add(fd);
            }
        }
        return fields;
    }

    private static final java.util.Map<com.google.protobuf.Descriptors.Descriptor, List<FieldDescriptor>> BY_NUMBER =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** The fields of {@code d} in field-number order. */
    static List<FieldDescriptor> byNumber(com.google.protobuf.Descriptors.Descriptor d) {
        return BY_NUMBER.computeIfAbsent(d, key -> key.getFields().stream()
                .sorted(Comparator.comparingInt(FieldDescriptor::getNumber)).toList());
    }

    private static void writeField(StringBuilder sb, FieldDescriptor fd, Object value, int depth, boolean compact,
            boolean colored, boolean utc, int pad) {
        if (!compact) {
            for (int i = 0; i < depth; i++) {
                sb.append(INDENT);
            }
        }
        if (colored) {
            sb.append(NAME_COLOR).append(fd.getName()).append(RESET).append(':');
            for (int i = fd.getName().length(); i < pad; i++) {
                sb.append(' ');
            }
        } else {
            sb.append(fd.getName()).append(':');
        }
        if (fd.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
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
            if (utc && depth == 0 && fd.getName().equals("Timestamp") && value instanceof Long ns) {
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
