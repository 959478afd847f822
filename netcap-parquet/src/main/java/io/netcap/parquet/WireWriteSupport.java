package io.netcap.parquet;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DiscardUnknownFieldsParser;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;
import io.netcap.parquet.WirePlan.Field;
import io.netcap.parquet.WirePlan.Kind;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * Writes a record from its protobuf encoding, indexed by a {@link WireTape}, straight into the columns
 * of {@link ParquetSchema}: no protobuf objects, no boxing, no reflection; one plan per type, no code
 * per record type. Values are read from the record's bytes as the columns take them; byte and string
 * values are handed over as views of those bytes, which the column writers copy where they keep them.
 */
final class WireWriteSupport extends WriteSupport<WireTape> {
    /** Key of the file's key-value metadata that names the protobuf message of the rows. */
    static final String MESSAGE_KEY = "netcap.message";
    private static final String LIST = "list";
    private static final String ELEMENT = "element";
    private static final String KEY_VALUE = "key_value";

    private final Descriptor descriptor;
    private final MessageType schema;
    private final WirePlan.Message plan;
    private final WireTape tape = new WireTape();
    private RecordConsumer out;
    private WireTape t;

    WireWriteSupport(Descriptor descriptor) {
        this.descriptor = descriptor;
        this.schema = ParquetSchema.of(descriptor);
        this.plan = WirePlan.of(descriptor);
    }

    /** Indexes one record for the next {@code write(tape())}; {@link WireTape#UNUSUAL} if it cannot. */
    WireTape index(byte[] buf, int off, int len) throws InvalidProtocolBufferException {
        tape.scan(buf, off, len, plan);
        return tape;
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

    /** Writes the record {@link #index} indexed last; its root frame is 0. */
    @Override
    public void write(WireTape indexed) {
        t = indexed;
        out.startMessage();
        fields(plan, 0);
        out.endMessage();
    }

    /** The fields of the message at {@code frame}; -1 is a message with every field unset. */
    private void fields(WirePlan.Message m, int frame) {
        for (Field f : m.fields()) {
            int slot = frame < 0 ? -1 : frame + 2 * f.index();
            int a = slot < 0 ? -1 : t.slots[slot];
            if (f.repeated()) {
                list(f, a);
            } else if (f.kind() == Kind.MESSAGE) {
                if (a >= 0) {
                    out.startField(f.name(), f.index());
                    group(f.message(), a);
                    out.endField(f.name(), f.index());
                }
            } else if (f.kind() == Kind.CUT) {
                if (a >= 0) {
                    out.startField(f.name(), f.index());
                    out.addBinary(cut(f.cut(), a));
                    out.endField(f.name(), f.index());
                }
            } else {
                out.startField(f.name(), f.index());
                if (a < 0) {
                    zero(f.kind());
                } else {
                    scalar(f.kind(), a, t.slots[slot + 1]);
                }
                out.endField(f.name(), f.index());
            }
        }
    }

    private void group(WirePlan.Message m, int frame) {
        out.startGroup();
        fields(m, frame);
        out.endGroup();
    }

    /** A LIST or MAP in the three-level form: the outer group, one repeated group per element. */
    private void list(Field f, int head) {
        out.startField(f.name(), f.index());
        out.startGroup();
        if (head >= 0) {
            String inner = f.map() ? KEY_VALUE : LIST;
            out.startField(inner, 0);
            if (f.map()) {
                entries(f.message(), head);
            } else {
                for (int e = head; e >= 0; e = t.entries[e + WireTape.NEXT]) {
                    elements(f, e);
                }
            }
            out.endField(inner, 0);
        }
        out.endGroup();
        out.endField(f.name(), f.index());
    }

    /** The elements of one entry of a repeated field: one, or several packed numbers. */
    private void elements(Field f, int e) {
        int pos = t.entries[e + WireTape.POS];
        int len = t.entries[e + WireTape.LENGTH];
        int frame = t.entries[e + WireTape.FRAME];
        if (frame == WireTape.PACKED) {
            int end = pos + len;
            int size = f.kind().wireType == WirePlan.I32 ? 4 : 8;
            while (pos < end) {
                out.startGroup();
                out.startField(ELEMENT, 0);
                scalar(f.kind(), pos, -1);
                out.endField(ELEMENT, 0);
                out.endGroup();
                pos = f.kind().wireType == WirePlan.VARINT ? t.cursor() : pos + size;
            }
            return;
        }
        out.startGroup();
        out.startField(ELEMENT, 0);
        switch (f.kind()) {
            case MESSAGE -> group(f.message(), frame);
            case CUT -> out.addBinary(cut(f.cut(), pos, len));
            default -> scalar(f.kind(), pos, len);
        }
        out.endField(ELEMENT, 0);
        out.endGroup();
    }

    /**
     * Map entries in order; of entries with equal keys the last value counts, at the place of the
     * first, as in the map protobuf builds when it parses the record.
     */
    private void entries(WirePlan.Message entry, int head) {
        if (t.entries[head + WireTape.NEXT] < 0) {
            entry(entry, t.entries[head + WireTape.FRAME]);
            return;
        }
        Map<Object, Integer> byKey = new LinkedHashMap<>();
        for (int e = head; e >= 0; e = t.entries[e + WireTape.NEXT]) {
            byKey.put(key(entry, t.entries[e + WireTape.FRAME]), e);
        }
        for (int e : byKey.values()) {
            entry(entry, t.entries[e + WireTape.FRAME]);
        }
    }

    private Object key(WirePlan.Message entry, int frame) {
        Field key = entry.fields()[0];
        int pos = t.slots[frame + 2 * key.index()];
        if (pos < 0) {
            return key.kind() == Kind.STRING ? "" : 0L;
        }
        return switch (key.kind()) {
            case STRING, BYTES -> new String(t.buf, pos, t.slots[frame + 2 * key.index() + 1], StandardCharsets.UTF_8);
            case FIXED32 -> (long) t.readFixed32(pos);
            case FIXED64 -> t.readFixed64(pos);
            case BOOL -> t.readVarint(pos) != 0 ? 1L : 0L;
            // a 32-bit key is its low 32 bits, however long the varint
            case INT32, SINT32 -> (long) (int) t.readVarint(pos);
            default -> t.readVarint(pos);
        };
    }

    /** An entry's key and value; an unset message value is a message with every field unset. */
    private void entry(WirePlan.Message entry, int frame) {
        out.startGroup();
        for (Field f : entry.fields()) {
            int slot = frame + 2 * f.index();
            out.startField(f.name(), f.index());
            int a = t.slots[slot];
            if (f.kind() == Kind.MESSAGE) {
                group(f.message(), a);
            } else if (f.kind() == Kind.CUT) {
                out.addBinary(a < 0 ? Binary.EMPTY : cut(f.cut(), a));
            } else if (a < 0) {
                zero(f.kind());
            } else {
                scalar(f.kind(), a, t.slots[slot + 1]);
            }
            out.endField(f.name(), f.index());
        }
        out.endGroup();
    }

    private void scalar(Kind kind, int pos, int len) {
        switch (kind) {
            case INT32 -> out.addInteger((int) t.readVarint(pos));
            case SINT32 -> {
                int v = (int) t.readVarint(pos);
                out.addInteger((v >>> 1) ^ -(v & 1));
            }
            case BOOL -> out.addBoolean(t.readVarint(pos) != 0);
            case INT64 -> out.addLong(t.readVarint(pos));
            case SINT64 -> {
                long v = t.readVarint(pos);
                out.addLong((v >>> 1) ^ -(v & 1));
            }
            case FIXED32 -> out.addInteger(t.readFixed32(pos));
            case FLOAT -> out.addFloat(Float.intBitsToFloat(t.readFixed32(pos)));
            case FIXED64 -> out.addLong(t.readFixed64(pos));
            case DOUBLE -> out.addDouble(Double.longBitsToDouble(t.readFixed64(pos)));
            case STRING -> out.addBinary(text(pos, len));
            case BYTES -> out.addBinary(Binary.fromReusedByteArray(t.buf, pos, len));
            case MESSAGE, CUT -> throw new IllegalStateException(kind + " is no scalar");
        }
    }

    /**
     * UTF-8 text as reading the record gives it: bytes that do not decode become U+FFFD (protobuf
     * keeps them, its string getter replaces them). ASCII, the common case, is passed on as it is.
     */
    private Binary text(int pos, int len) {
        byte[] b = t.buf;
        for (int i = pos, end = pos + len; i < end; i++) {
            if (b[i] < 0) {
                return Binary.fromString(new String(b, pos, len, StandardCharsets.UTF_8));
            }
        }
        return Binary.fromReusedByteArray(b, pos, len);
    }

    private void zero(Kind kind) {
        switch (kind) {
            case INT32, SINT32, FIXED32 -> out.addInteger(0);
            case INT64, SINT64, FIXED64 -> out.addLong(0);
            case BOOL -> out.addBoolean(false);
            case FLOAT -> out.addFloat(0f);
            case DOUBLE -> out.addDouble(0.0);
            case STRING, BYTES -> out.addBinary(Binary.EMPTY);
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
            parts.write(t.buf, t.entries[e + WireTape.POS], t.entries[e + WireTape.LENGTH]);
        }
        byte[] all = parts.toByteArray();
        return cut(d, all, 0, all.length);
    }

    private Binary cut(Descriptor d, int pos, int len) {
        return cut(d, t.buf, pos, len);
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
