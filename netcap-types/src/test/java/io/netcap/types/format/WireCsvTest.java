package io.netcap.types.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.netcap.types.RecordType;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Rows read from the wire bytes ({@link CsvFormat.WireRows}) against rows of the parsed message
 * ({@link CsvFormat#appendRow(Message, CsvStyle, String, int[], StringBuilder)}, the reference every other CSV
 * test checks): equal for every type, style, separator and selection, for records with every field, random
 * records, records given twice (the parser keeps the last scalar and merges messages) and damaged bytes.
 */
class WireCsvTest {
    private static final List<CsvStyle> STYLES = List.of(CsvStyle.raw(), CsvStyle.defaults(), CsvStyle.raw().withLegacy(true),
            new CsvStyle(true, "<", ">", "/"));
    private static final List<String> SEPARATORS = List.of(",", ";", "\t", "::", ".");

    /** The message path's row of {@code bytes}, or null when they do not parse. */
    private static String messageRow(CsvFormat f, byte[] bytes, CsvStyle s, String sep, int[] selection) {
        Message m;
        try {
            m = f.type().prototype().getParserForType().parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            return null;
        }
        StringBuilder sb = new StringBuilder("prefix|");
        f.appendRow(m, s, sep, selection, sb);
        return sb.toString();
    }

    private static void assertSameRows(CsvFormat f, CsvFormat.WireRows wire, byte[] bytes) throws Exception {
        int[] all = IntStream.range(0, f.names().size()).toArray();
        for (int[] selection : new int[][] {null, f.dumpSelection(), all}) {
            for (CsvStyle s : STYLES) {
                for (String sep : SEPARATORS) {
                    String expected = messageRow(f, bytes, s, sep, selection);
                    StringBuilder sb = new StringBuilder("prefix|");
                    if (expected == null) {
                        // bytes the parser rejects: the parser's exception, or a row from what the columns read
                        // (the wire path checks only what it renders; it serves records this process encoded)
                        try {
                            wire.appendRow(bytes, 0, bytes.length, s, sep, selection, sb);
                        } catch (InvalidProtocolBufferException expectedOne) {
                            // the parser's
                        }
                    } else {
                        // the record in the middle of a larger array, as a chunk holds it
                        byte[] padded = new byte[bytes.length + 7];
                        System.arraycopy(bytes, 0, padded, 3, bytes.length);
                        wire.appendRow(padded, 3, bytes.length, s, sep, selection, sb);
                        assertThat(sb.toString()).as("%s %s %s", f.type(), s, sep).isEqualTo(expected);
                        // the way of record files read from disk: the bytes with their parsed record
                        StringBuilder parsed = new StringBuilder("prefix|");
                        wire.appendRow(f.type().prototype().getParserForType().parseFrom(bytes), padded, 3, bytes.length,
                                s, sep, selection, parsed);
                        assertThat(parsed.toString()).isEqualTo(expected);
                    }
                }
            }
        }
    }

    @Test
    void recordsWithEveryFieldSet() throws Exception {
        for (RecordType t : RecordType.values()) {
            CsvFormat f = CsvFormat.of(t);
            assertSameRows(f, f.wireRows(), Records.filled(t.prototype()).toByteArray());
        }
    }

    @Property(tries = 300)
    void randomRecordsOfEveryType(@ForAll @IntRange(min = 0, max = 70) int typeIndex, @ForAll long seed) throws Exception {
        RecordType t = RecordType.values()[typeIndex % RecordType.values().length];
        CsvFormat f = CsvFormat.of(t);
        CsvFormat.WireRows wire = f.wireRows();
        Random rnd = new Random(seed);
        for (int i = 0; i < 5; i++) {
            byte[] a = Records.random(t.prototype(), rnd).toByteArray();
            assertSameRows(f, wire, a);
            // two records in one: the parser keeps the later scalar, appends lists and merges messages
            assertSameRows(f, wire, Records.twice(a, Records.random(t.prototype(), rnd).toByteArray()));
        }
    }

    /** Damaged bytes: the same row where they parse; where they do not, nothing but the parser's exception escapes. */
    @Property(tries = 300)
    void damagedRecords(@ForAll @IntRange(min = 0, max = 70) int typeIndex, @ForAll long seed) throws Exception {
        RecordType t = RecordType.values()[typeIndex % RecordType.values().length];
        CsvFormat f = CsvFormat.of(t);
        CsvFormat.WireRows wire = f.wireRows();
        Random rnd = new Random(seed);
        byte[] b = Records.random(t.prototype(), rnd).toByteArray();
        for (int i = 0; i < 4 && b.length > 0; i++) {
            b = Records.damaged(b, rnd);
            assertSameRows(f, wire, b);
        }
    }

    /** The point of it: the frequent types' rows come from the wire, not from a parsed message. */
    @Test
    void frequentTypesAreReadFromTheWire() throws Exception {
        for (RecordType t : List.of(RecordType.Ethernet, RecordType.IPv4, RecordType.IPv6, RecordType.TCP, RecordType.UDP,
                RecordType.DNS, RecordType.Connection, RecordType.HTTP, RecordType.TLSClientHello)) {
            CsvFormat f = CsvFormat.of(t);
            CsvFormat.WireRows wire = f.wireRows();
            byte[] b = Records.filled(t.prototype()).toByteArray();
            wire.appendRow(b, 0, b.length, CsvStyle.raw(), ",", f.dumpSelection(), new StringBuilder());
            wire.appendRow(b, 0, b.length, CsvStyle.defaults(), ",", null, new StringBuilder());
            assertThat(wire.fromMessages()).as(t.name()).isZero();
        }
    }
}
