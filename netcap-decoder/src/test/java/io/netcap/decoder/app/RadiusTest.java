package io.netcap.decoder.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.testing.Corpus;
import io.netcap.types.RADIUS;
import io.netcap.types.RADIUSAttribute;
import io.netcap.types.RecordType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RADIUS (RFC 2865): hand-built packets, and the corpus capture field by field against TShark. */
class RadiusTest {
    private static final HexFormat HEX = HexFormat.of();

    /** Access-Request, id 7: User-Name "bob", NAS-Port 1; two bytes of padding after Length. */
    private static byte[] accessRequest() {
        return Bytes.of().u8(1, 7).u16(20 + 5 + 6).raw(HEX.parseHex("00112233445566778899aabbccddeeff"))
                .u8(1, 5).raw("bob".getBytes(StandardCharsets.US_ASCII)).u8(5, 6).u32(1).u8(0, 0).get();
    }

    @Test
    void headerAndAttributes() {
        byte[] m = accessRequest();
        RADIUS r = Radius.decode(m, 0, m.length, 42);
        assertThat(r.getTimestamp()).isEqualTo(42);
        assertThat(r.getCode()).isEqualTo(1);
        assertThat(r.getIdentifier()).isEqualTo(7);
        assertThat(r.getLength()).isEqualTo(31);
        assertThat(HEX.formatHex(r.getAuthenticator().toByteArray())).isEqualTo("00112233445566778899aabbccddeeff");
        assertThat(r.getAttributesList()).extracting(RADIUSAttribute::getType).containsExactly(1, 5);
        assertThat(r.getAttributesList()).extracting(RADIUSAttribute::getLength).containsExactly(5, 6);
        assertThat(r.getAttributes(0).getValue().toStringUtf8()).isEqualTo("bob");
        assertThat(r.getAttributes(1).getValue().toByteArray()).containsExactly(0, 0, 0, 1);
    }

    @Test
    void truncatedAndLyingFormsAreRejectedAndCounted() {
        byte[] m = accessRequest();
        assertRejected("RADIUS.tooShort", m, 19);
        assertRejected("RADIUS.lengthExceedsData", m, 30);
        byte[] badAttr = m.clone();
        badAttr[20 + 1] = 1; // attribute length below its own header
        assertRejected("RADIUS.attributeLengthPastEnd", badAttr, badAttr.length);
        byte[] pastEnd = m.clone();
        pastEnd[25 + 1] = 8; // NAS-Port claims 8 bytes, Length leaves 6
        assertRejected("RADIUS.attributeLengthPastEnd", pastEnd, pastEnd.length);
        byte[] shortLength = m.clone();
        shortLength[3] = 19;
        assertRejected("RADIUS.badLength", shortLength, shortLength.length);
    }

    private static void assertRejected(String counter, byte[] m, int len) {
        long before = AppErrors.get(counter);
        assertThat(Radius.decode(m, 0, len, 0)).as(counter).isNull();
        assertThat(AppErrors.get(counter)).as(counter).isEqualTo(before + 1);
    }

    /**
     * tcpdump__RADIUS.pcap through the engine's parse and application decoding (UDP 1812 from the registry).
     * Expected values: TShark 4.0 {@code -e radius.code -e radius.id -e radius.length -e radius.authenticator
     * -e radius.avp.type -e radius.avp.length -e radius.User_Name -e radius.State} on the same frames.
     */
    @Test
    void corpusCaptureEqualsTshark() throws IOException {
        Corpus.require();
        List<PipelineRecords.Framed> records = PipelineRecords.of(Corpus.pcaps().resolve("tcpdump__RADIUS.pcap"),
                EnumSet.of(RecordType.RADIUS));
        assertThat(records).extracting(PipelineRecords.Framed::frame).containsExactly(1, 2, 3, 4);
        Object[][] tshark = {
                // code, id, length, authenticator, attribute types, attribute lengths, User-Name, State
                {1, 5, 139, "ecfe3d2fe4473ec6299095ee46aedf77", List.of(4, 5, 61, 1, 30, 31, 6, 12, 79, 80),
                        List.of(6, 6, 6, 14, 19, 19, 6, 6, 19, 18), "John.McGuirk", ""},
                {11, 5, 109, "f050649184625d36f14c9075b7a48b83", List.of(8, 12, 6, 18, 79, 80, 24),
                        List.of(6, 6, 6, 11, 24, 18, 18), "", "c6d195032fdc30240f7313b231ef1d77"},
                {1, 6, 174, "6a6f38e6dae830304d2333e5d5364643", List.of(4, 5, 61, 1, 30, 31, 6, 12, 24, 79, 80),
                        List.of(6, 6, 6, 14, 19, 19, 6, 6, 18, 36, 18), "John.McGuirk", "c6d195032fdc30240f7313b231ef1d77"},
                {2, 6, 97, "fbba6a784c7decb314caf0f27944a37b", List.of(8, 12, 6, 18, 79, 80, 1),
                        List.of(6, 6, 6, 21, 6, 18, 14), "John.McGuirk", ""},
        };
        for (int i = 0; i < tshark.length; i++) {
            RADIUS r = (RADIUS) records.get(i).record();
            Object[] t = tshark[i];
            String frame = "frame " + (i + 1);
            assertThat(r.getCode()).as(frame).isEqualTo(t[0]);
            assertThat(r.getIdentifier()).as(frame).isEqualTo(t[1]);
            assertThat(r.getLength()).as(frame).isEqualTo(t[2]);
            assertThat(HEX.formatHex(r.getAuthenticator().toByteArray())).as(frame).isEqualTo(t[3]);
            assertThat(r.getAttributesList()).extracting(RADIUSAttribute::getType).as(frame).isEqualTo(t[4]);
            assertThat(r.getAttributesList()).extracting(RADIUSAttribute::getLength).as(frame).isEqualTo(t[5]);
            assertThat(value(r, 1, false)).as(frame).isEqualTo(t[6]);
            assertThat(value(r, 24, true)).as(frame).isEqualTo(t[7]);
            assertThat(r.getSrcPort() == 1812 || r.getDstPort() == 1812).as(frame).isTrue();
        }
    }

    /** The value of the first attribute of {@code type}, as text or hex; empty without one. */
    private static String value(RADIUS r, int type, boolean hex) {
        return r.getAttributesList().stream().filter(a -> a.getType() == type).findFirst()
                .map(a -> hex ? HEX.formatHex(a.getValue().toByteArray()) : a.getValue().toStringUtf8()).orElse("");
    }
}
