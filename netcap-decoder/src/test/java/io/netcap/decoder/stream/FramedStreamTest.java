package io.netcap.decoder.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import io.netcap.decoder.stream.files.FileExtraction;
import io.netcap.types.DNS;
import io.netcap.types.Modbus;
import io.netcap.types.RecordType;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Length-framed messages over reassembled TCP, cut anywhere by segments. */
class FramedStreamTest {
    private final List<Message> records = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private final StreamEnv env = new StreamEnv((t, m) -> records.add(m), FileExtraction.OFF,
            (kind, c, message) -> errors.add(kind));

    /** A DNS query for example.com (ID 0x1234, one question, type A), with its TCP length prefix. */
    private static final byte[] QUERY = HexFormat.of().parseHex(
            "001d" + "123401000001000000000000076578616d706c6503636f6d0000010001");

    private StreamSession session(int port) {
        Conversation c = new Conversation(Conversation.Transport.TCP, "10.0.0.1", 40000, "10.0.0.2", port, 0);
        return new StreamSession(c, new StreamSelector(StreamProtocols.all()), env, new StreamCounters(), 1 << 16);
    }

    @Test
    void aDnsMessageCutIntoThreeSegmentsAndTwoInOneSegmentGiveOneRecordEach() {
        StreamSession s = session(53);
        s.data(Direction.CLIENT_TO_SERVER, QUERY, 0, 1, 1);
        s.data(Direction.CLIENT_TO_SERVER, QUERY, 1, 10, 2);
        s.data(Direction.CLIENT_TO_SERVER, QUERY, 11, QUERY.length - 11, 3);
        byte[] two = new byte[2 * QUERY.length];
        System.arraycopy(QUERY, 0, two, 0, QUERY.length);
        System.arraycopy(QUERY, 0, two, QUERY.length, QUERY.length);
        two[QUERY.length + 3] = 0x35; // second ID 0x1235
        s.data(Direction.CLIENT_TO_SERVER, two, 0, two.length, 4);
        s.end(EndReason.FIN);
        assertThat(s.protocol()).isEqualTo("DNS");
        assertThat(records).hasSize(3);
        assertThat(records).allMatch(m -> m instanceof DNS);
        assertThat(records.stream().map(m -> ((DNS) m).getID()).toList()).containsExactly(0x1234, 0x1234, 0x1235);
        assertThat(((DNS) records.get(0)).getQuestions(0).getName()).isEqualTo("example.com");
        assertThat(((DNS) records.get(0)).getTimestamp()).as("time of the segment that completed it").isEqualTo(3);
        assertThat(errors).isEmpty();
    }

    @Test
    void theProbeFindsDnsOnAnyPortAndRefusesOtherBytes() {
        StreamSession dns = session(5353);
        dns.data(Direction.CLIENT_TO_SERVER, QUERY, 0, QUERY.length, 1);
        assertThat(dns.protocol()).isEqualTo("DNS");
        StreamSession text = session(53);
        byte[] b = "hello there, this is not DNS\r\n".getBytes();
        text.data(Direction.CLIENT_TO_SERVER, b, 0, b.length, 1);
        text.end(EndReason.FIN);
        assertThat(text.protocol()).isNull();
    }

    /**
     * The probe takes a request by the counts of its op code (RFC 1035 QUERY, STATUS and IQUERY, RFC 1996 NOTIFY, RFC
     * 2136 UPDATE) and refuses an answer, an unassigned op code and counts its op code does not have.
     */
    @Test
    void theProbeTakesEachOpCodeByItsCounts() {
        assertThat(probe(0, 1, 0)).isEqualTo(StreamProbe.Verdict.MATCH);
        assertThat(probe(2, 1, 0)).isEqualTo(StreamProbe.Verdict.MATCH);
        assertThat(probe(1, 0, 1)).as("an inverse query asks about its answer").isEqualTo(StreamProbe.Verdict.MATCH);
        assertThat(probe(4, 1, 1)).isEqualTo(StreamProbe.Verdict.MATCH);
        assertThat(probe(5, 1, 3)).as("an update's prerequisites").isEqualTo(StreamProbe.Verdict.MATCH);
        assertThat(probe(0, 0, 0)).isEqualTo(StreamProbe.Verdict.NO);
        assertThat(probe(0, 1, 1)).isEqualTo(StreamProbe.Verdict.NO);
        assertThat(probe(1, 1, 0)).isEqualTo(StreamProbe.Verdict.NO);
        assertThat(probe(3, 1, 0)).isEqualTo(StreamProbe.Verdict.NO);
        assertThat(probe(5, 2, 0)).isEqualTo(StreamProbe.Verdict.NO);
        byte[] answer = header(0, 1, 0);
        answer[4] |= (byte) 0x80;
        assertThat(FramedStream.dnsProbe(answer, answer.length, new byte[0], 0)).isEqualTo(StreamProbe.Verdict.NO);
    }

    private static StreamProbe.Verdict probe(int opCode, int questions, int answers) {
        byte[] h = header(opCode, questions, answers);
        return FramedStream.dnsProbe(h, h.length, new byte[0], 0);
    }

    /** A length prefix of 12 and a DNS header with the op code and counts, the rest zero. */
    private static byte[] header(int opCode, int questions, int answers) {
        byte[] h = new byte[14];
        h[1] = 12;
        h[4] = (byte) (opCode << 3);
        h[7] = (byte) questions;
        h[9] = (byte) answers;
        return h;
    }

    @Test
    void recordsCarryTheAddressesAndPortsOfTheirDirection() {
        Conversation c = new Conversation(Conversation.Transport.TCP, "10.0.0.1", 40000, "10.0.0.2", 502, 0)
                .withEndpoints(new Endpoints(new byte[] {10, 0, 0, 1}, new byte[] {10, 0, 0, 2}, 4, 40000, 502, null));
        StreamSession s = new StreamSession(c, new StreamSelector(StreamProtocols.all()), env, new StreamCounters(),
                1 << 16);
        byte[] request = HexFormat.of().parseHex("000700000006010300000002");
        byte[] response = HexFormat.of().parseHex("00070000000701030400010002");
        s.data(Direction.CLIENT_TO_SERVER, request, 0, request.length, 1);
        s.data(Direction.SERVER_TO_CLIENT, response, 0, response.length, 2);
        s.end(EndReason.FIN);
        assertThat(records).hasSize(2);
        Modbus req = (Modbus) records.get(0);
        Modbus resp = (Modbus) records.get(1);
        assertThat(List.of(req.getSrcIP(), req.getDstIP(), req.getSrcPort(), req.getDstPort()))
                .containsExactly("10.0.0.1", "10.0.0.2", 40000, 502);
        assertThat(List.of(resp.getSrcIP(), resp.getDstIP(), resp.getSrcPort(), resp.getDstPort()))
                .containsExactly("10.0.0.2", "10.0.0.1", 502, 40000);
        assertThat(List.of(resp.getTransactionID(), resp.getLength(), resp.getUnitID(), resp.getFunctionCode()))
                .containsExactly(7, 7, 1, 3);
        assertThat(errors).isEmpty();
    }

    @Test
    void modbusFramesAndALostFramingIsCountedOnce() {
        // read holding registers: transaction 7, protocol 0, length 6, unit 1, function 3, address 0, count 2
        byte[] request = HexFormat.of().parseHex("000700000006010300000002");
        StreamSession s = session(502);
        s.data(Direction.CLIENT_TO_SERVER, request, 0, 5, 1);
        s.data(Direction.CLIENT_TO_SERVER, request, 5, request.length - 5, 2);
        byte[] bad = HexFormat.of().parseHex("00080001000601030000000200");
        s.data(Direction.CLIENT_TO_SERVER, bad, 0, bad.length, 3);
        s.data(Direction.CLIENT_TO_SERVER, request, 0, request.length, 4);
        s.end(EndReason.FIN);
        assertThat(records).hasSize(1);
        assertThat(((Modbus) records.get(0)).getTransactionID()).isEqualTo(7);
        assertThat(errors).containsExactly("MALFORMED_MODBUS");
    }

    @Test
    void theRowsWriteTheirRecordTypes() {
        assertThat(StreamProtocols.all().stream().filter(p -> p.name().equals("ENIP")).findFirst().orElseThrow()
                .records()).containsExactlyInAnyOrder(RecordType.ENIP, RecordType.CIP);
    }
}
