package io.netcap.parquet;

import io.netcap.types.wire.WireBytes;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DiscardUnknownFieldsParser;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;
import io.netcap.parquet.WirePlan.Field;
import io.netcap.parquet.WirePlan.Kind;
import java.io.ByteArrayOutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.io.api.Binary;

/**
 * Writes a record from its protobuf encoding, indexed by a {@link WireTape}, straight into the leaf
 * column writers of {@link ParquetSchema}: no protobuf objects, no boxing, no reflection; one plan per
 * type, no code per record type. The repetition and definition levels of each value follow from the
 * schema's shape as the Dremel paper ("Dremel: Interactive Analysis of Web-Scale Datasets", 2010)
 * defines them: {@code r} is the level at which the value's list repeats, {@code d} the number of
 * optional and repeated groups above it that are present. Byte and string values are handed over as
 * views of the record's bytes, which the column writers copy where they keep them.
 */
final class WireColumns {
    private static final byte[] NO_BYTES = {};
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** The top-level fields with one value per row, in {@link PlainColumn}s, written a batch at a time. */
    private final Field[] flat;
    /** The other top-level fields, written record by record. */
    private final Field[] nested;
    private final ColumnWriter[] leaf;
    private WireTape t;

    /** {@code plainColumns}: the flat fields' columns are {@link PlainColumn}s; else they are written as the others. */
    WireColumns(WirePlan.Message plan, int leaves, boolean plainColumns) {
        this.leaf = new ColumnWriter[leaves];
        this.flat = Arrays.stream(plan.fields()).filter(f -> plainColumns && isFlat(f)).toArray(Field[]::new);
        this.nested = Arrays.stream(plan.fields()).filter(f -> !plainColumns || !isFlat(f)).toArray(Field[]::new);
    }

    /** A top-level field whose column is required and has no levels (ParquetSchema): a {@link PlainColumn}. */
    static boolean isFlat(Field f) {
        return !f.repeated() && f.kind() != Kind.MESSAGE && f.kind() != Kind.CUT;
    }

    /** Writes to {@code writers}, one per leaf in schema order, from now on: one set per row group. */
    void use(ColumnWriter[] writers) {
        System.arraycopy(writers, 0, leaf, 0, leaf.length);
    }

    /**
     * Writes the flat fields of the records of {@code tape} at {@code frames[from .. to)}, a column at
     * a time: one tight loop per column instead of a walk of the plan per record; the caller writes
     * each record's other fields ({@link #writeNested}) and ends it.
     */
    void writeFlat(WireTape tape, int[] frames, int from, int to) {
        t = tape;
        int[] slots = tape.slots;
        long[] values = tape.values;
        for (Field f : flat) {
            PlainColumn c = (PlainColumn) leaf[f.leaf()];
            int at = 2 * f.index();
            switch (f.kind()) {
                case INT32 -> {
                    for (int i = from; i < to; i++) {
                        int slot = frames[i] + at;
                        c.writeInt(slots[slot] < 0 ? 0 : (int) values[slot]);
                    }
                }
                case SINT32 -> {
                    for (int i = from; i < to; i++) {
                        int slot = frames[i] + at;
                        int v = slots[slot] < 0 ? 0 : (int) values[slot];
                        c.writeInt((v >>> 1) ^ -(v & 1));
                    }
                }
                case BOOL -> {
                    for (int i = from; i < to; i++) {
                        int slot = frames[i] + at;
                        c.writeBoolean(slots[slot] >= 0 && values[slot] != 0);
                    }
                }
                case INT64 -> {
                    for (int i = from; i < to; i++) {
                        int slot = frames[i] + at;
                        c.writeLong(slots[slot] < 0 ? 0 : values[slot]);
                    }
                }
                case SINT64 -> {
                    for (int i = from; i < to; i++) {
                        int slot = frames[i] + at;
                        long v = slots[slot] < 0 ? 0 : values[slot];
                        c.writeLong((v >>> 1) ^ -(v & 1));
                    }
                }
                case FIXED32 -> {
                    for (int i = from; i < to; i++) {
                        int pos = slots[frames[i] + at];
                        c.writeInt(pos < 0 ? 0 : tape.readFixed32(pos));
                    }
                }
                case FIXED64 -> {
                    for (int i = from; i < to; i++) {
                        int pos = slots[frames[i] + at];
                        c.writeLong(pos < 0 ? 0 : tape.readFixed64(pos));
                    }
                }
                case FLOAT -> {
                    for (int i = from; i < to; i++) {
                        int pos = slots[frames[i] + at];
                        c.write(pos < 0 ? 0f : Float.intBitsToFloat(tape.readFixed32(pos)), 0, 0);
                    }
                }
                case DOUBLE -> {
                    for (int i = from; i < to; i++) {
                        int pos = slots[frames[i] + at];
                        c.write(pos < 0 ? 0.0 : Double.longBitsToDouble(tape.readFixed64(pos)), 0, 0);
                    }
                }
                case STRING, BYTES -> {
                    for (int i = from; i < to; i++) {
                        int slot = frames[i] + at;
                        int pos = slots[slot];
                        if (pos < 0) {
                            c.write(NO_BYTES, 0, 0);
                        } else if (f.kind() == Kind.STRING) {
                            text(c, pos, slots[slot + 1], 0, 0);
                        } else {
                            c.write(tape.buf(), pos, slots[slot + 1]);
                        }
                    }
                }
                case MESSAGE, CUT -> throw new IllegalStateException(f.kind() + " is not flat");
            }
        }
    }

    /** Writes the fields of the record of {@code tape} at {@code frame} that {@link #writeFlat} does not. */
    void writeNested(WireTape tape, int frame) {
        t = tape;
        fields(nested, frame, 0, 0, 0);
    }

    /**
     * The fields of the message at {@code frame} (-1: every field unset), at repetition level {@code r},
     * definition level {@code d}, below {@code depth} repeated groups.
     */
    private void fields(WirePlan.Message m, int frame, int r, int d, int depth) {
        fields(m.fields(), frame, r, d, depth);
    }

    private void fields(Field[] fields, int frame, int r, int d, int depth) {
        for (Field f : fields) {
            int slot = frame < 0 ? -1 : frame + 2 * f.index();
            int a = slot < 0 ? -1 : t.slots[slot];
            if (f.repeated()) {
                list(f, a, r, d, depth);
            } else if (f.kind() == Kind.MESSAGE) {
                // an optional group: one level more when present
                if (a >= 0) {
                    fields(f.message(), a, r, d + 1, depth);
                } else {
                    nulls(f, r, d);
                }
            } else if (f.kind() == Kind.CUT) {
                if (a >= 0) {
                    leaf[f.leaf()].write(cut(f.cut(), a), r, d + 1);
                } else {
                    leaf[f.leaf()].writeNull(r, d);
                }
            } else if (a < 0) {
                zero(f.kind(), leaf[f.leaf()], r, d);
            } else if (f.kind().wireType == WireBytes.VARINT) {
                number(f.kind(), leaf[f.leaf()], t.values[slot], r, d);
            } else {
                scalar(f.kind(), leaf[f.leaf()], a, t.slots[slot + 1], r, d);
            }
        }
    }

    private void nulls(Field f, int r, int d) {
        for (int i = f.leaf(), end = f.leaf() + f.leaves(); i < end; i++) {
            leaf[i].writeNull(r, d);
        }
    }

    /**
     * A LIST or MAP in the three-level form: the optional outer group, always written (an empty list is
     * not an unset one), then a repeated group per element; the first element repeats at {@code r}, the
     * others at the list's own level.
     */
    private void list(Field f, int head, int r, int d, int depth) {
        int present = d + 1;
        if (head < 0) {
            nulls(f, r, present);
            return;
        }
        int element = present + 1;
        int level = depth + 1;
        if (f.map()) {
            entries(f.message(), head, r, element, level);
            return;
        }
        int ri = r;
        for (int e = head; e >= 0; e = t.entries[e + WireTape.NEXT]) {
            int pos = t.entries[e + WireTape.POS];
            int len = t.entries[e + WireTape.LENGTH];
            int frame = t.entries[e + WireTape.FRAME];
            if (frame == WireTape.PACKED) {
                int size = f.kind().wireType == WireBytes.I32 ? 4 : 8;
                for (int end = pos + len; pos < end; ri = level) {
                    scalar(f.kind(), leaf[f.leaf()], pos, -1, ri, element);
                    pos = f.kind().wireType == WireBytes.VARINT ? t.cursor() : pos + size;
                }
                continue;
            }
            switch (f.kind()) {
                // the element group is required: no level of its own
                case MESSAGE -> fields(f.message(), frame, ri, element, level);
                case CUT -> leaf[f.leaf()].write(cut(f.cut(), pos, len), ri, element);
                default -> scalar(f.kind(), leaf[f.leaf()], pos, len, ri, element);
            }
            ri = level;
        }
    }

    /**
     * Map entries in order; of entries with equal keys the last value counts, at the place of the
     * first, as in the map protobuf builds when it parses the record.
     */
    private void entries(WirePlan.Message entry, int head, int r, int d, int level) {
        if (t.entries[head + WireTape.NEXT] < 0) {
            entry(entry, t.entries[head + WireTape.FRAME], r, d, level);
            return;
        }
        Map<Object, Integer> byKey = new LinkedHashMap<>();
        for (int e = head; e >= 0; e = t.entries[e + WireTape.NEXT]) {
            byKey.put(key(entry, t.entries[e + WireTape.FRAME]), e);
        }
        int ri = r;
        for (int e : byKey.values()) {
            entry(entry, t.entries[e + WireTape.FRAME], ri, d, level);
            ri = level;
        }
    }

    private Object key(WirePlan.Message entry, int frame) {
        Field key = entry.fields()[0];
        int pos = t.slots[frame + 2 * key.index()];
        if (pos < 0) {
            return key.kind() == Kind.STRING ? "" : 0L;
        }
        return switch (key.kind()) {
            case STRING, BYTES -> new String(t.buf(), pos, t.slots[frame + 2 * key.index() + 1], StandardCharsets.UTF_8);
            case FIXED32 -> (long) t.readFixed32(pos);
            case FIXED64 -> t.readFixed64(pos);
            case BOOL -> t.readVarint(pos) != 0 ? 1L : 0L;
            // a 32-bit key is its low 32 bits, however long the varint
            case INT32, SINT32 -> (long) (int) t.readVarint(pos);
            default -> t.readVarint(pos);
        };
    }

    /**
     * An entry's key and value. The key is required; a message value is an optional group, always
     * written: unset, it is a message with every field unset.
     */
    private void entry(WirePlan.Message entry, int frame, int r, int d, int level) {
        for (Field f : entry.fields()) {
            int slot = frame + 2 * f.index();
            int a = t.slots[slot];
            switch (f.kind()) {
                case MESSAGE -> fields(f.message(), a, r, d + 1, level);
                case CUT -> leaf[f.leaf()].write(a < 0 ? Binary.EMPTY : cut(f.cut(), a), r, d + 1);
                default -> {
                    if (a < 0) {
                        zero(f.kind(), leaf[f.leaf()], r, d);
                    } else {
                        scalar(f.kind(), leaf[f.leaf()], a, t.slots[slot + 1], r, d);
                    }
                }
            }
        }
    }

    private void scalar(Kind kind, ColumnWriter c, int pos, int len, int r, int d) {
        switch (kind) {
            case INT32, SINT32, BOOL, INT64, SINT64 -> number(kind, c, t.readVarint(pos), r, d);
            case FIXED32 -> c.write(t.readFixed32(pos), r, d);
            case FLOAT -> c.write(Float.intBitsToFloat(t.readFixed32(pos)), r, d);
            case FIXED64 -> c.write(t.readFixed64(pos), r, d);
            case DOUBLE -> c.write(Double.longBitsToDouble(t.readFixed64(pos)), r, d);
            case STRING -> text(c, pos, len, r, d);
            case BYTES -> bytes(c, t.buf(), pos, len, r, d);
            case MESSAGE, CUT -> throw new IllegalStateException(kind + " is no scalar");
        }
    }

    /** A varint field's value as protobuf reads it: 32-bit types keep the low 32 bits. */
    private static void number(Kind kind, ColumnWriter c, long v, int r, int d) {
        switch (kind) {
            case INT32 -> c.write((int) v, r, d);
            case SINT32 -> {
                int i = (int) v;
                c.write((i >>> 1) ^ -(i & 1), r, d);
            }
            case BOOL -> c.write(v != 0, r, d);
            case INT64 -> c.write(v, r, d);
            case SINT64 -> c.write((v >>> 1) ^ -(v & 1), r, d);
            default -> throw new IllegalStateException(kind + " is no varint");
        }
    }

    /** Byte array values go to a {@link PlainColumn} without a {@link Binary} around them. */
    private static void bytes(ColumnWriter c, byte[] b, int pos, int len, int r, int d) {
        if (c instanceof PlainColumn p) {
            p.write(b, pos, len);
        } else {
            c.write(Binary.fromReusedByteArray(b, pos, len), r, d);
        }
    }

    /**
     * UTF-8 text as reading the record gives it: bytes that do not decode become U+FFFD (protobuf
     * keeps them, its string getter replaces them). ASCII, the common case, is passed on as it is.
     */
    private void text(ColumnWriter c, int pos, int len, int r, int d) {
        byte[] b = t.buf();
        int i = pos;
        int end = pos + len;
        // eight bytes at a time: any with its top bit set is not ASCII
        for (; i + 8 <= end; i += 8) {
            if (((long) LONGS.get(b, i) & 0x8080808080808080L) != 0) {
                c.write(decoded(pos, len), r, d);
                return;
            }
        }
        for (; i < end; i++) {
            if (b[i] < 0) {
                c.write(decoded(pos, len), r, d);
                return;
            }
        }
        bytes(c, b, pos, len, r, d);
    }

    private Binary decoded(int pos, int len) {
        return Binary.fromString(new String(t.buf(), pos, len, StandardCharsets.UTF_8));
    }

    /** The value of an unset field: protobuf's zero value. */
    private static void zero(Kind kind, ColumnWriter c, int r, int d) {
        switch (kind) {
            case INT32, SINT32, FIXED32 -> c.write(0, r, d);
            case INT64, SINT64, FIXED64 -> c.write(0L, r, d);
            case BOOL -> c.write(false, r, d);
            case FLOAT -> c.write(0f, r, d);
            case DOUBLE -> c.write(0.0, r, d);
            case STRING, BYTES -> bytes(c, NO_BYTES, 0, 0, r, d);
            case MESSAGE, CUT -> throw new IllegalStateException(kind + " is no scalar");
        }
    }

    /** A cut message given in one or more parts (merged, as protobuf merges them). */
    private Binary cut(Descriptor d, int head) {
        if (t.entries[head + WireTape.NEXT] < 0) {
            return cut(d, t.entries[head + WireTape.POS], t.entries[head + WireTape.LENGTH]);
        }
        ByteArrayOutputStream parts = new ByteArrayOutputStream();
        for (int e = head; e >= 0; e = t.entries[e + WireTape.NEXT]) {
            parts.write(t.buf(), t.entries[e + WireTape.POS], t.entries[e + WireTape.LENGTH]);
        }
        byte[] all = parts.toByteArray();
        return cut(d, all, 0, all.length);
    }

    private Binary cut(Descriptor d, int pos, int len) {
        return cut(d, t.buf(), pos, len);
    }

    /**
     * The encoding protobuf gives the message after parsing it: unknown fields dropped, repeated
     * fields merged, as the value read from the record file would be written.
     */
    private static Binary cut(Descriptor d, byte[] b, int pos, int len) {
        try {
            Parser<DynamicMessage> p = DiscardUnknownFieldsParser.wrap(DynamicMessage.getDefaultInstance(d).getParserForType());
            return Binary.fromConstantByteArray(p.parseFrom(b, pos, len).toByteArray());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("a message checked by WireTape does not parse", e);
        }
    }
}
