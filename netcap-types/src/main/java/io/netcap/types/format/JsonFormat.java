package io.netcap.types.format;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * JSON lines of records, in the two encodings of the original.
 * <ul>
 * <li>{@link #dump()}: {@code net dump -json}, Go's {@code encoding/json} of the generated struct —
 * schema field names, zero values omitted, 64-bit integers as numbers, timestamps in nanoseconds,
 * bytes base64, enums as numbers, nested messages as objects, maps as objects with sorted keys, and
 * {@code <>&} escaped as Go does. It also encodes the {@code Header} line of {@code capture -json}.</li>
 * <li>{@link #capture()}: {@code capture -json}, the protobuf JSON mapping with the original field
 * names — 64-bit integers as strings, enums by name — with the top-level {@code Timestamp},
 * {@code TimestampFirst} and {@code TimestampLast} in milliseconds and HTTP bodies cleared.</li>
 * </ul>
 */
public final class JsonFormat {
    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    /**
     * {@code string} fields of the schema that carry binary protocol data, not text: {@code dump -json}
     * renders their stored bytes in base64 like every bytes field, where decoding them as UTF-8 gives
     * replacement characters (docs/cli.md, "JSON").
     */
    static final Set<String> BINARY_STRINGS = Set.of("types.DHCPOption.Data", "types.DHCPv6Option.Data");

    private static final JsonFormat DUMP = new JsonFormat(false);
    private static final JsonFormat CAPTURE = new JsonFormat(true);

    private final boolean protoJson;

    private JsonFormat(boolean protoJson) {
        this.protoJson = protoJson;
    }

    /** Whether {@code fd} is one of the {@code string} fields that carry binary data ({@link #BINARY_STRINGS}). */
    public static boolean isBinaryString(FieldDescriptor fd) {
        return BINARY_STRINGS.contains(fd.getFullName());
    }

    /** The bytes of a singular {@code string} field as stored, before UTF-8 decoding. */
    public static ByteString storedBytes(Message m, FieldDescriptor fd) {
        return Accessors.rawBytes(m, fd);
    }

    public static JsonFormat dump() {
        return DUMP;
    }

    public static JsonFormat capture() {
        return CAPTURE;
    }

    public String format(Message m) {
        StringBuilder sb = new StringBuilder(256);
        append(sb, m);
        return sb.toString();
    }

    /** Appends one JSON object (no newline). */
    public void append(StringBuilder sb, Message m) {
        writeMessage(sb, m, true);
    }

    private void writeMessage(StringBuilder sb, Message m, boolean topLevel) {
        sb.append('{');
        boolean first = true;
        for (FieldPlan.Field f : FieldPlan.of(m.getDescriptorForType()).fields()) {
            Object v = f.valueIfPresent(m);
            if (v == null || protoJson && topLevel && f.httpBody()) {
                continue;
            }
            boolean millis = protoJson && topLevel && f.topLevelTime();
            if (millis && (Long) v / NANOS_PER_MILLI == 0) {
                continue; // below one millisecond the converted value is zero and omitted
            }
            if (!first) {
                sb.append(',');
            }
            first = false;
            sb.append(f.jsonKey());
            FieldDescriptor fd = f.fd();
            if (f.presence() == FieldPlan.Presence.MAP) {
                List<?> entries = TextFormat.mapEntries(m, fd);
                sb.append('{');
                FieldDescriptor keyFd = fd.getMessageType().findFieldByNumber(1);
                FieldDescriptor valueFd = fd.getMessageType().findFieldByNumber(2);
                for (int i = 0; i < entries.size(); i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    Object key = TextFormat.mapKey(entries.get(i));
                    string(sb, keyFd.getType() == FieldDescriptor.Type.UINT64 ? Long.toUnsignedString((Long) key)
                            : keyFd.getType() == FieldDescriptor.Type.UINT32
                                    ? Integer.toUnsignedString((Integer) key) : String.valueOf(key));
                    sb.append(':');
                    writeValue(sb, valueFd, TextFormat.mapValue(entries.get(i)));
                }
                sb.append('}');
            } else if (f.presence() == FieldPlan.Presence.REPEATED) {
                sb.append('[');
                List<?> list = (List<?>) v;
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    writeValue(sb, fd, list.get(i));
                }
                sb.append(']');
            } else if (!protoJson && f.binary()) {
                base64(sb, Accessors.rawBytes(m, fd));
            } else if (millis) {
                // capture -json divides the record's own timestamps (not nested ones) by 10^6
                sb.append('"').append((Long) v / NANOS_PER_MILLI).append('"');
            } else {
                writeValue(sb, fd, v);
            }
        }
        sb.append('}');
    }

    private void writeValue(StringBuilder sb, FieldDescriptor fd, Object v) {
        switch (fd.getType()) {
            case MESSAGE, GROUP -> writeMessage(sb, (Message) v, false);
            case STRING -> string(sb, (String) v);
            case BYTES -> base64(sb, (ByteString) v);
            case ENUM -> {
                EnumValueDescriptor e = (EnumValueDescriptor) v;
                if (protoJson && e.getType().findValueByNumber(e.getNumber()) != null) {
                    string(sb, e.getType().findValueByNumber(e.getNumber()).getName());
                } else {
                    sb.append(e.getNumber());
                }
            }
            case INT64, SINT64, SFIXED64 -> {
                if (protoJson) {
                    sb.append('"').append((long) (Long) v).append('"');
                } else {
                    sb.append((long) (Long) v);
                }
            }
            case UINT64, FIXED64 -> {
                String s = Long.toUnsignedString((Long) v);
                if (protoJson) {
                    sb.append('"').append(s).append('"');
                } else {
                    sb.append(s);
                }
            }
            case UINT32, FIXED32 -> sb.append(Integer.toUnsignedString((Integer) v));
            case DOUBLE -> number(sb, (Double) v);
            case FLOAT -> number(sb, (double) (Float) v);
            default -> sb.append(v); // int32, bool
        }
    }

    private static void base64(StringBuilder sb, ByteString b) {
        base64(sb, b.toByteArray());
    }

    /** Bytes as a JSON string of their base64. */
    static void base64(StringBuilder sb, byte[] b) {
        sb.append('"').append(Base64.getEncoder().encodeToString(b)).append('"');
    }

    /** A double as this encoding writes it ({@link WireJson} too). */
    void number(StringBuilder sb, double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            // protojson writes these as strings; encoding/json cannot encode them at all
            sb.append(protoJson ? (Double.isNaN(d) ? "\"NaN\"" : d > 0 ? "\"Infinity\"" : "\"-Infinity\"") : "null");
        } else {
            sb.append(GoValues.goJsonFloat(d));
        }
    }

    private void string(StringBuilder sb, String s) {
        string(sb, s, !protoJson);
    }

    /** {@code s} as a JSON string literal (no HTML escaping), for other JSON the tools write. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        string(sb, s, false);
        return sb.toString();
    }

    /** JSON string; Go's encoding/json additionally escapes {@code <>&} and U+2028/2029 ({@code goHtml}). */
    static void string(StringBuilder sb, String s, boolean goHtml) {
        sb.append('"');
        int run = 0; // the characters since the last escape, appended as one piece: most strings need none
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            boolean html = goHtml && (c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029');
            if (c >= 0x20 && c != '"' && c != '\\' && !html) {
                continue;
            }
            sb.append(s, run, i);
            run = i + 1;
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xf]).append(HEX[(c >> 4) & 0xf])
                        .append(HEX[c & 0xf]);
            }
        }
        sb.append(s, run, s.length()).append('"');
    }
}
