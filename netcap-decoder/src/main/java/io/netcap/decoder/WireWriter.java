package io.netcap.decoder;

import com.google.protobuf.ByteString;
import java.util.Arrays;

/**
 * Protobuf wire format written straight into a reusable array, the only writer of the frequent records
 * (Ethernet, IPv4, TCP, UDP, SIP, DNS, Connection and the profiles): building a message and serialising it
 * costs several times the parsing.
 * The methods follow the generated {@code writeTo} of implicit-presence fields: a field equal to its
 * default is left out, fields go in field-number order (the caller's duty), int32 is sign-extended to
 * ten bytes when negative, so a record written here is byte for byte the generated serialisation.
 *
 * <p>One instance per worker, reset before each record. A record is written either into the writer's own
 * array ({@link #reset}) or straight into a caller's buffer after its length prefix ({@link #into}), which
 * saves copying every record once more; a record that outgrows the caller's buffer moves to the own array.
 */
public final class WireWriter {
    private static final int FIXED64 = 1;
    private static final int LENGTH_DELIMITED = 2;
    /** Room reserved for a nested message's length; lengths up to 127 need one byte. */
    private static final int NESTED_LENGTH_GUESS = 1;

    private byte[] own = new byte[512];
    private byte[] buf = own;
    private int pos;
    /** Where the record starts in {@link #buf}: 0 in the own array, after the length prefix in a caller's. */
    private int base;
    /** Whether {@link #buf} is a caller's buffer ({@link #into}). */
    private boolean external;
    /** The value {@link #int64} wrote last and its varint, {@code lastInt64Varint[0 .. lastInt64Length)}. */
    private long lastInt64;
    private final byte[] lastInt64Varint = new byte[10];
    private int lastInt64Length;

    /** Starts a new record in the writer's own array. */
    public void reset() {
        buf = own;
        base = 0;
        pos = 0;
        external = false;
    }

    /**
     * Starts a new record in {@code target}, whose length prefix goes at {@code at}: one byte is reserved
     * for it and the record follows. Finish with {@link #finishInto}; {@code target} must have room
     * for the reserved byte.
     */
    public void into(byte[] target, int at) {
        buf = target;
        base = at + NESTED_LENGTH_GUESS;
        pos = base;
        external = true;
    }

    /**
     * Writes the length prefix of a record begun with {@link #into} in place (moving the record when its
     * length needs more than one byte).
     *
     * @return the end of the prefixed record in the target, or -1 when the record did not fit there: it is
     *     then {@code buffer()[0 .. length())}, without prefix, for the caller to store otherwise
     */
    public int finishInto() {
        if (!external) {
            return -1;
        }
        int start = base;
        int len = pos - start;
        int mark = start - NESTED_LENGTH_GUESS;
        if (len < 0x80) { // most packet records: the reserved byte is the prefix, no call
            buf[mark] = (byte) len;
            return pos;
        }
        int need = varintSize(len);
        if (need != NESTED_LENGTH_GUESS) {
            if (buf.length - pos < need - NESTED_LENGTH_GUESS) {
                toOwn();
                return -1;
            }
            System.arraycopy(buf, start, buf, mark + need, len);
        }
        return putVarint32(buf, mark, len) + len;
    }

    /** The record bytes are {@code buffer()[0 .. length())} (after {@link #reset}, or when {@link #finishInto} gave -1). */
    public byte[] buffer() {
        return buf;
    }

    public int length() {
        return pos - base;
    }

    /** Grows the buffer so that {@code n} more bytes fit; out of line, so the field writers stay small. */
    private byte[] grow(int n) {
        if (external) {
            toOwn();
        }
        if (buf.length - pos < n) {
            own = Arrays.copyOf(own, Math.max(own.length * 2, pos + n));
            buf = own;
        }
        return buf;
    }

    /** Moves the record begun in a caller's buffer to the own array (marks are relative to the record start). */
    private void toOwn() {
        int len = pos - base;
        if (own.length < len) {
            own = new byte[Math.max(own.length * 2, len)];
        }
        System.arraycopy(buf, base, own, 0, len);
        buf = own;
        base = 0;
        pos = len;
        external = false;
    }

    /*
     * The public field writers test for the default value and nothing else, so C1 (the launcher runs
     * without C2) inlines them into the record encoders: a field left out costs no call, a field written
     * costs one call into a writer that makes no further calls for the common case.
     */

    public void int32(int field, int v) {
        if (v > 0) {
            varintField(field << 3, v);
        } else if (v < 0) {
            int64Field(field << 3, v); // a negative int32 is sign-extended to ten bytes on the wire
        }
    }

    public void uint32(int field, int v) {
        if (v != 0) {
            varintField(field << 3, v);
        }
    }

    /** An int64; the varint of the last value is kept, as a packet's records all carry its timestamp. */
    public void int64(int field, long v) {
        if (v != 0) {
            int64Field(field << 3, v);
        }
    }

    public void bool(int field, boolean v) {
        if (v) {
            varintField(field << 3, 1);
        }
    }

    /** A double, left out when its bits are all zero (so -0.0 is written, as generated code does). */
    public void float64(int field, double v) {
        long bits = Double.doubleToRawLongBits(v);
        if (bits != 0) {
            fixed64Field((field << 3) | FIXED64, bits);
        }
    }

    /** A bytes field from {@code b[off .. off+len)}; left out when empty. */
    public void bytes(int field, byte[] b, int off, int len) {
        if (len > 0) {
            lengthDelimited((field << 3) | LENGTH_DELIMITED, b, off, len);
        }
    }

    /** A string field from its UTF-8 bytes, the whole array (as {@link AddressTextCache} keeps them); left out when empty. */
    public void string(int field, byte[] utf8) {
        if (utf8.length > 0) {
            lengthDelimited((field << 3) | LENGTH_DELIMITED, utf8, 0, utf8.length);
        }
    }

    /**
     * A string field from Java text, as the generated code writes it (UTF-8); left out when empty. ASCII text, the
     * common case, is copied straight into the buffer without an encoded copy of its own.
     */
    public void text(int field, String s) {
        int len = s.length();
        if (len == 0) {
            return;
        }
        int field0 = pos - base; // relative: growing may move the record to the own array
        int p = lengthField((field << 3) | LENGTH_DELIMITED, len);
        byte[] b = buf;
        int high = 0;
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            high |= c;
            b[p + i] = (byte) c;
        }
        if (high < 0x80) {
            pos = p + len;
            return;
        }
        pos = base + field0; // not ASCII: the field again, from its UTF-8 bytes
        byte[] utf8 = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        bytes(field, utf8, 0, utf8.length);
    }

    /** A string field from its UTF-8 bytes; left out when empty. */
    public void string(int field, ByteString s) {
        int len = s.size();
        if (len > 0) {
            int p = lengthField((field << 3) | LENGTH_DELIMITED, len);
            s.copyTo(buf, p);
            pos = p + len;
        }
    }

    /*
     * The private writers below take the common case without a further call (under C1 each call is a real one):
     * a one-byte tag, room checked once, and for length-delimited fields a length below 128.
     */

    /**
     * Tag (one or two bytes: record fields are numbered below 2048) and the varint of {@code v} read unsigned (up
     * to five bytes); in int arithmetic, cheaper under C1 than the long one of {@link #int64Field}.
     */
    private void varintField(int tag, int v) {
        byte[] b = buf;
        int p = pos;
        if (b.length - p < 7) {
            b = grow(7);
            p = pos;
        }
        if (tag >= 0x80) {
            b[p++] = (byte) (tag | 0x80);
            tag >>>= 7;
        }
        b[p++] = (byte) tag;
        while ((v & ~0x7F) != 0) {
            b[p++] = (byte) (v | 0x80);
            v >>>= 7;
        }
        b[p] = (byte) v;
        pos = p + 1;
    }

    private void int64Field(int tag, long v) {
        byte[] last = lastInt64Varint;
        if (v != lastInt64) {
            lastInt64 = v;
            lastInt64Length = putVarint64(last, 0, v);
        }
        int n = lastInt64Length;
        int p = tagWithRoom(tag, 12);
        System.arraycopy(last, 0, buf, p, n);
        pos = p + n;
    }

    private void fixed64Field(int tag, long bits) {
        int p = tagWithRoom(tag, 10);
        byte[] b = buf;
        for (int i = 0; i < 8; i++) {
            b[p++] = (byte) (bits >>> (8 * i));
        }
        pos = p;
    }

    /** A length-delimited field with the bytes {@code src[off .. off+len)}. */
    private void lengthDelimited(int tag, byte[] src, int off, int len) {
        byte[] b = buf;
        int p = pos;
        if (tag < 0x80 && len < 0x80 && b.length - p >= 2 + len) {
            b[p] = (byte) tag;
            b[p + 1] = (byte) len;
            p += 2;
        } else {
            p = lengthField(tag, len);
            b = buf;
        }
        System.arraycopy(src, off, b, p, len);
        pos = p + len;
    }

    /**
     * Tag and length of a length-delimited field, with room ensured for the {@code len} bytes that follow; returns
     * the position after the length in {@link #buf}, which growing may have replaced.
     */
    private int lengthField(int tag, int len) {
        int p = tagWithRoom(tag, 7 + len); // first: it may replace buf
        return putVarint32(buf, p, len);
    }

    /**
     * Makes room for {@code room} bytes (a tag and what follows it), then writes the tag; returns the
     * position after it in {@link #buf}, which growing may have replaced (the record moves to the own array).
     */
    private int tagWithRoom(int tag, int room) {
        if (buf.length - pos < room) {
            grow(room);
        }
        return putTag(buf, pos, tag);
    }

    /** A tag at {@code b[p]}: one byte, or two (record fields are numbered below 2048); returns the next position. */
    private static int putTag(byte[] b, int p, int tag) {
        if (tag < 0x80) {
            b[p] = (byte) tag;
            return p + 1;
        }
        b[p] = (byte) (tag | 0x80);
        b[p + 1] = (byte) (tag >>> 7);
        return p + 2;
    }

    /** An unsigned 32-bit varint at {@code b[p]} (room ensured by the caller); returns the next position. */
    private static int putVarint32(byte[] b, int p, int v) {
        while ((v & ~0x7F) != 0) {
            b[p++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        b[p] = (byte) v;
        return p + 1;
    }

    /** A varint of up to ten bytes at {@code b[p]} (room ensured by the caller); returns the next position. */
    private static int putVarint64(byte[] b, int p, long v) {
        while ((v & ~0x7FL) != 0) {
            b[p++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        b[p] = (byte) v;
        return p + 1;
    }

    /** Starts a nested message (written even when empty, as repeated message elements are); returns a mark for {@link #end}. */
    public int begin(int field) {
        int mark = tagWithRoom((field << 3) | LENGTH_DELIMITED, 2 + NESTED_LENGTH_GUESS);
        pos = mark + NESTED_LENGTH_GUESS;
        return mark - base; // relative: the record may move to the own array before end
    }

    /** Ends the nested message begun at {@code mark}, writing its length (moving the content when it needs more bytes). */
    public void end(int relativeMark) {
        int mark = base + relativeMark;
        int start = mark + NESTED_LENGTH_GUESS;
        int len = pos - start;
        int need = varintSize(len);
        if (need != NESTED_LENGTH_GUESS) {
            if (buf.length - pos < need - NESTED_LENGTH_GUESS) {
                grow(need - NESTED_LENGTH_GUESS);
                mark = base + relativeMark; // the record may have moved to the own array
                start = mark + NESTED_LENGTH_GUESS;
            }
            System.arraycopy(buf, start, buf, mark + need, len);
        }
        pos = putVarint32(buf, mark, len) + len;
    }

    /**
     * A nested message {@code {int32 = 1, int32 = 2, bytes = 3}}, the shape of an IPv4 or TCP option (type, length,
     * data), written at once with its length when that is known up front: values below 2^14 and a message
     * below 128 bytes, which every option of a 60-byte header is. Anything else takes {@link #begin}/{@link #end}.
     */
    public void typeLengthData(int field, int type, int length, byte[] src, int off, int len) {
        int tag = (field << 3) | LENGTH_DELIMITED;
        int size = (type == 0 ? 0 : type < 0x80 ? 2 : 3) + (length == 0 ? 0 : length < 0x80 ? 2 : 3) + (len == 0 ? 0 : 2 + len);
        if (tag >= 0x80 || ((type | length) & ~0x3FFF) != 0 || size >= 0x80) {
            int m = begin(field);
            int32(1, type);
            int32(2, length);
            bytes(3, src, off, len);
            end(m);
            return;
        }
        byte[] b = buf;
        int p = pos;
        if (b.length - p < 2 + size) {
            b = grow(2 + size);
            p = pos;
        }
        b[p] = (byte) tag;
        b[p + 1] = (byte) size;
        p = smallVarintField(b, p + 2, 1 << 3, type);
        p = smallVarintField(b, p, 2 << 3, length);
        if (len > 0) {
            b[p] = (3 << 3) | LENGTH_DELIMITED;
            b[p + 1] = (byte) len;
            System.arraycopy(src, off, b, p + 2, len);
            p += 2 + len;
        }
        pos = p;
    }

    /** A varint field with a one-byte tag and a value below 2^14 at {@code b[p]}, left out when 0; returns the next position. */
    private static int smallVarintField(byte[] b, int p, int tag, int v) {
        if (v == 0) {
            return p;
        }
        b[p++] = (byte) tag;
        if (v >= 0x80) {
            b[p++] = (byte) (v | 0x80);
            v >>>= 7;
        }
        b[p] = (byte) v;
        return p + 1;
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
