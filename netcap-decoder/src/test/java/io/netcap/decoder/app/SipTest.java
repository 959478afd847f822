package io.netcap.decoder.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.types.SIP;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Edge cases of the byte-level SIP head parser against hand-written records and the String-form oracle. */
class SipTest {
    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static SIP decode(String s) {
        byte[] m = text(s);
        return Sip.decode(m, 0, m.length, 7L);
    }

    private static SIP.Builder request(int method) {
        return SIP.newBuilder().setTimestamp(7L).setMethod(method).setVersion(2);
    }

    @Test
    void continuationLinesAppendToTheLatestHeaderWithOneSpace() {
        assertThat(decode("INVITE sip:a SIP/2.0\r\nSubject: one\r\n \t two  \r\n\tthree\r\nTo: x\r\n\r\n"))
                .isEqualTo(request(1).addHeaders("subject:one two three").addHeaders("to:x").build());
        // the latest header line is the second Via, so the continuation extends that value
        assertThat(decode("BYE x SIP/2.0\nVia: a\nTo: b\nvia: c\n d\n\n"))
                .isEqualTo(request(3).addHeaders("via:a,c d").addHeaders("to:b").build());
    }

    @Test
    void continuationBeforeAnyHeaderAndLinesWithoutColonAreIgnored() {
        assertThat(decode("ACK x SIP/2.0\r\n  lost\r\nno colon here\r\nTo: b\r\n more\r\n\r\n"))
                .isEqualTo(request(2).addHeaders("to:b more").build());
        // a line without a colon does not end the latest header: a continuation after it still extends it
        assertThat(decode("ACK x SIP/2.0\r\nTo: b\r\njunk\r\n more\r\n\r\n"))
                .isEqualTo(request(2).addHeaders("to:b more").build());
    }

    @Test
    void repeatedHeadersJoinInFirstAppearanceOrderWithLowerCasedTrimmedNames() {
        assertThat(decode("OPTIONS x SIP/2.0\r\nVia : a \r\nCONTACT:<c>\r\nVIA:b\r\nvia:  \r\nX-\u00C0b: \u00C0\r\n\r\n"))
                .isEqualTo(request(5).addHeaders("via:a,b,").addHeaders("contact:<c>")
                        .addHeadersBytes(com.google.protobuf.ByteString.copyFrom(text("x-\u00E0b:\u00C0"))).build());
        // tabs are not trimmed around names and values, only spaces
        assertThat(decode("INFO x SIP/2.0\r\nA\t: \tv\t\r\n:empty name\r\n\r\n"))
                .isEqualTo(request(11).addHeaders("a\t:\tv\t").addHeaders(":empty name").build());
    }

    @Test
    void lastLineWithoutNewlineIsNotParsed() {
        assertThat(decode("INVITE x SIP/2.0\r\nTo: a\r\nFrom: b")).isEqualTo(request(1).addHeaders("to:a").build());
        assertThat(decode("INVITE x SIP/2.0\r\nCSeq: bad INVITE")).isEqualTo(request(1).build());
        assertThat(decode("INVITE x SIP/2.0")).isNull();
    }

    @Test
    void crlfAndLfAndStrayCarriageReturnsReadAlike() {
        SIP expected = request(6).addHeaders("to:a").addHeaders("cseq:1 REGISTER").build();
        assertThat(decode("REGISTER x SIP/2.0\r\nTo: a\r\nCSeq: 1 REGISTER\r\n\r\nbody\r\n")).isEqualTo(expected);
        assertThat(decode("REGISTER x SIP/2.0\nTo: a\nCSeq: 1 REGISTER\n\nbody\n")).isEqualTo(expected);
        assertThat(decode("\rREGISTER x SIP/2.0\r\r\nTo: a\r\r\nCSeq: 1 REGISTER\n\r\r\nFrom: ignored\r\n")).isEqualTo(expected);
    }

    @Test
    void responsesTakeTheMethodFromCSeq() {
        assertThat(decode("SIP/2.0 200 OK fine\r\nCSeq: 42 invite\r\nContent-Length: 0\r\n\r\n"))
                .isEqualTo(SIP.newBuilder().setTimestamp(7L).setIsResponse(true).setVersion(2).setResponseCode(200)
                        .setResponseStatus("OK fine").setMethod(1).addHeaders("cseq:42 invite")
                        .addHeaders("content-length:0").build());
        // a CSeq without a space is not checked; a later one overrides the method
        // only an upper-case "SIP" makes a response: this one is read as a request with method "sip/1.0"
        assertReason("sip/1.0 404 \r\nCSeq: x\r\n\r\n", "unknownMethod");
        assertThat(decode("SIP/1.0 404 \r\nCSeq: x\r\ncseq: 2 BYE x\r\n\r\n"))
                .isEqualTo(SIP.newBuilder().setTimestamp(7L).setIsResponse(true).setVersion(1).setResponseCode(404)
                        .setMethod(3).addHeaders("cseq:x,2 BYE x").build());
    }

    @Test
    void badValuesAreCountedUnderTheirReason() {
        assertReason("INVITE x SIP/2.0\r\nCSeq: x INVITE\r\n\r\n", "badCSeq");
        assertReason("INVITE x SIP/2.0\r\nCSeq: 99999999999999999999 INVITE\r\n\r\n", "badCSeq");
        assertReason("SIP/2.0 200 OK\r\nCSeq: 1  INVITE\r\n\r\n", "unknownMethod");
        assertReason("SIP/2.0 200 OK\r\nCSeq: 1 FOO\r\n\r\n", "unknownMethod");
        assertReason("INVITE x SIP/2.0\r\nContent-Length: -\r\n\r\n", "badContentLength");
        assertReason("INVITE x SIP/2.0\r\ncontent-length: 1 \t\r\n\r\n", "badContentLength");
        assertReason("SIP/2.0 2000000000000 OK\r\n\r\n", "badStatusCode");
        assertReason("SIP/2.1 200 OK\r\n\r\n", "unknownVersion");
        assertReason("INVITE x\r\n\r\n", "invalidFirstLine");
        assertReason("\r\n\r\n", "empty");
        // signs and long digit runs are what Long.parseLong accepts
        assertThat(decode("INVITE x SIP/2.0\r\nCSeq: -9223372036854775808 INVITE\r\nContent-Length: +5\r\n\r\n")).isNotNull();
        assertThat(decode("SIP/2.0 +200 OK\r\n\r\n").getResponseCode()).isEqualTo(200);
    }

    @Test
    void nonAsciiMethodsCompareAsTheirUpperCase() {
        // U+00DF upper-cases to "SS", so the original's comparison accepts it as MESSAGE
        assertThat(decode("me\u00DFage x sip/2.0\r\n\r\n")).isEqualTo(request(13).build());
        assertReason("INVIT\u00C9 x SIP/2.0\r\n\r\n", "unknownMethod");
    }

    private static void assertReason(String message, String reason) {
        long before = AppErrors.get("SIP." + reason);
        assertThat(decode(message)).as(message).isNull();
        assertThat(AppErrors.get("SIP." + reason)).as(message).isEqualTo(before + 1);
        assertThat(SipReference.decode(text(message))).as(message).isEqualTo(reason);
    }

    @Property(tries = 3000)
    void sameRecordOrReasonAsTheStringForm(@ForAll("messages") byte[] m) {
        Object expected = SipReference.decode(m);
        if (expected instanceof SIP s) {
            assertThat(Sip.decode(m, 0, m.length, 0)).isEqualTo(s);
        } else {
            long before = AppErrors.get("SIP." + expected);
            assertThat(Sip.decode(m, 0, m.length, 0)).isNull();
            assertThat(AppErrors.get("SIP." + expected)).isEqualTo(before + 1);
        }
    }

    @Test
    void manyHeadersAsTheStringForm() {
        StringBuilder m = new StringBuilder("SIP/2.0 200 OK\r\n");
        for (int i = 0; i < 20_000; i++) {
            m.append(i % 3 == 0 ? "X-" : "x-").append(i % 7000).append(": v").append(i).append("\r\n");
            if (i % 11 == 0) m.append(" cont").append(i).append("\r\n");
        }
        m.append("\r\n");
        byte[] bytes = text(m.toString());
        SIP s = Sip.decode(bytes, 0, bytes.length, 0);
        assertThat(s.getHeadersCount()).isEqualTo(7000);
        assertThat(s).isEqualTo(SipReference.decode(bytes));
        // a small message after a large one on the same thread
        assertThat(decode("BYE x SIP/2.0\r\nX-1: a\r\nx-1: b\r\n\r\n")).isEqualTo(request(3).addHeaders("x-1:a,b").build());
    }

    @Test
    void windowInsideALargerBuffer() {
        byte[] inner = text("BYE x SIP/2.0\r\nTo: a\r\n\r\n");
        byte[] m = new byte[inner.length + 6];
        System.arraycopy(inner, 0, m, 3, inner.length);
        assertThat(Sip.decode(m, 3, inner.length, 7L)).isEqualTo(request(3).addHeaders("to:a").build());
        assertThat(Sip.decode(m, 3, m.length, 7L)).isNull();
        assertThat(Sip.decode(null, 0, 0, 7L)).isNull();
    }

    private static final List<String> FIRST = List.of("INVITE sip:a@b SIP/2.0", "SIP/2.0 200 OK", "SIP/2.0 180 Ringing now",
            "bye x sip/1.0", "SIP/2.0 abc OK", "FOO x SIP/2.0", "INVITE x", "me\u00DFage x SIP/2.0", "SIP/2.0 +1 ",
            "ACK  SIP/2.0", "SIP 200 OK", "INVITE x SIP/2.0 extra");
    private static final List<String> NAMES = List.of("Via", "VIA", "via", " Via ", "To", "From", "CSeq", "cseq ",
            "Content-Length", "CONTENT-LENGTH", "X-\u00C0\u00FF", "x-\u00E0\u00FF", "", "A\tB", "Subject");
    private static final List<String> VALUES = List.of("", " ", "1 INVITE", " 2 bye ", "x INVITE", "1  ACK", "3",
            "1\tINVITE", "-5", "+7 MESSAGE", "99999999999999999999 ACK", "9223372036854775807 PING", "SIP/2.0/UDP h",
            "a,b", "\u00DF", "\u00B5\u00FF", "v\t", ": :", "0");
    private static final List<String> EOL = List.of("\r\n", "\n", "\r\r\n", "\n\r");

    @Provide
    Arbitrary<byte[]> messages() {
        Arbitrary<String> header = Arbitraries.of(NAMES).flatMap(n -> Arbitraries.of(VALUES).map(v -> n + ":" + v));
        Arbitrary<String> continuation = Arbitraries.of(" ", "\t", " \t ").flatMap(p -> Arbitraries.of(VALUES).map(v -> p + v));
        Arbitrary<String> other = Arbitraries.of("junk", "", "\r", " ", "\u00DF:x");
        Arbitrary<String> line = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, header), net.jqwik.api.Tuple.of(2, continuation), net.jqwik.api.Tuple.of(1, other));
        Arbitrary<List<String>> lines = line.list().ofMaxSize(12);
        return Arbitraries.of(FIRST).flatMap(first -> lines.flatMap(ls -> Arbitraries.of(EOL).list().ofSize(ls.size() + 1)
                .flatMap(eols -> Arbitraries.of(true, false).map(finalNewline -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    out.writeBytes(text(first + eols.get(0)));
                    for (int i = 0; i < ls.size(); i++) {
                        boolean lastLine = i == ls.size() - 1;
                        out.writeBytes(text(ls.get(i) + (lastLine && !finalNewline ? "" : eols.get(i + 1))));
                    }
                    return out.toByteArray();
                }))));
    }
}
