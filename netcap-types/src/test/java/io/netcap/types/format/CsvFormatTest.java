package io.netcap.types.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.netcap.types.CDPPowerDialogue;
import io.netcap.types.CIP;
import io.netcap.types.CiscoDiscoveryInfo;
import io.netcap.types.DNS;
import io.netcap.types.DNSQuestion;
import io.netcap.types.DNSResourceRecord;
import io.netcap.types.DeviceProfile;
import io.netcap.types.OSPFv2;
import io.netcap.types.RecordType;
import io.netcap.types.Service;
import io.netcap.types.Software;
import io.netcap.types.TCP;
import io.netcap.types.TCPOption;
import io.netcap.types.Vulnerability;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CsvFormatTest {
    private static CsvColumnsSpec spec;

    @BeforeAll
    static void load() throws IOException {
        spec = CsvColumnsSpec.load();
    }

    /** Record types beyond the original's schema (docs/schema-extensions.md) have no table in the specification. */
    private static boolean original(RecordType t) {
        return t.type().getNumber() <= RecordType.Alert.type().getNumber();
    }

    @Test
    void theSpecificationTabulatesExactlyTheSeventyOneRecordTypesOfTheOriginal() {
        assertThat(spec.tables.keySet()).hasSize(71).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(RecordType.values()).filter(CsvFormatTest::original).map(Enum::name).toList());
    }

    static Stream<Arguments> types() throws IOException {
        return Arrays.stream(RecordType.values()).filter(CsvFormatTest::original).map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("types")
    void headerIsTheCorrectedHeaderOfTheSpecification(RecordType type) {
        CsvColumnsSpec.Table table = spec.tables.get(type.name());
        List<String> expected = spec.correctedHeader(type.name());
        assertThat(CsvFormat.of(type).header()).isEqualTo(expected);
        assertThat(expected).hasSize(table.values().size());
        if (table.misaligned()) {
            assertThat(spec.correctedCounts).containsEntry(type.name(), expected.size());
        }
    }

    private static final Pattern SIMPLE = Pattern.compile(
            "^`(\\w+)` (as timestamp \\(T\\)|decimal|as is|true/false|lowercase hex|fixed, (\\d) decimals)$");

    /**
     * Every column the table describes as a plain conversion of one field is checked on a record with
     * all fields set, with the expected text computed here from the description.
     */
    @ParameterizedTest
    @MethodSource("types")
    void simpleColumnsRenderAsTheTableDescribes(RecordType type) {
        Message record = Records.filled(type.prototype());
        List<String> values = CsvFormat.of(type).values(record, CsvStyle.defaults());
        List<String> descriptions = spec.tables.get(type.name()).values();
        assertThat(values).hasSize(descriptions.size());
        int checked = 0;
        for (int i = 0; i < descriptions.size(); i++) {
            Matcher m = SIMPLE.matcher(descriptions.get(i));
            if (!m.matches()) {
                continue;
            }
            // the table spells TLSServerHello's Ja3s as Ja3S
            FieldDescriptor fd = type.descriptor().getFields().stream()
                    .filter(f -> f.getName().equalsIgnoreCase(m.group(1))).findFirst().orElseThrow();
            Object v = record.getField(fd);
            String expected = switch (m.group(2)) {
                case "as timestamp (T)" -> "2020-09-13 12:26:40.123456 +0000 UTC";
                case "decimal" -> fd.getType() == FieldDescriptor.Type.UINT32
                        ? Long.toString(((Integer) v) & 0xffffffffL)
                        : fd.getType() == FieldDescriptor.Type.UINT64
                                ? new java.math.BigInteger(Long.toHexString((Long) v), 16).toString()
                                : v.toString();
                case "as is" -> (String) v;
                case "true/false" -> "true";
                case "lowercase hex" -> String.format("ab%02x", ((ByteString) v).byteAt(1) & 0xff);
                default -> new BigDecimal("0.017578125").setScale(Integer.parseInt(m.group(3)), RoundingMode.HALF_EVEN)
                        .toPlainString();
            };
            assertThat(values.get(i)).as("%s column %d (%s)", type, i + 1, descriptions.get(i)).isEqualTo(expected);
            checked++;
        }
        assertThat(checked).isPositive();
    }

    @Test
    void fixedDecimalsRoundTiesToEven() {
        assertThat(GoValues.fixed(0.017578125, 8)).isEqualTo("0.01757812");
        assertThat(GoValues.fixed(4.863994472, 8)).isEqualTo("4.86399447");
        assertThat(GoValues.fixed(0, 6)).isEqualTo("0.000000");
        assertThat(GoValues.fixed(2.5, 0)).isEqualTo("2");
    }

    @Test
    void utcStringsFollowGo() {
        assertThat(GoValues.utc(1600000000123456000L)).isEqualTo("2020-09-13 12:26:40.123456 +0000 UTC");
        assertThat(GoValues.utc(1600000000000000000L)).isEqualTo("2020-09-13 12:26:40 +0000 UTC");
        assertThat(GoValues.utc(1331904607100000000L)).isEqualTo("2012-03-16 13:30:07.1 +0000 UTC");
        assertThat(GoValues.utc(0)).isEqualTo("1970-01-01 00:00:00 +0000 UTC");
    }

    /** docs/container.md, "Worked example": the data row of the original, byte for byte. */
    @Test
    void tcpWorkedExample() {
        TCP tcp = TCP.newBuilder().setTimestamp(1600000000123456000L).setSrcPort(443).setDstPort(51000).setSeqNum(1)
                .setDataOffset(5).setACK(true).setWindow(502).setSrcIP("10.0.0.1").setDstIP("10.0.0.2").build();
        CsvFormat csv = CsvFormat.of(RecordType.TCP);
        assertThat(String.join(",", csv.header())).isEqualTo("Timestamp,SrcPort,DstPort,SeqNum,AckNum,DataOffset,"
                + "FIN,SYN,RST,PSH,ACK,URG,ECE,CWR,NS,Window,Checksum,Urgent,Options,PayloadEntropy,PayloadSize,SrcIP,DstIP");
        assertThat(String.join(",", csv.values(tcp, CsvStyle.defaults()))).isEqualTo(
                "2020-09-13 12:26:40.123456 +0000 UTC,443,51000,1,0,5,false,false,false,false,true,false,false,false,"
                        + "false,502,0,0,,0.00000000,0,10.0.0.1,10.0.0.2");
        assertThat(csv.values(tcp, CsvStyle.raw()).get(0)).isEqualTo("1600000000123456000");
    }

    @Test
    void tcpOptionsAreConcatenatedStructures() {
        TCP tcp = TCP.newBuilder()
                .addOptions(TCPOption.newBuilder().setOptionType(2).setOptionLength(4)
                        .setOptionData(ByteString.copyFrom(new byte[] {0x05, (byte) 0xb4})))
                .addOptions(TCPOption.newBuilder().setOptionType(1).setOptionLength(1)).build();
        CsvFormat csv = CsvFormat.of(RecordType.TCP);
        assertThat(csv.values(tcp, CsvStyle.defaults()).get(csv.indexOf("Options"))).isEqualTo("(2-4-05b4)(1-1-)");
        assertThat(csv.values(tcp, new CsvStyle(true, "[", "]", "|")).get(csv.indexOf("Options")))
                .isEqualTo("[2|4|05b4][1|1|]");
    }

    /** The DNS worked example of the CSV column tables (docs/original.md, "CSV columns"), byte for byte (header and row). */
    @Test
    void dnsWorkedExample() {
        DNSQuestion q = DNSQuestion.newBuilder().setName("example.com").setType(1).setClass_(1).build();
        DNSResourceRecord a = DNSResourceRecord.newBuilder().setName("example.com").setType(1).setClass_(1).setTTL(300)
                .setDataLength(4).setData(ByteString.copyFrom(new byte[] {93, (byte) 184, (byte) 216, 34}))
                .setIP("93.184.216.34").build();
        DNS dns = DNS.newBuilder().setTimestamp(1600000000123456000L).setID(4660).setQR(true).setRD(true).setRA(true)
                .setQDCount(1).setANCount(1).addQuestions(q).addAnswers(a).setSrcIP("8.8.8.8").setDstIP("10.0.0.2")
                .setSrcPort(53).setDstPort(51000).build();
        CsvFormat csv = CsvFormat.of(RecordType.DNS);
        String block = spec.text.substring(spec.text.indexOf("Worked example (`net dump -csv`"));
        String[] lines = block.substring(block.indexOf("```\n") + 4).split("\n");
        assertThat(String.join(",", csv.header())).isEqualTo(lines[0]);
        assertThat(String.join(",", csv.values(dns, CsvStyle.defaults().withLegacy(true)))).isEqualTo(lines[1]);
        // by default every answer, without the questions (docs/cli.md, "Deviations")
        assertThat(csv.values(dns, CsvStyle.defaults()).get(csv.indexOf("Answers"))).isEqualTo(
                "(example.com-1-1-300-4-5db8d822-93.184.216.34----(--0-0-0-0-0)-(0-0-0-)-(0-)-())");
        assertThat(lines[1]).isEqualTo("2020-09-13 12:26:40.123456 +0000 UTC,4660,true,0,false,false,true,true,0,0,1,1,0,0,"
                + "(example.com-1-1),(example.com-1-1)(example.com-1-1-300-4-5db8d822-93.184.216.34----(--0-0-0-0-0)-"
                + "(0-0-0-)-(0-)-()),,,8.8.8.8,10.0.0.2,53,51000");
    }

    @Test
    void legacyDnsSectionsShowAllQuestionsThenOnlyTheLastRecord() {
        DNS dns = DNS.newBuilder().addQuestions(DNSQuestion.newBuilder().setName("a").setType(1).setClass_(1))
                .addQuestions(DNSQuestion.newBuilder().setName("b").setType(28).setClass_(1))
                .addAuthorities(DNSResourceRecord.newBuilder().setName("x").setNS(ByteString.copyFromUtf8("ns1")))
                .addAuthorities(DNSResourceRecord.newBuilder().setName("y").setNS(ByteString.copyFromUtf8("ns2")))
                .build();
        CsvFormat csv = CsvFormat.of(RecordType.DNS);
        List<String> v = csv.values(dns, CsvStyle.defaults().withLegacy(true));
        assertThat(v.get(csv.indexOf("Questions"))).isEqualTo("(a-1-1)(b-28-1)");
        assertThat(v.get(csv.indexOf("Answers"))).isEmpty();
        assertThat(v.get(csv.indexOf("Authorities")))
                .isEqualTo("(a-1-1)(b-28-1)(y-0-0-0-0---ns2---(--0-0-0-0-0)-(0-0-0-)-(0-)-())");
    }

    @Test
    void dnsSectionsShowEveryRecord() {
        DNS dns = DNS.newBuilder().addQuestions(DNSQuestion.newBuilder().setName("a").setType(1).setClass_(1))
                .addAnswers(DNSResourceRecord.newBuilder().setName("x").setIP("1.1.1.1"))
                .addAnswers(DNSResourceRecord.newBuilder().setName("y").setIP("2.2.2.2"))
                .build();
        CsvFormat csv = CsvFormat.of(RecordType.DNS);
        assertThat(csv.values(dns, CsvStyle.defaults()).get(csv.indexOf("Answers"))).isEqualTo(
                "(x-0-0-0-0--1.1.1.1----(--0-0-0-0-0)-(0-0-0-)-(0-)-())(y-0-0-0-0--2.2.2.2----(--0-0-0-0-0)-(0-0-0-)-(0-)-())");
        assertThat(csv.values(dns, CsvStyle.defaults()).get(csv.indexOf("Authorities"))).isEmpty();
    }

    /** RFC 4180 section 2: quote a field holding the separator, a quote, CR or LF; double its quotes. */
    @Test
    void rowsAreQuotedAsRfc4180UnlessLegacy() {
        TCP tcp = TCP.newBuilder().setSrcIP("a,b").setDstIP("say \"hi\"").build();
        CsvFormat csv = CsvFormat.of(RecordType.TCP);
        int[] ips = {csv.indexOf("SrcIP"), csv.indexOf("DstIP"), csv.indexOf("SrcPort")};
        StringBuilder sb = new StringBuilder();
        csv.appendRow(tcp, CsvStyle.defaults(), ",", ips, sb);
        assertThat(sb).hasToString("\"a,b\",\"say \"\"hi\"\"\",0");
        sb.setLength(0);
        csv.appendRow(tcp, CsvStyle.defaults(), "\t", ips, sb);
        assertThat(sb).hasToString("a,b\t\"say \"\"hi\"\"\"\t0");
        sb.setLength(0);
        csv.appendRow(tcp, CsvStyle.defaults().withLegacy(true), ",", ips, sb);
        assertThat(sb).hasToString("a,b,say \"hi\",0");
    }

    /**
     * Numbers, booleans and timestamps skip the scan for quotes, unless the separator is a character they may
     * hold: {@code -sep .} must still quote an entropy of 7.5, {@code -sep " "} a UTC timestamp.
     */
    @Test
    void plainColumnsAreQuotedWhereTheSeparatorCanBeInThem() throws IOException {
        TCP tcp = TCP.newBuilder().setTimestamp(1_600_000_000_500_000_000L).setPayloadEntropy(7.5).setSrcPort(80)
                .setSYN(true).build();
        CsvFormat csv = CsvFormat.of(RecordType.TCP);
        int[] sel = {csv.indexOf("Timestamp"), csv.indexOf("PayloadEntropy"), csv.indexOf("SrcPort"), csv.indexOf("SYN")};
        for (String sep : List.of(",", ".", " ", "0", "e", ":", "-", "+")) {
            StringBuilder sb = new StringBuilder();
            csv.appendRow(tcp, CsvStyle.defaults(), sep, sel, sb);
            CsvReader.Record r = new CsvReader(new java.io.StringReader(sb + "\n"), sep).next();
            assertThat(r.error()).as(sep + ": " + sb).isNull();
            assertThat(r.fields()).as(sep + ": " + sb)
                    .containsExactly("2020-09-13 12:26:40.5 +0000 UTC", "7.50000000", "80", "true");
        }
    }

    /** What appendRow writes, CsvReader reads back field for field, whatever the values hold. */
    @Test
    void quotedRowsReadBackWithTheRfc4180Reader() throws IOException {
        String[] nasty = {"", "plain", "a,b", "\"", "x\"\"y", "line\nbreak", "cr\r\nlf", ",\",\n", "\t", "|", "a|", "|b", "<-", "->", "<->"};
        CsvFormat csv = CsvFormat.of(RecordType.TCP);
        int[] sel = {csv.indexOf("SrcIP"), csv.indexOf("DstIP")};
        for (String sep : List.of(",", "\t", ";", "||", "<->")) {
            for (String a : nasty) {
                for (String b : nasty) {
                    StringBuilder sb = new StringBuilder();
                    csv.appendRow(TCP.newBuilder().setSrcIP(a).setDstIP(b).build(), CsvStyle.defaults(), sep, sel, sb);
                    CsvReader.Record r = new CsvReader(new java.io.StringReader(sb + "\n"), sep).next();
                    assertThat(r.error()).as(sb.toString()).isNull();
                    assertThat(r.fields()).as(sb.toString()).containsExactly(a, b);
                }
            }
        }
    }

    /** Every field is selectable: the original's columns, then one column per field it leaves out or renames. */
    @ParameterizedTest
    @MethodSource("allTypes")
    void everyFieldIsSelectable(RecordType type) {
        CsvFormat csv = CsvFormat.of(type);
        for (FieldDescriptor fd : type.descriptor().getFields()) {
            assertThat(csv.indexOf(fd.getName())).as("%s.%s", type, fd.getName()).isNotNegative();
        }
        assertThat(csv.names().subList(0, csv.header().size())).isEqualTo(csv.header());
        assertThat(csv.names()).doesNotHaveDuplicates();
        Message record = Records.filled(type.prototype());
        int[] all = java.util.stream.IntStream.range(0, csv.names().size()).toArray();
        assertThat(csv.values(record, CsvStyle.defaults(), all)).hasSize(all.length);
    }

    static Stream<Arguments> allTypes() {
        return Arrays.stream(RecordType.values()).map(Arguments::of);
    }

    @Test
    void connectionDumpShowsUidAndCommunityIdAfterTheOriginalColumns() {
        CsvFormat csv = CsvFormat.of(RecordType.Connection);
        List<String> shown = Arrays.stream(csv.dumpSelection()).mapToObj(i -> csv.names().get(i)).toList();
        assertThat(shown.subList(0, csv.header().size())).isEqualTo(csv.header());
        assertThat(shown.subList(csv.header().size(), shown.size())).containsExactly("UID", "CommunityID");
        assertThat(CsvFormat.of(RecordType.TCP).dumpSelection()).isNull();
    }

    @Test
    void fileDumpShowsSha256AfterTheOriginalColumns() {
        CsvFormat csv = CsvFormat.of(RecordType.File);
        assertThat(csv.header()).doesNotContain("SHA256");
        List<String> shown = Arrays.stream(csv.dumpSelection()).mapToObj(i -> csv.names().get(i)).toList();
        assertThat(shown.subList(0, csv.header().size())).isEqualTo(csv.header());
        assertThat(shown.subList(csv.header().size(), shown.size())).containsExactly("SHA256");
    }

    @Test
    void cipAdditionalStatusQuirk() {
        CsvFormat csv = CsvFormat.of(RecordType.CIP);
        int col = csv.indexOf("AdditionalStatus");
        CIP response = CIP.newBuilder().setResponse(true).addAdditionalStatus(5).addAdditionalStatus(6).build();
        assertThat(csv.values(response, CsvStyle.defaults()).get(col)).isEqualTo("--5-6");
        assertThat(csv.values(response.toBuilder().setResponse(false).build(), CsvStyle.defaults()).get(col)).isEmpty();
        assertThat(csv.values(CIP.newBuilder().setResponse(true).addAdditionalStatus(7).build(), CsvStyle.defaults())
                .get(col)).isEqualTo("-7");
    }

    @Test
    void countsAndRenderedLengths() {
        DeviceProfile p = DeviceProfile.newBuilder().addDeviceIPs("10.0.0.1").addDeviceIPs("10.0.0.2")
                .addContacts("x").build();
        CsvFormat dv = CsvFormat.of(RecordType.DeviceProfile);
        assertThat(dv.values(p, CsvStyle.defaults()).get(dv.indexOf("NumDeviceIPs"))).isEqualTo("2");
        assertThat(dv.values(p, CsvStyle.defaults()).get(dv.indexOf("NumContacts"))).isEqualTo("1");
        Service s = Service.newBuilder().addFlows("a").addFlows("bc").setBytesServer(9).build();
        CsvFormat sv = CsvFormat.of(RecordType.Service);
        // "(a-bc)" is 6 characters long
        assertThat(sv.values(s, CsvStyle.defaults()).get(sv.indexOf("NumFlows"))).isEqualTo("6");
        assertThat(sv.values(Service.getDefaultInstance(), CsvStyle.defaults()).get(sv.indexOf("NumFlows"))).isEqualTo("2");
        assertThat(sv.values(s, CsvStyle.defaults()).get(sv.indexOf("BytesServer"))).isEqualTo("9");
    }

    @Test
    void absentNestedMessagesAreEmptyOnlyWhereDeclared() {
        CsvFormat csv = CsvFormat.of(RecordType.OSPFv2);
        List<String> v = csv.values(OSPFv2.getDefaultInstance(), CsvStyle.defaults());
        assertThat(v.get(csv.indexOf("LSU"))).isEmpty();
        assertThat(v.get(csv.indexOf("HelloV2"))).isEmpty();
        assertThat(v.get(csv.indexOf("LSAs"))).isEqualTo("()");
    }

    @Test
    void powerDialogueRendersValuesFirst() {
        CiscoDiscoveryInfo info = CiscoDiscoveryInfo.newBuilder().setPowerRequest(
                CDPPowerDialogue.newBuilder().setID(1).setMgmtID(2).addValues(10).addValues(20)).build();
        CsvFormat csv = CsvFormat.of(RecordType.CiscoDiscoveryInfo);
        assertThat(csv.values(info, CsvStyle.defaults()).get(csv.indexOf("PowerRequest"))).isEqualTo("((10-20)-1-2)");
    }

    @Test
    void nestedSoftwareIsCompactText() {
        Vulnerability v = Vulnerability.newBuilder().setID("CVE-1")
                .setSoftware(Software.newBuilder().setTimestamp(5).setProduct("nginx").addFlows("f")).build();
        CsvFormat csv = CsvFormat.of(RecordType.Vulnerability);
        assertThat(csv.values(v, CsvStyle.defaults()).get(csv.indexOf("Software")))
                .isEqualTo("Timestamp:5 Product:\"nginx\" Flows:\"f\" ");
    }

    @Test
    void appendRowSelectsColumnsInTheGivenOrder() {
        TCP tcp = TCP.newBuilder().setSrcPort(1).setDstPort(2).build();
        CsvFormat csv = CsvFormat.of(RecordType.TCP);
        StringBuilder sb = new StringBuilder();
        csv.appendRow(tcp, CsvStyle.defaults(), "\t",
                new int[] {csv.indexOf("DstPort"), csv.indexOf("SrcPort")}, sb);
        assertThat(sb.toString()).isEqualTo("2\t1");
        List<String> all = new ArrayList<>();
        sb.setLength(0);
        csv.appendRow(tcp, CsvStyle.defaults(), ",", null, sb);
        all.addAll(Arrays.asList(sb.toString().split(",", -1)));
        assertThat(all).isEqualTo(csv.values(tcp, CsvStyle.defaults()));
    }
}
