package io.netcap.types.format;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.netcap.types.wire.WireBytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CSV values read straight from a record's protobuf wire bytes, for the columns that show fields the generic way
 * ({@link CsvFormat#column}, time columns, structures concatenated): no message is built and no field is read
 * through a getter. In a profile of {@code capture -csv} parsing the records back took a sixth of the writer threads
 * and the generic getters with their boxing a third of the rest.
 *
 * <p>Written by hand because no library renders protobuf wire data without building messages; the reading of the
 * bytes is {@link WireBytes}', shared with the Parquet writer. Whatever this would not render exactly as the message
 * path does throws {@link WireBytes#UNUSUAL}, and the row is rendered from the parsed message instead: another
 * layout's renderer, a map, text that is not ASCII, a nested message given twice (the parser merges the two), a wire
 * type other than the field's, bytes cut short. So a row is the one
 * {@link CsvFormat#appendRow(Message, CsvStyle, String, int[], StringBuilder)} writes for the parsed message
 * ({@code WireCsvTest}, and the {@code capture -csv} tests against {@code net dump}). Only what a column renders is
 * checked, not the whole record as the parser checks it (a string that no column shows may hold bytes that are not
 * UTF-8): records read from disk ({@code net dump -csv}, the labeled files) are parsed first, which finds every
 * damage as before, and then rendered from their bytes; records this process has just encoded ({@code capture -csv})
 * are rendered from their bytes alone.
 */
final class WireCsv {
    private static final int VARINT = WireBytes.VARINT;
    private static final int LEN = WireBytes.LEN;
    private static final InvalidProtocolBufferException UNUSUAL = WireBytes.UNUSUAL;

    /** A column's value from the indexed record. */
    interface Renderer {
        void render(WireIndex record, CsvStyle style, StringBuilder out) throws InvalidProtocolBufferException;
    }

    /** A column renderer that has both forms; {@link CsvFormat} keeps the two apart, so neither pays for the other. */
    record Dual(CsvFormat.Renderer message, Renderer wire) implements CsvFormat.Renderer {
        @Override
        public void render(Message record, CsvStyle style, StringBuilder out) {
            message.render(record, style, out);
        }
    }

    private WireCsv() {}

    // ---- the fields' values ----

    /** How a field's values are read and written, worked out once per field. */
    private record Field(FieldDescriptor fd, int number, FieldDescriptor.Type type, int wire, boolean repeated,
                         boolean packable, boolean rawText, Descriptor message) {
        static Field of(FieldDescriptor fd) {
            FieldDescriptor.Type t = fd.getType();
            return new Field(fd, fd.getNumber(), t, WireIndex.wireType(t), fd.isRepeated(), fd.isRepeated() && fd.isPackable(),
                    CsvFormat.RAW_TEXT_BYTES.contains(fd.getFullName()),
                    t == FieldDescriptor.Type.MESSAGE ? fd.getMessageType() : null);
        }
    }

    /**
     * Appends a scalar at {@code p} (of wire type {@code f.wire}) as {@link CsvFormat#appendScalar} does, or the
     * field's default for {@code p < 0}; returns the position after it.
     */
    private static int scalar(WireIndex x, Field f, int p, int limit, int decimals, StringBuilder out)
            throws InvalidProtocolBufferException {
        if (p < 0) {
            switch (f.type) {
                case DOUBLE, FLOAT -> GoValues.appendFixed(out, 0.0, decimals);
                case BOOL -> out.append(false);
                case STRING, BYTES -> { }
                default -> out.append('0');
            }
            return p;
        }
        switch (f.type) {
            case DOUBLE -> {
                WireIndex.within(p + 8, limit);
                GoValues.appendFixed(out, Double.longBitsToDouble(x.readFixed64(p)), decimals);
                return p + 8;
            }
            case FLOAT -> {
                WireIndex.within(p + 4, limit);
                GoValues.appendFixed(out, Float.intBitsToFloat(x.readFixed32(p)), decimals);
                return p + 4;
            }
            case FIXED64, SFIXED64 -> {
                WireIndex.within(p + 8, limit);
                long v = x.readFixed64(p);
                if (f.type == FieldDescriptor.Type.SFIXED64 || v >= 0) {
                    out.append(v);
                } else {
                    out.append(Long.toUnsignedString(v));
                }
                return p + 8;
            }
            case FIXED32, SFIXED32 -> {
                WireIndex.within(p + 4, limit);
                int v = x.readFixed32(p);
                out.append(f.type == FieldDescriptor.Type.SFIXED32 ? v : Integer.toUnsignedLong(v));
                return p + 4;
            }
            case STRING, BYTES -> {
                int n = (int) x.varint(p, limit);
                int from = x.cursor();
                if (n < 0 || n > limit - from) {
                    throw UNUSUAL;
                }
                if (f.type == FieldDescriptor.Type.STRING) {
                    out.append(x.ascii(from, n));
                } else if (f.rawText) {
                    out.append(new String(x.buf(), from, n, StandardCharsets.UTF_8)); // as ByteString.toStringUtf8
                } else {
                    GoValues.appendHex(out, x.buf(), from, n);
                }
                return from + n;
            }
            default -> {
                long v = x.varint(p, limit);
                switch (f.type) {
                    case INT32, ENUM -> out.append((int) v);
                    case UINT32 -> out.append(v & 0xFFFF_FFFFL);
                    case SINT32 -> out.append((int) (v >>> 1) ^ -((int) v & 1));
                    case SINT64 -> out.append((v >>> 1) ^ -(v & 1));
                    case BOOL -> out.append(v != 0);
                    case UINT64 -> {
                        if (v >= 0) {
                            out.append(v);
                        } else {
                            out.append(Long.toUnsignedString(v));
                        }
                    }
                    default -> out.append(v); // INT64
                }
                return x.cursor();
            }
        }
    }


    // ---- structures, as CsvFormat.appendStruct walks messages ----

    private static final Map<Descriptor, Field[]> MEMBERS = new ConcurrentHashMap<>();

    private static Field[] members(Descriptor d) {
        return MEMBERS.computeIfAbsent(d, k -> CsvFormat.memberOrder(k).stream().map(Field::of).toArray(Field[]::new));
    }

    /** (S) of the message {@code b[from .. limit)}: begin, the members joined by the structure separator, end. */
    private static void struct(WireIndex x, Descriptor d, int from, int limit, CsvStyle s, List<Descriptor> path,
                               StringBuilder out) throws InvalidProtocolBufferException {
        path.add(d);
        out.append(s.begin());
        boolean first = true;
        for (Field f : members(d)) {
            if (!first) {
                out.append(s.structSep());
            }
            first = false;
            if (f.repeated) {
                out.append(s.begin());
                elements(x, f, from, limit, s, path, out, s.structSep());
                out.append(s.end());
            } else {
                int last = -1;
                int seen = 0;
                for (int p = from; p < limit; ) {
                    long tag = x.varint(p, limit);
                    p = x.cursor();
                    int w = (int) tag & 7;
                    if ((int) (tag >>> 3) == f.number) {
                        if (w != f.wire) {
                            throw UNUSUAL;
                        }
                        last = p;
                        seen++;
                    }
                    p = x.skip(p, limit, w);
                }
                if (f.message != null) {
                    if (seen > 1) {
                        throw UNUSUAL; // the parser merges repeated occurrences of a message
                    }
                    if (seen == 1 || !path.contains(f.message)) {
                        nested(x, f.message, last, s, path, out);
                    }
                } else {
                    scalar(x, f, last, limit, 6, out);
                }
            }
        }
        out.append(s.end());
        path.remove(path.size() - 1);
    }

    /** The message whose length-delimited value is at {@code p}, or an absent one (its defaults) for {@code p < 0}. */
    private static void nested(WireIndex x, Descriptor d, int p, CsvStyle s, List<Descriptor> path, StringBuilder out)
            throws InvalidProtocolBufferException {
        if (p < 0) {
            struct(x, d, 0, 0, s, path, out);
            return;
        }
        int n = (int) x.varint(p, x.end());
        int from = x.cursor();
        struct(x, d, from, from + n, s, path, out);
    }

    /**
     * Every element of repeated field {@code f} in {@code b[from .. limit)} in wire order, packed or not, joined by
     * {@code sep} ("" concatenates): scalars as {@link CsvFormat#appendElement} writes them, messages as (S).
     */
    private static void elements(WireIndex x, Field f, int from, int limit, CsvStyle s, List<Descriptor> path,
                                 StringBuilder out, String sep) throws InvalidProtocolBufferException {
        if (f.fd.isMapField()) {
            throw UNUSUAL;
        }
        boolean first = true;
        for (int p = from; p < limit; ) {
            long tag = x.varint(p, limit);
            p = x.cursor();
            int w = (int) tag & 7;
            int value = p;
            p = x.skip(p, limit, w);
            if ((int) (tag >>> 3) != f.number) {
                continue;
            }
            if (w == f.wire) {
                if (!first) {
                    out.append(sep);
                }
                first = false;
                if (f.message != null) {
                    nested(x, f.message, value, s, path, out);
                } else {
                    scalar(x, f, value, limit, 6, out);
                }
            } else if (f.packable && w == LEN) {
                int n = (int) x.varint(value, limit);
                int q = x.cursor();
                for (int packedEnd = q + n; q < packedEnd; ) {
                    if (!first) {
                        out.append(sep);
                    }
                    first = false;
                    q = scalar(x, f, q, packedEnd, 6, out);
                }
            } else {
                throw UNUSUAL;
            }
        }
    }

    // ---- column renderers ----

    /** A top-level field as {@link CsvFormat#field} renders it: a scalar, a list (L), or a structure (S). */
    static Renderer field(FieldDescriptor fd, int decimals) {
        Field f = Field.of(fd);
        if (fd.isMapField()) {
            return null;
        }
        if (f.repeated) {
            return (x, s, out) -> {
                out.append(s.begin());
                elements(x, f, x.off(), x.end(), s, new ArrayList<>(), out, s.structSep());
                out.append(s.end());
            };
        }
        if (f.message != null) {
            return (x, s, out) -> {
                if (x.present(f.number) && (x.count(f.number) > 1 || x.wire(f.number) != f.wire)) {
                    throw UNUSUAL;
                }
                nested(x, f.message, x.present(f.number) ? x.at(f.number) : -1, s, new ArrayList<>(), out);
            };
        }
        return (x, s, out) -> {
            int p = -1;
            if (x.present(f.number)) {
                if (x.wire(f.number) != f.wire) {
                    throw UNUSUAL;
                }
                p = x.at(f.number);
            }
            scalar(x, f, p, x.end(), decimals, out);
        };
    }

    /** A top-level int64 time: integer nanoseconds, or the UTC text. */
    static Renderer timestamp(FieldDescriptor fd) {
        Field f = Field.of(fd);
        return (x, s, out) -> {
            long ns = 0;
            if (x.present(f.number)) {
                if (x.wire(f.number) != VARINT) {
                    throw UNUSUAL;
                }
                ns = x.varint(x.at(f.number), x.end());
            }
            if (s.utc()) {
                GoValues.appendUtc(out, ns);
            } else {
                out.append(ns);
            }
        };
    }

    /** {@code r}, except with {@code -legacy-csv}, whose rendering only the message path has. */
    static Renderer unlessLegacy(Renderer r) {
        return (x, s, out) -> {
            if (s.legacy()) {
                throw UNUSUAL;
            }
            r.render(x, s, out);
        };
    }

    /** Structures (S) of a repeated message field, concatenated without separator or outer brackets. */
    static Renderer concatenated(FieldDescriptor fd) {
        Field f = Field.of(fd);
        return (x, s, out) -> elements(x, f, x.off(), x.end(), s, new ArrayList<>(), out, "");
    }
}
