package io.netcap.types.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.netcap.types.Connection;
import io.netcap.types.HTTP;
import io.netcap.types.Header;
import io.netcap.types.IPProfile;
import io.netcap.types.Protocol;
import io.netcap.types.RecordType;
import io.netcap.types.TCP;
import io.netcap.types.TCPOption;
import io.netcap.types.Type;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class JsonFormatTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** DHCP option data is binary: base64 of the stored bytes, not UTF-8 replacement characters. */
    @Test
    void dhcpOptionDataIsBase64OfTheStoredBytes() {
        io.netcap.types.DHCPv4 d = io.netcap.types.DHCPv4.newBuilder().addOptions(io.netcap.types.DHCPOption.newBuilder()
                .setType(51).setLength(4).setDataBytes(ByteString.copyFrom(new byte[] {0, 1, (byte) 0x9e, (byte) 0xff}))).build();
        assertThat(JsonFormat.dump().format(d)).isEqualTo("{\"Options\":[{\"Type\":51,\"Length\":4,\"Data\":\"AAGe/w==\"}]}");
    }

    @Test
    void dumpJsonOfTheWorkedExampleRecord() {
        TCP tcp = TCP.newBuilder().setTimestamp(1600000000123456000L).setSrcPort(443).setDstPort(51000).setSeqNum(1)
                .setDataOffset(5).setACK(true).setWindow(502).setSrcIP("10.0.0.1").setDstIP("10.0.0.2")
                .addOptions(TCPOption.newBuilder().setOptionType(2).setOptionData(ByteString.copyFrom(new byte[] {1, 2})))
                .setPayloadEntropy(4.5).build();
        assertThat(JsonFormat.dump().format(tcp)).isEqualTo("{\"Timestamp\":1600000000123456000,\"SrcPort\":443,"
                + "\"DstPort\":51000,\"SeqNum\":1,\"DataOffset\":5,\"ACK\":true,\"Window\":502,"
                + "\"Options\":[{\"OptionType\":2,\"OptionData\":\"AQI=\"}],\"PayloadEntropy\":4.5,"
                + "\"SrcIP\":\"10.0.0.1\",\"DstIP\":\"10.0.0.2\"}");
    }

    @Test
    void headerLineOfCaptureJson() {
        Header h = Header.newBuilder().setCreated(1600000000123456789L).setInputSource("a.pcap").setType(Type.NC_TCP)
                .setVersion("v0.6.11").build();
        // docs/original.md, "JSON encodings"
        assertThat(JsonFormat.dump().format(h))
                .isEqualTo("{\"Created\":1600000000123456789,\"InputSource\":\"a.pcap\",\"Type\":38,\"Version\":\"v0.6.11\"}");
    }

    @Test
    void captureJsonUsesMillisecondsStringsForInt64AndEnumNames() {
        Connection c = Connection.newBuilder().setTimestampFirst(1600000000123456789L)
                .setTimestampLast(1600000001999999999L).setDuration(1876543210L).setSrcIP("a<b").build();
        assertThat(JsonFormat.capture().format(c)).isEqualTo("{\"TimestampFirst\":\"1600000000123\",\"SrcIP\":\"a<b\","
                + "\"TimestampLast\":\"1600000001999\",\"Duration\":\"1876543210\"}");
        assertThat(JsonFormat.dump().format(c)).isEqualTo("{\"TimestampFirst\":1600000000123456789,\"SrcIP\":\"a\\u003cb\","
                + "\"TimestampLast\":1600000001999999999,\"Duration\":1876543210}");
        Header h = Header.newBuilder().setType(Type.NC_TCP).build();
        assertThat(JsonFormat.capture().format(h)).isEqualTo("{\"Type\":\"NC_TCP\"}");
        HTTP http = HTTP.newBuilder().setTimestamp(2_000_000L).setMethod("GET")
                .setRequestBody(ByteString.copyFromUtf8("x")).setResponseBody(ByteString.copyFromUtf8("y")).build();
        assertThat(JsonFormat.capture().format(http)).isEqualTo("{\"Timestamp\":\"2\",\"Method\":\"GET\"}");
        assertThat(JsonFormat.capture().format(http.toBuilder().setTimestamp(999_999L).build()))
                .isEqualTo("{\"Method\":\"GET\"}");
    }

    /**
     * Every character that needs it is escaped, wherever it stands, and the characters between escapes are kept:
     * checked against the escaping written out one character at a time (RFC 8259 section 7; Go's encoding/json
     * also escapes &lt;, &gt;, &amp;, U+2028 and U+2029).
     */
    @Test
    void stringsAreEscapedAsOneCharacterAtATimeWould() {
        String special = "\"\\\n\r\t\u0000\u001f<>&\u2028\u2029";
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
        for (int round = 0; round < 2000; round++) {
            StringBuilder s = new StringBuilder();
            for (int n = rnd.nextInt(1, 12); n > 0; n--) {
                s.append(rnd.nextInt(3) == 0 ? special.charAt(rnd.nextInt(special.length()))
                        : rnd.nextBoolean() ? (char) rnd.nextInt(0x20, 0x7f) : (char) rnd.nextInt(0x80, 0x3000));
            }
            String v = s.toString();
            assertThat(JsonFormat.quote(v)).as(v).isEqualTo(reference(v, false));
            Header h = Header.newBuilder().setInputSource(v).build();
            assertThat(JsonFormat.dump().format(h)).as(v).isEqualTo("{\"InputSource\":" + reference(v, true) + "}");
        }
    }

    private static String reference(String s, boolean goHtml) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c < 0x20 || goHtml && (c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029')) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    @Test
    void mapsAreObjectsWithSortedKeys() {
        IPProfile p = IPProfile.newBuilder().putSNIs("b.example", 2).putSNIs("a.example", 1)
                .putProtocols("TCP", Protocol.newBuilder().setPackets(3).build()).build();
        String json = JsonFormat.dump().format(p);
        assertThat(json).isEqualTo("{\"Protocols\":{\"TCP\":{\"Packets\":3}},\"SNIs\":{\"a.example\":1,\"b.example\":2}}");
    }

    @Test
    void goFloatFormatting() {
        assertThat(GoValues.goJsonFloat(4.86399447)).isEqualTo("4.86399447");
        assertThat(GoValues.goJsonFloat(1e-7)).isEqualTo("1e-7");
        assertThat(GoValues.goJsonFloat(1e21)).isEqualTo("1e+21");
        assertThat(GoValues.goJsonFloat(100)).isEqualTo("100");
        assertThat(GoValues.goTextFloat(1e6)).isEqualTo("1e+06");
        assertThat(GoValues.goTextFloat(123456)).isEqualTo("123456");
        assertThat(GoValues.goTextFloat(0.0001)).isEqualTo("0.0001");
        assertThat(GoValues.goTextFloat(0.00001)).isEqualTo("1e-05");
    }

    /** Random records of random types: JSON parsed back gives every field value of the record. */
    @Property(tries = 300)
    void dumpJsonRoundTrips(@ForAll @IntRange(min = 0, max = 70) int typeIndex, @ForAll long seed) throws Exception {
        RecordType type = RecordType.values()[typeIndex];
        Message record = Records.random(type.prototype(), new Random(seed));
        JsonNode node = MAPPER.readTree(JsonFormat.dump().format(record));
        assertMatches(record, node, false);
        JsonNode proto = MAPPER.readTree(JsonFormat.capture().format(record));
        assertThat(proto.size()).isLessThanOrEqualTo(node.size());
    }

    /** Random records: as many CSV values as header columns. */
    @Property(tries = 300)
    void csvValuesMatchTheHeader(@ForAll @IntRange(min = 0, max = 70) int typeIndex, @ForAll long seed) {
        RecordType type = RecordType.values()[typeIndex];
        Message record = Records.random(type.prototype(), new Random(seed));
        CsvFormat csv = CsvFormat.of(type);
        assertThat(csv.values(record, CsvStyle.defaults())).hasSameSizeAs(csv.header());
        assertThat(csv.values(record, CsvStyle.raw())).hasSameSizeAs(csv.header());
    }

    static void assertMatches(Message m, JsonNode node, boolean protoJson) {
        // written to the wire: a non-empty repeated field, else what hasField says (implicit presence: not the default)
        List<FieldDescriptor> present = m.getDescriptorForType().getFields().stream()
                .filter(fd -> fd.isRepeated() ? m.getRepeatedFieldCount(fd) > 0 : m.hasField(fd)).toList();
        assertThat(node.size()).as("fields of %s: %s in %s", m.getDescriptorForType().getName(), present, node)
                .isEqualTo(present.size());
        for (FieldDescriptor fd : present) {
            JsonNode n = node.get(fd.getName());
            assertThat(n).as(fd.getFullName()).isNotNull();
            Object v = m.getField(fd);
            if (fd.isMapField()) {
                List<?> entries = (List<?>) v;
                // keys repeated on the wire: the last entry wins
                assertThat(n.size()).isEqualTo(entries.stream().map(TextFormat::mapKey).distinct().count());
                for (Object e : TextFormat.mapEntries(m, fd)) {
                    JsonNode value = n.get(String.valueOf(TextFormat.mapKey(e)));
                    assertThat(value).isNotNull();
                    Object mv = TextFormat.mapValue(e);
                    if (mv instanceof Message child) {
                        assertMatches(child, value, protoJson);
                    } else {
                        assertScalar(fd.getMessageType().findFieldByNumber(2), mv, value, protoJson);
                    }
                }
            } else if (fd.isRepeated()) {
                List<?> list = (List<?>) v;
                assertThat(n.isArray()).isTrue();
                assertThat(n.size()).isEqualTo(list.size());
                Iterator<JsonNode> it = n.elements();
                for (Object e : list) {
                    JsonNode en = it.next();
                    if (e instanceof Message child) {
                        assertMatches(child, en, protoJson);
                    } else {
                        assertScalar(fd, e, en, protoJson);
                    }
                }
            } else if (v instanceof Message child) {
                assertMatches(child, n, protoJson);
            } else {
                assertScalar(fd, v, n, protoJson);
            }
        }
    }

    private static void assertScalar(FieldDescriptor fd, Object v, JsonNode n, boolean protoJson) {
        boolean binary = !protoJson && JsonFormat.BINARY_STRINGS.contains(fd.getFullName());
        switch (fd.getType()) {
            case STRING -> assertThat(binary ? new String(Base64.getDecoder().decode(n.textValue()),
                    java.nio.charset.StandardCharsets.UTF_8) : n.textValue()).isEqualTo(v);
            case BYTES -> assertThat(Base64.getDecoder().decode(n.textValue())).isEqualTo(((ByteString) v).toByteArray());
            case BOOL -> assertThat(n.booleanValue()).isEqualTo(v);
            case DOUBLE -> assertThat(n.doubleValue()).isEqualTo(v);
            case UINT32 -> assertThat(n.longValue()).isEqualTo(((Integer) v) & 0xffffffffL);
            case UINT64 -> assertThat(n.bigIntegerValue().longValue()).isEqualTo(v);
            case INT64 -> assertThat(n.longValue()).isEqualTo(v);
            case ENUM -> assertThat(n.intValue())
                    .isEqualTo(((com.google.protobuf.Descriptors.EnumValueDescriptor) v).getNumber());
            default -> assertThat(n.intValue()).isEqualTo(v);
        }
    }
}
