package io.netcap.decoder;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import io.netcap.types.TCP;
import io.netcap.types.TCPOption;
import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Hand-computed protobuf encodings (protobuf.dev "Encoding") of the field kinds {@link WireWriter} writes. */
class WireWriterTest {

    private static String hex(WireWriter w) {
        return HexFormat.of().formatHex(Arrays.copyOf(w.buffer(), w.length()));
    }

    @Test
    void scalarsFollowTheEncodingGuide() {
        WireWriter w = new WireWriter();
        w.int32(1, 150);          // 08 96 01, the guide's example
        w.int32(2, 0);            // default: left out
        w.bool(3, true);          // 18 01
        w.bool(4, false);         // left out
        w.uint32(5, 0xFFFFFFFF);  // 28 ff ff ff ff 0f
        w.int32(16, 1);           // tag 16<<3 = 128: 80 01, then 01
        assertThat(hex(w)).isEqualTo("089601" + "1801" + "28ffffffff0f" + "800101");
    }

    @Test
    void textIsWrittenAsItsUtf8Bytes() {
        for (String s : new String[] {"", "GET", "caf\u00e9", "\u20ac", "x".repeat(300) + "\u00e9", "a\u007fb"}) {
            WireWriter w = new WireWriter();
            w.text(1, s);
            WireWriter expected = new WireWriter();
            byte[] utf8 = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            expected.bytes(1, utf8, 0, utf8.length);
            assertThat(hex(w)).as(s).isEqualTo(hex(expected));
        }
        WireWriter w = new WireWriter();
        w.text(2, "ab");
        assertThat(hex(w)).isEqualTo("1202" + "6162");
    }

    @Test
    void negativeInt32IsSignExtendedToTenBytes() {
        WireWriter w = new WireWriter();
        w.int32(1, -1);
        assertThat(hex(w)).isEqualTo("08" + "ffffffffffffffffff01");
    }

    @Test
    void doubleIsLittleEndianFixed64AndNegativeZeroIsWritten() {
        WireWriter w = new WireWriter();
        w.float64(1, 1.0);   // 0x3ff0000000000000
        w.float64(2, 0.0);   // left out
        w.float64(3, -0.0);  // sign bit set: written
        assertThat(hex(w)).isEqualTo("09000000000000f03f" + "190000000000000080");
    }

    @Test
    void stringsBytesAndNestedMessages() {
        WireWriter w = new WireWriter();
        w.string(1, ByteString.copyFromUtf8("ab"));
        w.string(2, ByteString.EMPTY);
        w.bytes(3, new byte[] {9, 1, 2, 9}, 1, 2);
        int m = w.begin(4);
        w.int32(1, 3);
        w.end(m);
        int empty = w.begin(5);
        w.end(empty);
        assertThat(hex(w)).isEqualTo("0a026162" + "1a020102" + "22020803" + "2a00");
    }

    @Test
    void nestedMessageLongerThan127BytesGetsATwoByteLength() {
        WireWriter w = new WireWriter();
        byte[] data = new byte[200];
        Arrays.fill(data, (byte) 7);
        int m = w.begin(1);
        w.bytes(2, data, 0, data.length); // 12 c8 01 + 200 bytes = 203 bytes
        w.end(m);
        String h = hex(w);
        assertThat(h).startsWith("0acb01" + "12c801");
        assertThat(w.length()).isEqualTo(3 + 203);
        assertThat(h).endsWith("07".repeat(200));
    }

    /** Values around every varint length boundary, int64 ones repeated and alternating (the writer keeps the last one's varint). */
    @Test
    void varintsAreTheGeneratedEncoding() throws IOException {
        long[] values = {1, 127, 128, 16383, 16384, (1 << 21) - 1, 1 << 21, (1 << 28) - 1, 1 << 28, Integer.MAX_VALUE,
                Integer.MIN_VALUE, -1, 0xFFFFFFFFL, 1L << 35, 1_700_000_000_123_456_789L, Long.MAX_VALUE, Long.MIN_VALUE, -300};
        WireWriter w = new WireWriter();
        byte[] expected = new byte[4096];
        CodedOutputStream out = CodedOutputStream.newInstance(expected);
        for (int round = 0; round < 2; round++) {
            for (long v : values) { // the generated code leaves out zeros, CodedOutputStream writes what it is given
                w.int32(1, (int) v);
                w.uint32(17, (int) v);
                if ((int) v != 0) {
                    out.writeInt32(1, (int) v);
                    out.writeUInt32(17, (int) v);
                }
                w.int64(2, v);
                out.writeInt64(2, v);
                w.int64(2, v);
                out.writeInt64(2, v);
                w.int64(300, v + 1);
                if (v + 1 != 0) {
                    out.writeInt64(300, v + 1);
                }
            }
        }
        assertThat(hex(w)).isEqualTo(HexFormat.of().formatHex(expected, 0, out.getTotalBytesWritten()));
    }

    @Test
    void stringFromBytesIsTheGeneratedEncoding() throws IOException {
        for (String s : new String[] {"", "10.0.0.1", "2001:db8::1", "x".repeat(127), "y".repeat(128), "z".repeat(300)}) {
            for (int field : new int[] {1, 15, 16, 2047}) {
                WireWriter w = new WireWriter();
                w.string(field, s.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                byte[] expected = new byte[s.length() + 8];
                CodedOutputStream out = CodedOutputStream.newInstance(expected);
                if (!s.isEmpty()) {
                    out.writeString(field, s);
                }
                assertThat(hex(w)).as("%s in %d", s, field)
                        .isEqualTo(HexFormat.of().formatHex(expected, 0, out.getTotalBytesWritten()));
            }
        }
    }

    /** Options as the generated TCP record serialises them: every kind and length byte, data of every size up to 130 bytes. */
    @Test
    void typeLengthDataIsTheGeneratedEncodingOfAnOption() {
        for (int type : new int[] {0, 1, 2, 8, 127, 128, 255, 16383, 16384, -1}) {
            for (int length : new int[] {0, 1, 2, 10, 40, 127, 128, 255}) {
                for (int data = 0; data <= 130; data += (data < 8 ? 1 : 61)) {
                    byte[] src = new byte[data + 3];
                    for (int k = 0; k < src.length; k++) {
                        src[k] = (byte) (k * 31 + type);
                    }
                    TCP expected = TCP.newBuilder().setSrcPort(80)
                            .addOptions(TCPOption.newBuilder().setOptionType(type).setOptionLength(length)
                                    .setOptionData(ByteString.copyFrom(src, 2, data)))
                            .build();
                    for (int room : new int[] {0, 3, 7, 400}) {
                        WireWriter w = new WireWriter();
                        byte[] target = new byte[1 + 3 + room];
                        w.into(target, 0);
                        w.int32(TCP.SRCPORT_FIELD_NUMBER, 80);
                        w.typeLengthData(TCP.OPTIONS_FIELD_NUMBER, type, length, src, 2, data);
                        int end = w.finishInto();
                        byte[] actual = end < 0 ? Arrays.copyOf(w.buffer(), w.length()) : Arrays.copyOfRange(target, end - w.length(), end);
                        assertThat(HexFormat.of().formatHex(actual)).as("type %d length %d data %d room %d", type, length, data, room)
                                .isEqualTo(HexFormat.of().formatHex(expected.toByteArray()));
                    }
                }
            }
        }
    }

    /** A record with a short and a long nested message and a long bytes field (two-byte lengths). */
    private static void sample(WireWriter w, int payload) {
        w.int32(1, 150);
        int outer = w.begin(2);
        int inner = w.begin(1);
        w.bytes(1, new byte[payload], 0, payload);
        w.end(inner);
        w.float64(2, 1.0);
        w.end(outer);
        w.string(3, ByteString.copyFromUtf8("abc"));
    }

    @Test
    void recordWrittenIntoATargetIsPrefixedInPlaceOrMovesToTheOwnArrayWhenItDoesNotFit() {
        for (int payload : new int[] {0, 5, 120, 200, 70_000}) {
            WireWriter ref = new WireWriter();
            sample(ref, payload);
            byte[] record = Arrays.copyOf(ref.buffer(), ref.length());
            byte[] prefix = varint(record.length);
            WireWriter w = new WireWriter();
            for (int size = 3; size < record.length + 16; size += (size < 300 ? 1 : 997)) {
                byte[] target = new byte[size];
                Arrays.fill(target, (byte) 0x55);
                w.into(target, 2);
                sample(w, payload);
                int end = w.finishInto();
                assertThat(target[0]).isEqualTo((byte) 0x55);
                assertThat(target[1]).isEqualTo((byte) 0x55);
                if (end < 0) {
                    // the field writers want up to 12 bytes of slack (a tag and a ten-byte varint)
                    assertThat(2 + prefix.length + record.length + 12).as("fits, size %d", size).isGreaterThan(size);
                    assertThat(Arrays.copyOf(w.buffer(), w.length())).isEqualTo(record);
                } else {
                    assertThat(end).isEqualTo(2 + prefix.length + record.length);
                    assertThat(Arrays.copyOfRange(target, 2, 2 + prefix.length)).isEqualTo(prefix);
                    assertThat(Arrays.copyOfRange(target, 2 + prefix.length, end)).isEqualTo(record);
                }
            }
            w.reset();
            sample(w, payload);
            assertThat(w.finishInto()).isEqualTo(-1);
            assertThat(Arrays.copyOf(w.buffer(), w.length())).isEqualTo(record);
        }
    }

    private static byte[] varint(int v) {
        byte[] b = new byte[5];
        int n = 0;
        while ((v & ~0x7F) != 0) {
            b[n++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        b[n++] = (byte) v;
        return Arrays.copyOf(b, n);
    }
}
