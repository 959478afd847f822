package io.netcap.decoder;

import com.google.protobuf.ByteString;
import java.util.Arrays;

/**
 * Protobuf wire format written straight into a reusable array, for the records of every packet
 * (Ethernet, IPv4, TCP, UDP): building a message and serialising it costs several times the parsing.
 * The methods follow the generated {@code writeTo} of implicit-presence fields: a field equal to its
 * default is left out, fields go in field-number order (the caller's duty), int32 is sign-extended to
 * ten bytes when negative, so a record written here is byte for byte the generated serialisation.
 *
 * <p>One instance per worker, reset before each record.
 */
public final class WireWriter {
    private static final int VARINT = 0;
    private static final int FIXED64 = 1;
    private static final int LENGTH_DELIMITED = 2;
    /** Room reserved for a nested message's length; lengths up to 127 need one byte. */
    private static final int NESTED_LENGTH_GUESS = 1;

    private byte[] buf = new byte[512];
    private int pos;

    /** Starts a new record. */
    public void reset() {
        pos = 0;
    }

    /** The record bytes are {@code buffer()[0 .. length())}. */
    public byte[] buffer() {
        return buf;
    }

    public int length() {
        return pos;
    }

    private void ensure(int n) {
        if (buf.length - pos < n) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
    }

    /** A tag; record fields are numbered below 2048, so one or two bytes (space must be ensured). */
    private void tag(int field, int wireType) {
        int t = (field << 3) | wireType;
        if (t < 0x80) {
            buf[pos++] = (byte) t;
        } else {
            varint32(t);
        }
    }

    /** An unsigned 32-bit varint (space must be ensured). */
    private void varint32(int v) {
        if ((v & ~0x7F) == 0) {
            buf[pos++] = (byte) v; // most values of these records: ports, lengths, flags
            return;
        }
        while ((v & ~0x7F) != 0) {
            buf[pos++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[pos++] = (byte) v;
    }

    private void varint64(long v) {
        if ((v & ~0x7FFFFFFFL) == 0) {
            varint32((int) v);
            return;
        }
        while ((v & ~0x7FL) != 0) {
            buf[pos++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[pos++] = (byte) v;
    }

    public void int32(int field, int v) {
        if (v != 0) {
            ensure(15);
            tag(field, VARINT);
            if (v >= 0) {
                varint32(v);
            } else {
                varint64(v); // negative int32 is sign-extended on the wire
            }
        }
    }

    public void uint32(int field, int v) {
        if (v != 0) {
            ensure(10);
            tag(field, VARINT);
            varint32(v);
        }
    }

    public void int64(int field, long v) {
        if (v != 0) {
            ensure(15);
            tag(field, VARINT);
            varint64(v);
        }
    }

    public void bool(int field, boolean v) {
        if (v) {
            ensure(6);
            tag(field, VARINT);
            buf[pos++] = 1;
        }
    }

    /** A double, left out when its bits are all zero (so -0.0 is written, as generated code does). */
    public void float64(int field, double v) {
        long bits = Double.doubleToRawLongBits(v);
        if (bits != 0) {
            ensure(13);
            tag(field, FIXED64);
            for (int i = 0; i < 8; i++) {
                buf[pos++] = (byte) (bits >>> (8 * i));
            }
        }
    }

    /** A bytes field from {@code b[off .. off+len)}; left out when empty. */
    public void bytes(int field, byte[] b, int off, int len) {
        if (len > 0) {
            ensure(10 + len);
            tag(field, LENGTH_DELIMITED);
            varint32(len);
            System.arraycopy(b, off, buf, pos, len);
            pos += len;
        }
    }

    /** A string field from its UTF-8 bytes; left out when empty. */
    public void string(int field, ByteString s) {
        int len = s.size();
        if (len > 0) {
            ensure(10 + len);
            tag(field, LENGTH_DELIMITED);
            varint32(len);
            s.copyTo(buf, pos);
            pos += len;
        }
    }

    /** Starts a nested message (written even when empty, as repeated message elements are); returns a mark for {@link #end}. */
    public int begin(int field) {
        ensure(10 + NESTED_LENGTH_GUESS);
        tag(field, LENGTH_DELIMITED);
        int mark = pos;
        pos += NESTED_LENGTH_GUESS;
        return mark;
    }

    /** Ends the nested message begun at {@code mark}, writing its length (moving the content when it needs more bytes). */
    public void end(int mark) {
        int start = mark + NESTED_LENGTH_GUESS;
        int len = pos - start;
        int need = varintSize(len);
        if (need != NESTED_LENGTH_GUESS) {
            ensure(need - NESTED_LENGTH_GUESS);
            System.arraycopy(buf, start, buf, mark + need, len);
        }
        pos = mark;
        varint32(len);
        pos += len;
    }

    static int varintSize(int v) {
        int n = 1;
        while ((v & ~0x7F) != 0) {
            v >>>= 7;
            n++;
        }
        return n;
    }
}
