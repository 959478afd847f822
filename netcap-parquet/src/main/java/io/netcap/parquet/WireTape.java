package io.netcap.parquet;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import io.netcap.parquet.WirePlan.Field;
import io.netcap.parquet.WirePlan.Kind;
import io.netcap.types.wire.WireBytes;
import java.util.Arrays;

/**
 * One record's protobuf encoding, indexed by field: a first pass over the bytes that checks them
 * completely and notes where each field's values are, so that the columns are written afterwards in
 * schema order from a record known to be whole. Nothing is decoded and nothing allocated per record
 * once the arrays have grown to the largest record.
 *
 * <p>It follows protobuf's parsing rules: of a scalar field given twice the last value counts, a
 * message given twice is merged (its frame is filled again), repeated numbers may come packed or not,
 * unknown fields are skipped. Anything else unusual (groups, a known field with another wire type,
 * nesting deeper than protobuf's limit of 100, malformed bytes) is {@link #UNUSUAL}: the caller then
 * lets protobuf parse the record and indexes its canonical encoding, or reports protobuf's error.
 *
 * <p>A frame is the index of one message in {@link #slots}: two ints per field. For a singular scalar
 * the position of its value and, for length-delimited ones, its length (a varint's value is in
 * {@link #values}); for a singular message the
 * frame of its value; for repeated fields (and cut messages) the first and last entry of a list in
 * {@link #entries}. Positions are -1 when the field is absent.
 */
final class WireTape extends WireBytes {
    /** protobuf-java's default recursion limit. */
    private static final int MAX_DEPTH = 100;

    /** Entry layout: value position, length (-1 for a single number), next entry, frame or mark. */
    static final int POS = 0;
    static final int LENGTH = 1;
    static final int NEXT = 2;
    static final int FRAME = 3;
    private static final int STRIDE = 4;
    /** {@link #FRAME} of an entry holding packed numbers. */
    static final int PACKED = -2;

    int[] slots = new int[256];
    /** The value of a singular varint field, at its slot: decoded once, while checking it. */
    long[] values = new long[256];
    int[] entries = new int[256];
    private int slotTop;
    private int entryTop;

    /** Indexes {@code len} bytes at {@code off} as a message of {@code plan}, alone; its frame is 0. */
    void scan(byte[] data, int off, int len, WirePlan.Message plan) throws InvalidProtocolBufferException {
        clear();
        append(data, off, len, plan);
    }

    /** Reads the records indexed from {@code data} from now on: a copy of the bytes they were indexed in. */
    void reading(byte[] data) {
        buf = data;
    }

    /** Forgets every record indexed. */
    void clear() {
        slotTop = 0;
        entryTop = 0;
    }

    /**
     * Indexes one more record, in {@code data} as every other record of the tape (a copy of it, when
     * it has grown); returns its frame. On failure the tape is as it was before.
     */
    int append(byte[] data, int off, int len, WirePlan.Message plan) throws InvalidProtocolBufferException {
        buf = data;
        int slotsBefore = slotTop;
        int entriesBefore = entryTop;
        int frame = frame(plan);
        try {
            scan(off, off + len, plan, frame, 0);
        } catch (InvalidProtocolBufferException e) {
            slotTop = slotsBefore;
            entryTop = entriesBefore;
            throw e;
        }
        return frame;
    }

    private int frame(WirePlan.Message plan) {
        int n = 2 * plan.fields().length;
        if (slotTop + n > slots.length) {
            slots = Arrays.copyOf(slots, Math.max(2 * slots.length, slotTop + n));
            values = Arrays.copyOf(values, slots.length);
        }
        int f = slotTop;
        Arrays.fill(slots, f, f + n, -1);
        slotTop += n;
        return f;
    }

    private void scan(int p, int end, WirePlan.Message plan, int frame, int depth) throws InvalidProtocolBufferException {
        if (depth > MAX_DEPTH) {
            throw UNUSUAL;
        }
        while (p < end) {
            long tag = varint(p, end);
            p = cursor;
            int number = (int) (tag >>> 3);
            int wireType = (int) tag & 7;
            if (tag >>> 32 != 0 || number == 0) {
                throw UNUSUAL;
            }
            int index = plan.indexOf(number);
            if (index < 0) {
                p = skip(p, end, wireType);
                continue;
            }
            Field f = plan.fields()[index];
            int slot = frame + 2 * index;
            if (wireType == f.kind().wireType) {
                p = value(p, end, f, slot, depth);
            } else if (wireType == LEN && f.repeated() && f.kind().packable()) {
                int len = length(p, end);
                p = cursor;
                checkPacked(p, p + len, f.kind());
                append(slot, p, len, PACKED);
                p += len;
            } else {
                throw UNUSUAL;
            }
        }
        if (p != end) {
            throw UNUSUAL;
        }
    }

    /** One value of {@code f} with its own wire type, at {@code p}; returns the position after it. */
    private int value(int p, int end, Field f, int slot, int depth) throws InvalidProtocolBufferException {
        if (f.kind().wireType == VARINT && !f.repeated()) {
            values[slot] = varint(p, end);
            slots[slot] = p;
            return cursor;
        }
        if (f.kind().wireType != LEN) {
            int after = skip(p, end, f.kind().wireType);
            if (f.repeated()) {
                append(slot, p, -1, -1);
            } else {
                slots[slot] = p;
            }
            return after;
        }
        int len = length(p, end);
        p = cursor;
        switch (f.kind()) {
            case MESSAGE -> {
                int child;
                if (f.repeated()) {
                    child = frame(f.message());
                    append(slot, p, len, child);
                } else {
                    child = slots[slot];
                    if (child < 0) {
                        child = frame(f.message());
                        slots[slot] = child;
                    }
                }
                scan(p, p + len, f.message(), child, depth + 1);
            }
            case CUT -> {
                checkCut(p, len, f, depth + 1);
                append(slot, p, len, -1);
            }
            default -> {
                if (f.repeated()) {
                    append(slot, p, len, -1);
                } else {
                    slots[slot] = p;
                    slots[slot + 1] = len;
                }
            }
        }
        return p + len;
    }

    /**
     * A message the schema holds as bytes, at nesting level {@code depth}, is parsed once here, so
     * that writing it cannot fail; messages inside it count towards the same limit of nesting.
     */
    private void checkCut(int p, int len, Field f, int depth) throws InvalidProtocolBufferException {
        if (depth > MAX_DEPTH) {
            throw UNUSUAL;
        }
        CodedInputStream in = CodedInputStream.newInstance(buf, p, len);
        in.setRecursionLimit(MAX_DEPTH - depth);
        try {
            DynamicMessage.getDefaultInstance(f.cut()).getParserForType().parseFrom(in);
        } catch (InvalidProtocolBufferException e) {
            throw UNUSUAL;
        }
    }

    private void append(int slot, int pos, int len, int frame) {
        if (entryTop + STRIDE > entries.length) {
            entries = Arrays.copyOf(entries, 2 * entries.length);
        }
        int e = entryTop;
        entries[e + POS] = pos;
        entries[e + LENGTH] = len;
        entries[e + NEXT] = -1;
        entries[e + FRAME] = frame;
        entryTop += STRIDE;
        if (slots[slot] < 0) {
            slots[slot] = e;
        } else {
            entries[slots[slot + 1] + NEXT] = e;
        }
        slots[slot + 1] = e;
    }

    private void checkPacked(int p, int end, Kind kind) throws InvalidProtocolBufferException {
        switch (kind.wireType) {
            case VARINT -> {
                while (p < end) {
                    varint(p, end);
                    p = cursor;
                }
            }
            case I32 -> {
                if ((end - p) % 4 != 0) {
                    throw UNUSUAL;
                }
            }
            case I64 -> {
                if ((end - p) % 8 != 0) {
                    throw UNUSUAL;
                }
            }
            default -> throw UNUSUAL;
        }
    }
}
