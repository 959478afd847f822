package io.netcap.types.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.types.HTTP;
import io.netcap.types.RecordType;
import io.netcap.types.TCP;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** {@code -csv -encode} (docs/cli.md, "-encode"): every value a number. */
class CsvEncoderTest {
    private static List<String> row(CsvEncoder e, com.google.protobuf.Message m) {
        StringBuilder sb = new StringBuilder();
        e.appendRow(m, sb);
        return Arrays.asList(sb.toString().split(",", -1));
    }

    private static int col(RecordType type, String name) {
        return CsvFormat.of(type).header().indexOf(name);
    }

    /** The z-score of the last of {@code xs} against the mean and sample deviation of all of them, by two passes. */
    private static double zOfLast(List<Double> xs) {
        double sum = 0;
        for (double x : xs) {
            sum += x;
        }
        double mean = sum / xs.size();
        double sq = 0;
        for (double x : xs) {
            sq += (x - mean) * (x - mean);
        }
        if (xs.size() < 2 || sq == 0) {
            return 0;
        }
        return (xs.getLast() - mean) / Math.sqrt(sq / (xs.size() - 1));
    }

    @Test
    void numbersAreRunningZScoresBooleansOneOrZero() {
        CsvEncoder e = new CsvEncoder(RecordType.TCP);
        int[] ports = {80, 443, 8080, 443, 22};
        List<Double> seen = new ArrayList<>();
        for (int i = 0; i < ports.length; i++) {
            TCP t = TCP.newBuilder().setTimestamp(1_600_000_000_000_000_000L + i).setSrcPort(ports[i]).setDstPort(53)
                    .setSYN(i == 0).setACK(i > 0).build();
            List<String> r = row(e, t);
            seen.add((double) ports[i]);
            assertThat(r).hasSize(CsvFormat.of(RecordType.TCP).header().size());
            assertThat(Double.parseDouble(r.get(col(RecordType.TCP, "SrcPort")))).as("row %d", i)
                    .isCloseTo(zOfLast(seen), org.assertj.core.data.Offset.offset(1e-9));
            assertThat(r.get(col(RecordType.TCP, "DstPort"))).isEqualTo("0.0000000000"); // always 53: no deviation
            assertThat(r.get(col(RecordType.TCP, "SYN"))).isEqualTo(i == 0 ? "1.0000000000" : "0.0000000000");
            assertThat(r.get(col(RecordType.TCP, "ACK"))).isEqualTo(i > 0 ? "1.0000000000" : "0.0000000000");
        }
        // two values are always 1/sqrt(2) sample deviations from their mean
        List<String> first = row(new CsvEncoder(RecordType.TCP), TCP.newBuilder().setSrcPort(1).build());
        assertThat(first.get(col(RecordType.TCP, "SrcPort"))).isEqualTo("0.0000000000");
    }

    @Test
    void valuesThatAreNotFiniteAreZeroAndLeftOutOfTheStatistics() {
        CsvEncoder e = new CsvEncoder(RecordType.TCP);
        int entropy = col(RecordType.TCP, "PayloadEntropy");
        assertThat(row(e, TCP.newBuilder().setPayloadEntropy(1).build()).get(entropy)).isEqualTo("0.0000000000");
        assertThat(row(e, TCP.newBuilder().setPayloadEntropy(Double.NaN).build()).get(entropy)).isEqualTo("0.0000000000");
        assertThat(row(e, TCP.newBuilder().setPayloadEntropy(Double.POSITIVE_INFINITY).build()).get(entropy))
                .isEqualTo("0.0000000000");
        assertThat(row(e, TCP.newBuilder().setPayloadEntropy(3).build()).get(entropy)).isEqualTo("0.7071067812");
    }

    /** The fields' values, not their CSV text: two entropies the CSV shows alike ("0.11111111") still differ. */
    @Test
    void numbersAreTheFieldsValuesNotTheirRoundedText() {
        CsvEncoder e = new CsvEncoder(RecordType.TCP);
        int entropy = col(RecordType.TCP, "PayloadEntropy");
        assertThat(row(e, TCP.newBuilder().setPayloadEntropy(0.111111111).build()).get(entropy)).isEqualTo("0.0000000000");
        assertThat(row(e, TCP.newBuilder().setPayloadEntropy(0.111111112).build()).get(entropy)).isEqualTo("0.7071067812");
    }

    @Test
    void textIsACategoryInOrderOfFirstAppearance() {
        CsvEncoder e = new CsvEncoder(RecordType.HTTP);
        int method = col(RecordType.HTTP, "Method");
        int host = col(RecordType.HTTP, "Host");
        String[][] requests = {{"GET", "a.example"}, {"POST", "b.example"}, {"GET", ""}, {"HEAD", "a.example"}};
        String[] methods = {"0", "1", "0", "2"};
        String[] hosts = {"0", "1", "2", "0"};
        for (int i = 0; i < requests.length; i++) {
            List<String> r = row(e, HTTP.newBuilder().setMethod(requests[i][0]).setHost(requests[i][1]).build());
            assertThat(r.get(method)).isEqualTo(methods[i] + ".0000000000");
            assertThat(r.get(host)).isEqualTo(hosts[i] + ".0000000000");
        }
        assertThat(e.overCap()).isEmpty();
    }

    @Test
    void categoriesBeyondTheCapAreMinusOneAndCounted() {
        CsvEncoder e = new CsvEncoder(RecordType.HTTP, null, 2);
        int host = col(RecordType.HTTP, "Host");
        List<String> got = new ArrayList<>();
        for (String h : List.of("a", "b", "c", "a", "d", "b")) {
            got.add(row(e, HTTP.newBuilder().setHost(h).build()).get(host));
        }
        assertThat(got).containsExactly("0.0000000000", "1.0000000000", "-1.0000000000", "0.0000000000",
                "-1.0000000000", "1.0000000000");
        // every other text column saw one value (the empty string) in all six rows: within the cap
        assertThat(e.overCap()).isEqualTo(Map.of("Host", 2L));
    }

    @Test
    void addressesAreIntegers() {
        // 192.168.1.1 = 0xC0A80101; the low 64 bits of 2001:db8::1:2:3:4 are 0x0001000200030004
        String[][] cases = {
            {"192.168.1.1", "3232235777"},
            {"2001:db8::1:2:3:4", "281483566841860"},
            {"fe80::ffff:ffff:ffff:ffff", "18446744073709551615"},
            {"::ffff:10.0.0.1", "167772161"},
            {"", "0"},
            {"not an address", "0"},
            {"example.org", "0"}, // a name is never looked up
        };
        int src = col(RecordType.HTTP, "SrcIP");
        for (String[] c : cases) {
            assertThat(row(new CsvEncoder(RecordType.HTTP), HTTP.newBuilder().setSrcIP(c[0]).build()).get(src))
                    .as(c[0]).isEqualTo(c[1]);
        }
    }

    /**
     * Random records of every type (strings of any characters, addresses that are none, NaN and infinities), many rows
     * into one encoder per type: every row has a value per column and every value is a number.
     */
    @Property(tries = 200)
    void everyValueOfRandomRecordsIsANumber(@ForAll @IntRange(min = 0, max = 70) int typeIndex, @ForAll long seed) {
        RecordType type = RecordType.values()[typeIndex];
        CsvEncoder e = new CsvEncoder(type, null, 4);
        Random rnd = new Random(seed);
        for (int i = 0; i < 20; i++) {
            List<String> r = row(e, Records.random(type.prototype(), rnd));
            assertThat(r).as(type.name()).hasSize(e.selection().length)
                    .allSatisfy(v -> assertThat(v).matches("-?\\d+(\\.\\d{10})?"));
        }
    }

    /**
     * The rows from wire bytes (as {@code capture -csv -encode} writes them) equal the rows from the parsed records, row
     * after row of one running encoder each: random records of every type, some given twice (later scalars win), and
     * the over-cap counts at the end.
     */
    @Property(tries = 200)
    void wireBytesEncodeAsTheParsedRecords(@ForAll @IntRange(min = 0, max = 70) int typeIndex, @ForAll long seed)
            throws Exception {
        RecordType type = RecordType.values()[typeIndex % RecordType.values().length];
        CsvEncoder fromMessages = new CsvEncoder(type, null, 4);
        CsvEncoder fromWire = new CsvEncoder(type, null, 4);
        Random rnd = new Random(seed);
        for (int i = 0; i < 20; i++) {
            byte[] b = Records.random(type.prototype(), rnd).toByteArray();
            if (i % 5 == 4) {
                b = Records.twice(b, Records.random(type.prototype(), rnd).toByteArray());
            }
            StringBuilder expected = new StringBuilder();
            fromMessages.appendRow(type.prototype().getParserForType().parseFrom(b), expected);
            StringBuilder actual = new StringBuilder();
            byte[] padded = new byte[b.length + 4];
            System.arraycopy(b, 0, padded, 1, b.length);
            fromWire.appendRow(padded, 1, b.length, ",", actual);
            assertThat(actual.toString()).as(type.name()).isEqualTo(expected.toString());
        }
        assertThat(fromWire.overCap()).isEqualTo(fromMessages.overCap());
    }

    @Test
    void theColumnsAreThoseOfCsv() {
        for (RecordType t : List.of(RecordType.TCP, RecordType.Connection, RecordType.File)) {
            CsvFormat f = CsvFormat.of(t);
            assertThat(f.header(new CsvEncoder(t).selection())).as(t.name()).isEqualTo(f.header(f.dumpSelection()));
        }
        assertThat(CsvFormat.of(RecordType.Connection).header(new CsvEncoder(RecordType.Connection).selection()))
                .contains("UID", "CommunityID");
    }
}
