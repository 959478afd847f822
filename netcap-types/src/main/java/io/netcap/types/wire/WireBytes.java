package io.netcap.types.wire;

import com.google.protobuf.InvalidProtocolBufferException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Reading protobuf wire bytes without building messages (protobuf encoding guide, "Message Structure"): varints,
 * length prefixes and skips checked against the end of their message, and little-endian fixed values. The base of
 * the indexes that write records without their messages: the Parquet writer's tape and the CSV rows
 * ({@code io.netcap.types.format.WireCsv}). Written by hand because protobuf-java reads the wire format only into
 * messages. Malformed or unusual bytes (a group, a varint of more than ten bytes, a length beyond the message) are
 * {@link #UNUSUAL}: the caller then takes the way through the parsed message.
 */
public class WireBytes {
    /** The wire types. */
    public static final int VARINT = 0;
    public static final int I64 = 1;
    public static final int LEN = 2;
    public static final int I32 = 5;

    /** The bytes cannot be read this way; no stack trace, since it directs a slower path, not a bug. */
    public static final InvalidProtocolBufferException UNUSUAL = new Unusual();

    private static final class Unusual extends InvalidProtocolBufferException {
        Unusual() {
            super("unusual encoding");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    private static final VarHandle LE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LE_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** The bytes read. */
    protected byte[] buf;
    /** The position after the last varint read. */
    protected int cursor;

    /** The bytes read (positions given by the reader's index are into this array). */
    public final byte[] buf() {
        return buf;
    }

    /** The position after the last varint read. */
    public final int cursor() {
        return cursor;
    }

    /** A varint of at most ten bytes ending before {@code end}; {@link #cursor} is set after it. */
    public final long varint(int p, int end) throws InvalidProtocolBufferException {
        if (p < end && buf[p] >= 0) {
            cursor = p + 1;
            return buf[p];
        }
        long value = 0;
        for (int shift = 0; shift < 64 && p < end; shift += 7) {
            byte b = buf[p++];
            value |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                cursor = p;
                return value;
            }
        }
        throw UNUSUAL;
    }

    /** A length prefix that fits the bytes up to {@code end}; the value starts at {@link #cursor}. */
    public final int length(int p, int end) throws InvalidProtocolBufferException {
        long len = varint(p, end);
        if (len < 0 || len > end - cursor) {
            throw UNUSUAL;
        }
        return (int) len;
    }

    /** Skips a value of {@code wireType}; groups (deprecated, absent from proto3) are unusual. */
    public final int skip(int p, int end, int wireType) throws InvalidProtocolBufferException {
        int after = switch (wireType) {
            case VARINT -> {
                varint(p, end);
                yield cursor;
            }
            case I64 -> p + 8;
            case I32 -> p + 4;
            case LEN -> {
                int len = length(p, end);
                yield cursor + len;
            }
            default -> throw UNUSUAL;
        };
        if (after > end) {
            throw UNUSUAL;
        }
        return after;
    }

    /** Decodes the varint at {@code p} of bytes already checked; {@link #cursor} is set after it. */
    public final long readVarint(int p) {
        byte b = buf[p];
        if (b >= 0) {
            cursor = p + 1;
            return b;
        }
        long value = b & 0x7f;
        for (int shift = 7; ; shift += 7) {
            b = buf[++p];
            value |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                cursor = p + 1;
                return value;
            }
        }
    }

    public final int readFixed32(int p) {
        return (int) LE_INT.get(buf, p);
    }

    public final long readFixed64(int p) {
        return (long) LE_LONG.get(buf, p);
    }
}
