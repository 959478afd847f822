package io.netcap.types.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.netcap.types.RecordType;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@code capture -json} lines from the wire bytes ({@link WireJson}) against the lines of the parsed record
 * ({@link JsonFormat#capture()}, the reference the other JSON tests check): equal for records of every type with
 * every field set, random ones, records given twice (the parser keeps the last scalar and merges messages), and
 * damaged bytes where they still parse.
 */
class WireJsonTest {
    private static void assertSameLine(RecordType t, WireJson wire, byte[] bytes) throws Exception {
        Message m;
        try {
            m = t.prototype().getParserForType().parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            try {
                wire.append(bytes, 0, bytes.length, new StringBuilder()); // only the parser's exception may escape
            } catch (InvalidProtocolBufferException expected) {
                // the parser's
            }
            return;
        }
        StringBuilder expected = new StringBuilder("x");
        JsonFormat.capture().append(expected, m);
        byte[] padded = new byte[bytes.length + 5];
        System.arraycopy(bytes, 0, padded, 2, bytes.length);
        StringBuilder actual = new StringBuilder("x");
        wire.append(padded, 2, bytes.length, actual);
        assertThat(actual.toString()).as(t.name()).isEqualTo(expected.toString());
    }

    @Test
    void recordsWithEveryFieldSet() throws Exception {
        for (RecordType t : RecordType.values()) {
            assertSameLine(t, WireJson.of(t), Records.filled(t.prototype()).toByteArray());
        }
    }

    @Property(tries = 300)
    void randomAndDoubledRecords(@ForAll @IntRange(min = 0, max = 70) int typeIndex, @ForAll long seed) throws Exception {
        RecordType t = RecordType.values()[typeIndex % RecordType.values().length];
        WireJson wire = WireJson.of(t);
        Random rnd = new Random(seed);
        for (int i = 0; i < 5; i++) {
            byte[] a = Records.random(t.prototype(), rnd).toByteArray();
            assertSameLine(t, wire, a);
            assertSameLine(t, wire, Records.twice(a, Records.random(t.prototype(), rnd).toByteArray()));
        }
    }

    @Property(tries = 300)
    void damagedRecords(@ForAll @IntRange(min = 0, max = 70) int typeIndex, @ForAll long seed) throws Exception {
        RecordType t = RecordType.values()[typeIndex % RecordType.values().length];
        WireJson wire = WireJson.of(t);
        Random rnd = new Random(seed);
        byte[] b = Records.random(t.prototype(), rnd).toByteArray();
        for (int i = 0; i < 4 && b.length > 0; i++) {
            b = Records.damaged(b, rnd);
            assertSameLine(t, wire, b);
        }
    }

    /** The point of it: the frequent types' lines come from the wire. */
    @Test
    void frequentTypesAreReadFromTheWire() throws Exception {
        for (RecordType t : List.of(RecordType.Ethernet, RecordType.IPv4, RecordType.IPv6, RecordType.TCP, RecordType.UDP,
                RecordType.DNS, RecordType.Connection, RecordType.TLSClientHello)) {
            WireJson wire = WireJson.of(t);
            byte[] b = Records.filled(t.prototype()).toByteArray();
            wire.append(b, 0, b.length, new StringBuilder());
            assertThat(wire.fromMessages()).as(t.name()).isZero();
        }
    }
}
