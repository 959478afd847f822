package io.netcap.decoder.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.types.NTP;
import io.netcap.types.SIP;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NtpSipTest {

    @Test
    void ntpHeaderIsCopiedRaw() {
        byte[] m = Bytes.of().u8(0xe3, 2, 6, 0xec).u32(0x00010000L).u32(0x00020000L).ascii("GPS\0")
                .u32(0xe8e4a1b2L).u32(0x80000000L).zeros(8).zeros(8).u32(0xe8e4a1c0L).u32(1).u8(1, 2).get();
        NTP n = Ntp.decode(m, 0, m.length, 3L);
        assertThat(n.getLeapIndicator()).isEqualTo(3);
        assertThat(n.getVersion()).isEqualTo(4);
        assertThat(n.getMode()).isEqualTo(3);
        assertThat(n.getStratum()).isEqualTo(2);
        assertThat(n.getPoll()).isEqualTo(6);
        assertThat(n.getPrecision()).isEqualTo(-20);
        assertThat(n.getRootDelay()).isEqualTo(0x10000);
        assertThat(n.getReferenceID()).isEqualTo(0x47505300);
        assertThat(n.getReferenceTimestamp()).isEqualTo(0xe8e4a1b280000000L);
        assertThat(n.getTransmitTimestamp()).isEqualTo(0xe8e4a1c000000001L);
        assertThat(n.getExtensionBytes().toByteArray()).containsExactly(1, 2);
        long before = AppErrors.get("NTP.tooShort");
        assertThat(Ntp.decode(m, 0, 47, 0)).isNull();
        assertThat(AppErrors.get("NTP.tooShort")).isEqualTo(before + 1);
    }

    static byte[] text(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void sipRequestHeadersAreLowerCasedAndJoined() {
        byte[] m = text("INVITE sip:bob@biloxi.com SIP/2.0\r\nVia: SIP/2.0/UDP pc33.atlanta.com\r\n"
                + "VIA: SIP/2.0/UDP bigbox3.site3.atlanta.com\r\nSubject: hello\r\n  world\r\nCSeq: 314159 INVITE\r\n"
                + "Content-Length: 0\r\n\r\nv=0\r\n");
        SIP s = Sip.decode(m, 0, m.length, 1L);
        assertThat(s.getIsResponse()).isFalse();
        assertThat(s.getMethod()).isEqualTo(1);
        assertThat(s.getVersion()).isEqualTo(2);
        assertThat(s.getHeadersList()).containsExactlyInAnyOrder(
                "via:SIP/2.0/UDP pc33.atlanta.com,SIP/2.0/UDP bigbox3.site3.atlanta.com",
                "subject:hello world", "cseq:314159 INVITE", "content-length:0");
    }

    @Test
    void sipResponseTakesMethodFromCSeq() {
        byte[] m = text("SIP/2.0 180 Ringing\r\nCSeq: 2 BYE\r\n\r\n");
        SIP s = Sip.decode(m, 0, m.length, 1L);
        assertThat(s.getIsResponse()).isTrue();
        assertThat(s.getResponseCode()).isEqualTo(180);
        assertThat(s.getResponseStatus()).isEqualTo("Ringing");
        assertThat(s.getMethod()).isEqualTo(3);
    }

    @Test
    void sipRejectsWhatTheOriginalRejects() {
        for (String bad : new String[] {"FOO sip:x SIP/2.0\r\n\r\n", "SIP/3.0 200 OK\r\n\r\n", "SIP/2.0 abc OK\r\n\r\n",
                "INVITE x SIP/2.0\r\nCSeq: x INVITE\r\n\r\n", "INVITE x SIP/2.0\r\nContent-Length: x\r\n\r\n", "INVITE\r\n\r\n", ""}) {
            byte[] m = text(bad);
            assertThat(Sip.decode(m, 0, m.length, 0)).as(bad).isNull();
        }
    }
}
