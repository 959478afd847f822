package io.netcap.types.format;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.netcap.types.RecordType;
import io.netcap.types.wire.WireBytes;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code capture -json} lines read straight from records' wire bytes, as {@link WireCsv} reads CSV rows: the fields in
 * number order ({@link FieldPlan}), zero values left out, 64-bit integers as strings, enums by name, top-level times
 * in milliseconds, HTTP bodies left out. Whatever would not come out exactly as
 * {@link JsonFormat#capture()} writes the parsed record (a map, text that is not ASCII, a nested message given
 * twice, a wire type other than the field's) is {@link WireBytes#UNUSUAL}, and the line is written from the parsed
 * record instead. Serves records this process has just encoded: only what is written is checked.
 */
public final class WireJson {
    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final int MAX_DEPTH = 32;
    private static final JsonFormat JSON = JsonFormat.capture();

    private final Descriptor type;
    private final FieldPlan plan;
    private final Parser<? extends Message> parser;
    /** An index per message type and nesting level: a parent's stays valid while its children are written. */
    @SuppressWarnings("unchecked")
    private final Map<Descriptor, WireIndex>[] levels = new Map[MAX_DEPTH];
    private long fromMessages;

    private WireJson(RecordType t) {
        type = t.descriptor();
        plan = FieldPlan.of(type);
        parser = t.prototype().getParserForType();
    }

    /** The lines of records of type {@code t}; not thread-safe: one per thread. */
    public static WireJson of(RecordType t) {
        return new WireJson(t);
    }

    /** Appends the line (without newline) of the record {@code b[off .. off+len)}. */
    public void append(byte[] b, int off, int len, StringBuilder out) throws InvalidProtocolBufferException {
        int mark = out.length();
        try {
            message(b, off, len, type, 0, out);
            return;
        } catch (InvalidProtocolBufferException e) {
            out.setLength(mark);
        }
        fromMessages++;
        JSON.append(out, parser.parseFrom(b, off, len));
    }

    /** Lines written from the parsed record, not from the wire. */
    public long fromMessages() {
        return fromMessages;
    }

    private WireIndex index(Descriptor d, int depth) throws InvalidProtocolBufferException {
        if (depth >= MAX_DEPTH) {
            throw WireBytes.UNUSUAL;
        }
        if (levels[depth] == null) {
            levels[depth] = new HashMap<>();
        }
        return levels[depth].computeIfAbsent(d, WireIndex::new);
    }

    private void message(byte[] b, int off, int len, Descriptor d, int depth, StringBuilder out)
            throws InvalidProtocolBufferException {
        WireIndex x = index(d, depth);
        x.of(b, off, len);
        boolean top = depth == 0;
        out.append('{');
        boolean first = true;
        for (FieldPlan.Field f : (top ? plan : FieldPlan.of(d)).fields()) {
            FieldDescriptor fd = f.fd();
            int n = fd.getNumber();
            if (!x.present(n) || top && f.httpBody()) {
                continue;
            }
            if (f.presence() == FieldPlan.Presence.MAP) {
                throw WireBytes.UNUSUAL;
            }
            int mark = out.length();
            if (!first) {
                out.append(',');
            }
            out.append(f.jsonKey());
            boolean written;
            if (f.presence() == FieldPlan.Presence.REPEATED) {
                written = repeated(x, fd, depth, out);
            } else {
                if (x.wire(n) != WireIndex.wireType(fd) || f.message() && x.count(n) > 1) {
                    throw WireBytes.UNUSUAL; // a message given twice is merged by the parser
                }
                written = value(x, fd, x.at(n), top && f.topLevelTime(), f.presence() == FieldPlan.Presence.HAS,
                        depth, out);
            }
            if (written) {
                first = false;
            } else {
                out.setLength(mark);
            }
        }
        out.append('}');
    }

    /** Every element of a repeated field, packed or not; false (nothing to write) when there is none. */
    private boolean repeated(WireIndex x, FieldDescriptor fd, int depth, StringBuilder out)
            throws InvalidProtocolBufferException {
        int expected = WireIndex.wireType(fd);
        boolean packable = fd.isPackable();
        int number = fd.getNumber();
        out.append('[');
        int elements = 0;
        for (int p = x.off(); p < x.end(); ) {
            long tag = x.varint(p, x.end());
            p = x.cursor();
            int w = (int) tag & 7;
            int at = p;
            p = x.skip(p, x.end(), w);
            if ((int) (tag >>> 3) != number) {
                continue;
            }
            if (w == expected) {
                if (elements++ > 0) {
                    out.append(',');
                }
                element(x, fd, at, depth, out);
            } else if (packable && w == WireBytes.LEN) {
                int n = x.length(at, x.end());
                for (int q = x.cursor(), end = q + n; q < end; ) {
                    if (elements++ > 0) {
                        out.append(',');
                    }
                    q = element(x, fd, q, depth, out);
                    if (q > end) {
                        throw WireBytes.UNUSUAL;
                    }
                }
            } else {
                throw WireBytes.UNUSUAL;
            }
        }
        out.append(']');
        return elements > 0;
    }

    /** One element at {@code p}, written whatever its value; the position after it. */
    private int element(WireIndex x, FieldDescriptor fd, int p, int depth, StringBuilder out)
            throws InvalidProtocolBufferException {
        value(x, fd, p, false, true, depth, out);
        return x.cursor();
    }

    /**
     * The value at {@code p}; a singular field with implicit presence ({@code always} false) holding its zero value is
     * not written (false). {@link WireBytes#cursor()} is left after the value.
     */
    private boolean value(WireIndex x, FieldDescriptor fd, int p, boolean millis, boolean always, int depth,
                          StringBuilder out) throws InvalidProtocolBufferException {
        byte[] b = x.buf();
        int end = x.end();
        switch (fd.getType()) {
            case MESSAGE -> {
                int n = x.length(p, end);
                int from = x.cursor();
                message(b, from, n, fd.getMessageType(), depth + 1, out);
                x.skipTo(from + n);
                return true;
            }
            case STRING, BYTES -> {
                int n = x.length(p, end);
                int from = x.cursor();
                x.skipTo(from + n);
                if (n == 0 && !always) {
                    return false;
                }
                if (fd.getType() == FieldDescriptor.Type.BYTES) {
                    JsonFormat.base64(out, Arrays.copyOfRange(b, from, from + n));
                } else {
                    JsonFormat.string(out, x.ascii(from, n), false);
                }
                return true;
            }
            case DOUBLE, FIXED64, SFIXED64 -> {
                WireIndex.within(p + 8, end);
                long bits = x.readFixed64(p);
                x.skipTo(p + 8);
                if (bits == 0 && !always) {
                    return false;
                }
                switch (fd.getType()) {
                    case DOUBLE -> JSON.number(out, Double.longBitsToDouble(bits));
                    case FIXED64 -> out.append('"').append(Long.toUnsignedString(bits)).append('"');
                    default -> out.append('"').append(bits).append('"');
                }
                return true;
            }
            case FLOAT, FIXED32, SFIXED32 -> {
                WireIndex.within(p + 4, end);
                int bits = x.readFixed32(p);
                x.skipTo(p + 4);
                if (bits == 0 && !always) {
                    return false;
                }
                switch (fd.getType()) {
                    case FLOAT -> JSON.number(out, Float.intBitsToFloat(bits));
                    case FIXED32 -> out.append(Integer.toUnsignedString(bits));
                    default -> out.append(bits);
                }
                return true;
            }
            default -> {
                long v = x.varint(p, end);
                boolean zero = switch (fd.getType()) {
                    case INT32, UINT32, SINT32, ENUM -> (int) v == 0;
                    default -> v == 0;
                };
                if (zero && !always) {
                    return false;
                }
                if (millis) {
                    if (v / NANOS_PER_MILLI == 0) {
                        return false; // below one millisecond the converted value is zero and omitted
                    }
                    out.append('"').append(v / NANOS_PER_MILLI).append('"');
                    return true;
                }
                switch (fd.getType()) {
                    case INT64 -> out.append('"').append(v).append('"');
                    case SINT64 -> out.append('"').append((v >>> 1) ^ -(v & 1)).append('"');
                    case UINT64 -> out.append('"').append(Long.toUnsignedString(v)).append('"');
                    case UINT32 -> out.append(v & 0xFFFF_FFFFL);
                    case SINT32 -> out.append((int) (v >>> 1) ^ -((int) v & 1));
                    case BOOL -> out.append(v != 0);
                    case ENUM -> {
                        EnumValueDescriptor e = fd.getEnumType().findValueByNumber((int) v);
                        if (e != null) {
                            out.append('"').append(e.getName()).append('"'); // enum names need no escapes
                        } else {
                            out.append((int) v);
                        }
                    }
                    default -> out.append((int) v); // INT32
                }
                return true;
            }
        }
    }
}
