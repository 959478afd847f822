package io.netcap.types.format;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import io.netcap.types.wire.WireBytes;
import java.util.Arrays;

/**
 * One record's bytes and where its top-level fields are, by field number: the last occurrence (the one the
 * parser keeps for a singular scalar), stamped with the record's generation so that nothing is cleared between
 * records. Also the reader of varints for every level below. One per thread and message type.
 */
final class WireIndex extends WireBytes {
    private int off;
    private int end;
    private final int[] stamp;
    private final int[] at;
    private final int[] wire;
    private final int[] count;
    private int generation;

    WireIndex(Descriptor type) {
        int max = 0;
        for (FieldDescriptor fd : type.getFields()) {
            max = Math.max(max, fd.getNumber());
        }
        stamp = new int[max + 1];
        at = new int[max + 1];
        wire = new int[max + 1];
        count = new int[max + 1];
    }

    /** Indexes the record {@code bytes[from .. from+len)}. */
    void of(byte[] bytes, int from, int len) throws InvalidProtocolBufferException {
        buf = bytes;
        off = from;
        end = from + len;
        if (++generation == 0) { // wrapped: an old stamp could match again
            Arrays.fill(stamp, 0);
            generation = 1;
        }
        for (int p = from; p < end; ) {
            long tag = varint(p, end);
            p = cursor;
            int number = (int) (tag >>> 3);
            int w = (int) tag & 7;
            int value = p;
            p = skip(p, end, w);
            if (number > 0 && number < stamp.length) {
                count[number] = stamp[number] == generation ? count[number] + 1 : 1;
                stamp[number] = generation;
                at[number] = value;
                wire[number] = w;
            }
        }
    }

    boolean present(int number) {
        return number < stamp.length && stamp[number] == generation;
    }

    /** Where the value of field {@code number}'s last occurrence starts, its wire type, and how often it occurs. */
    int at(int number) {
        return at[number];
    }

    int wire(int number) {
        return wire[number];
    }

    int count(int number) {
        return count[number];
    }

    /** The indexed message: {@code buf()[off() .. end())}. */
    int off() {
        return off;
    }

    int end() {
        return end;
    }

    /** Sets {@link #cursor()} after a value read without a varint at its end. */
    void skipTo(int position) {
        cursor = position;
    }

    /** The wire type of one value of {@code fd} (of one element, for a repeated field). */
    static int wireType(FieldDescriptor fd) {
        return wireType(fd.getType());
    }

    static int wireType(FieldDescriptor.Type t) {
        return switch (t) {
            case DOUBLE, FIXED64, SFIXED64 -> I64;
            case FLOAT, FIXED32, SFIXED32 -> I32;
            case STRING, BYTES, MESSAGE, GROUP -> LEN;
            default -> VARINT;
        };
    }

    /**
     * The value of the singular scalar top-level field {@code fd} as its generated getter returns it, boxed (Integer,
     * Long, Boolean, Float, Double); its default when absent.
     */
    Object scalar(FieldDescriptor fd) throws InvalidProtocolBufferException {
        int n = fd.getNumber();
        FieldDescriptor.Type t = fd.getType();
        boolean present = present(n);
        if (present && wire(n) != wireType(t)) {
            throw UNUSUAL;
        }
        int p = at(n);
        return switch (t) {
            case DOUBLE -> present ? Double.longBitsToDouble(fixed(p, 8)) : 0.0;
            case FLOAT -> present ? Float.intBitsToFloat((int) fixed(p, 4)) : 0.0f;
            case FIXED64, SFIXED64 -> present ? fixed(p, 8) : 0L;
            case FIXED32, SFIXED32 -> present ? (int) fixed(p, 4) : 0;
            case INT64, UINT64 -> present ? varint(p, end) : 0L;
            case SINT64 -> {
                long v = present ? varint(p, end) : 0L;
                yield (v >>> 1) ^ -(v & 1);
            }
            case INT32, UINT32 -> present ? (int) varint(p, end) : 0;
            case SINT32 -> {
                int v = present ? (int) varint(p, end) : 0;
                yield (v >>> 1) ^ -(v & 1);
            }
            case BOOL -> present && varint(p, end) != 0;
            default -> throw UNUSUAL; // text, bytes, enums and messages are rendered, not read as values
        };
    }

    private long fixed(int p, int size) throws InvalidProtocolBufferException {
        within(p + size, end);
        return size == 8 ? readFixed64(p) : readFixed32(p);
    }

    /** A value ending at {@code valueEnd} lies inside its message, which ends at {@code limit}; else UNUSUAL. */
    static void within(int valueEnd, int limit) throws InvalidProtocolBufferException {
        if (valueEnd > limit) {
            throw UNUSUAL;
        }
    }

    /**
     * The ASCII text {@code buf()[from .. from+n)} as a string; UNUSUAL for any other byte, which only the parser
     * decodes (and rejects where it is not UTF-8).
     */
    String ascii(int from, int n) throws InvalidProtocolBufferException {
        int high = 0;
        for (int i = from; i < from + n; i++) {
            high |= buf[i];
        }
        if (high < 0) {
            throw UNUSUAL;
        }
        return new String(buf, from, n, java.nio.charset.StandardCharsets.ISO_8859_1); // ASCII: a copy, no decoder
    }
}
